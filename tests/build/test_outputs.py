"""A brief's manifest (strategy_brief.build.outputs.write_manifest): the commit and the data hashes are
the build's, taken once and passed in; only the brief's own files are hashed for it."""

import json
from types import SimpleNamespace

import pytest

from strategy_brief.build import manifest, outputs


@pytest.fixture
def project(tmp_path):
    (tmp_path / "data" / "raw").mkdir(parents=True)
    (tmp_path / "data" / "processed").mkdir()
    (tmp_path / "data" / "raw" / "facts.csv").write_text("id\nF1\n")
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "a.ipynb").write_text("{}")
    (tmp_path / "briefs.yml").write_text("briefs: []\n")
    return tmp_path


def failed_result(root):
    brief = SimpleNamespace(id="b", title="B", parameters={}, notebooks=[root / "notebooks" / "a.ipynb"])
    return SimpleNamespace(brief=brief, runs=[], status="failed", error="x", seconds=1.0, pages=None)


def test_the_builds_commit_and_data_hashes_are_used_as_given(project, monkeypatch):
    def no_git(root):
        raise AssertionError("git was asked again for one brief")

    monkeypatch.setattr(manifest, "git_commit", no_git)
    given = {"data/raw/facts.csv": "hash-at-build-start"}
    folder = project / "out"
    outputs.write_manifest(
        failed_result(project),
        "2026-01-01",
        folder,
        project / "briefs.yml",
        project,
        {},
        git={"commit": "abc", "dirty": False},
        data_inputs=given,
    )
    written = json.loads((folder / "manifest.json").read_text())
    assert written["git"] == {"commit": "abc", "dirty": False}
    assert written["inputs"]["data/raw/facts.csv"] == "hash-at-build-start"  # not hashed again
    assert written["inputs"]["briefs.yml"] == manifest.sha256(project / "briefs.yml")
    assert written["inputs"]["notebooks/a.ipynb"] == manifest.sha256(project / "notebooks" / "a.ipynb")
