"""The build file's citation and its refusal of unknown top-level keys (build.buildfile)."""

import pytest

from strategy_brief.build import buildfile


def test_build_file_carries_citation_and_rejects_unknown_top_level_keys(tmp_path):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "a.ipynb").write_text("{}")
    path = tmp_path / "briefs.yml"
    path.write_text(
        "title: T\npublisher: P\nlicence: CC BY 4.0\nbriefs:\n  - {id: a, title: A, notebooks: [a.ipynb]}\n"
    )
    spec = buildfile.load(path)
    assert spec.citation("2026-01-01", "A") == "P. T (A), edition 2026-01-01. Licence: CC BY 4.0."
    path.write_text("title: T\nlicense: x\nbriefs:\n  - {id: a, title: A, notebooks: [a.ipynb]}\n")
    with pytest.raises(buildfile.BuildFileError, match="unknown top-level key"):
        buildfile.load(path)
