"""Previews (`strategy-brief preview`, `edition.preview`): a brief built into reports/_drafts/, never into a
published edition or `latest`; an override of what a brief is about (its region) renames the preview and
is refused by `build`, which would publish it under the old id and title.

Most tests use the kernel and Chromium stand-ins of tests/build/test_publish.py; one runs the CLI with a
real kernel."""

from __future__ import annotations

import io
import json
import os
import re
import textwrap
from pathlib import Path

import pytest

from strategy_brief.build import buildfile, params, publish
from strategy_brief.build import edition as build
from strategy_brief.build.buildfile import Brief, BuildFile
from tests.build.test_publish import EDITION, build_tiny, stand_ins  # noqa: F401  (a fixture, used by name)
from tests.conftest import make_notebook
from tests.faults.conftest import run_cli, tree_hash


def only_global(root: Path) -> None:
    """The tiny build file with one brief, hello-global: Europe is a value its notebooks accept, but no
    brief of the build file has it."""
    text = (root / "briefs.yml").read_text()
    (root / "briefs.yml").write_text(text.replace("[Global, Europe]", "[Global]"))


def published_state(root: Path) -> dict[str, str]:
    """Everything a preview must leave alone: every edition, `latest`, and nothing but drafts added."""
    reports = root / "reports"
    state = tree_hash(*(p for p in reports.iterdir() if p.name not in (publish.DRAFTS_DIR, "_logs")))
    state["entries"] = " ".join(sorted(p.name for p in reports.iterdir() if p.name != publish.DRAFTS_DIR))
    return state


def run_preview(root: Path, brief: str, **kwargs) -> build.BuildResult:
    out = io.StringIO()
    result = build.preview(
        brief,
        build_file=root / "briefs.yml",
        edition=EDITION,
        reports_dir=root / "reports",
        root=root,
        out=out,
        **kwargs,
    )
    assert result.ok, out.getvalue()
    return result


@pytest.mark.usefixtures("stand_ins")
def test_a_preview_with_another_region_is_renamed_and_changes_nothing_published(tiny_project):
    only_global(tiny_project)
    build_tiny(tiny_project)
    before = published_state(tiny_project)
    result = run_preview(tiny_project, "hello-global", overrides={"region": "Europe"})
    draft = result.location
    assert draft.parent == tiny_project / "reports" / publish.DRAFTS_DIR
    assert draft.name.startswith("hello-europe-") and draft.name.endswith("Z")
    assert published_state(tiny_project) == before
    page = (draft / f"hello-europe_{EDITION}.html").read_text()
    assert "Hello: Europe" in page and "Region: Europe" in page and "Global" not in page
    assert os.readlink(draft / "hello-europe.html") == f"hello-europe_{EDITION}.html"
    assert (draft / f"hello-europe_{EDITION}.pdf").is_file()
    manifest = json.loads((draft / "manifest.json").read_text())
    assert manifest["brief"] == "hello-europe" and manifest["title"] == "Hello: Europe"
    assert manifest["parameters"] == {"region": "Europe"}
    assert manifest["draft"] == {
        "of": "hello-global",
        "renamed_from": "hello-global",
        "overrides": {"region": "Europe"},
    }
    assert "cache" not in manifest, "a draft is never reused as a published brief"
    assert not (draft / publish.EDITION_INDEX).exists() and not (draft / "SHA256SUMS").exists()
    assert not list((tiny_project / "reports" / publish.DRAFTS_DIR).glob(".staging-*"))


@pytest.mark.usefixtures("stand_ins")
def test_a_preview_takes_the_build_files_brief_for_that_value(tiny_project):
    build_tiny(tiny_project)
    result = run_preview(tiny_project, "hello-global", overrides={"region": "Europe"}, pdf=False)
    assert result.briefs[0].brief.id == "hello-europe" and result.briefs[0].brief.title == "Hello: Europe"
    manifest = json.loads((result.location / "manifest.json").read_text())
    assert manifest["formats"] == ["html"] and manifest["html_only"] == "built with --no-pdf"
    # The published hello-europe is not the draft's: a second preview gets a folder of its own.
    again = run_preview(tiny_project, "hello-global", overrides={"region": "Europe"}, pdf=False)
    assert again.location != result.location and again.location.parent == result.location.parent


@pytest.mark.usefixtures("stand_ins")
def test_a_preview_without_overrides_keeps_the_brief_and_its_id(tiny_project):
    result = run_preview(tiny_project, "hello-global", pdf=False)
    assert result.location.name.startswith("hello-global-")
    manifest = json.loads((result.location / "manifest.json").read_text())
    assert manifest["draft"] == {"of": "hello-global", "renamed_from": None, "overrides": {}}
    assert not any(p.name != publish.DRAFTS_DIR for p in (tiny_project / "reports").iterdir())


@pytest.mark.usefixtures("stand_ins")
def test_a_preview_with_a_bad_value_writes_nothing(tiny_project):
    with pytest.raises(params.ParameterError, match="'region'"):
        build.preview(
            "hello-global",
            build_file=tiny_project / "briefs.yml",
            reports_dir=tiny_project / "reports",
            root=tiny_project,
            overrides={"region": "Mars"},
            out=io.StringIO(),
        )
    assert not (tiny_project / "reports").exists()


# `build` refuses an override that would publish another region under a brief's id and title.


def build_cli(root: Path, *args):
    return run_cli("build", "--build-file", root / "briefs.yml", "--reports-dir", root / "reports", *args)


def test_build_refuses_another_region_for_a_region_brief_naming_the_brief_that_has_it(tiny_project):
    outcome = build_cli(tiny_project, "--no-pdf", "--brief", "hello-global", "-p", "region=Europe")
    assert outcome.code == 2, outcome
    [line] = outcome.err.strip().splitlines()
    for needle in (
        "-p region=Europe",
        "brief hello-global",
        "'Global'",
        "brief hello-europe already has",
        "strategy-brief preview hello-global -p region=Europe",
    ):
        assert needle in line, (needle, line)
    assert not (tiny_project / "reports" / EDITION).exists()


def test_build_refuses_a_region_no_brief_has_and_says_how_to_preview_it(tiny_project):
    only_global(tiny_project)
    outcome = build_cli(tiny_project, "--no-pdf", "-p", "region=Europe")
    assert outcome.code == 2, outcome
    assert "no brief in briefs.yml has region=Europe" in outcome.err and "preview hello-global" in outcome.err


def test_the_readme_example_is_refused_on_the_real_build_file(tmp_path):
    outcome = run_cli(
        "build", "--reports-dir", tmp_path / "reports", "--brief", "executive-global", "-p", "region=Europe"
    )
    assert outcome.code == 2, outcome
    assert "brief executive-global" in outcome.err and "region=Europe" in outcome.err
    assert "strategy-brief preview executive-global -p region=Europe" in outcome.err


def test_the_same_value_or_a_parameter_that_is_not_bound_is_not_refused(tiny_project):
    spec = buildfile.load(tiny_project / "briefs.yml")
    [globe] = spec.select(["hello-global"])
    build.refuse_bound_overrides(spec, (globe,), {"region": "Global", "as_of": "2000-01-01"})
    with pytest.raises(
        params.ParameterError, match=re.escape("brief hello-europe is briefs.yml's brief for region 'Europe'")
    ):
        build.refuse_bound_overrides(spec, spec.briefs, {"region": "Global"})  # hello-europe's region changes


# Which parameters a brief is about, and the name a preview takes.


def fake_spec(*briefs: Brief) -> BuildFile:
    return BuildFile(Path("briefs.yml"), "Series", briefs)


NB = (Path("x.ipynb"),)
COUNTRIES = (
    Brief("country-ken", "Country brief: Kenya", (Path("c.ipynb"),), {"country": "KEN"}),
    Brief("country-nga", "Country brief: Nigeria", (Path("c.ipynb"),), {"country": "NGA"}),
)
REPORT = Brief("full-report", "The full report", (Path("a.ipynb"), Path("b.ipynb")), {"region": "Global"})
ALONE = Brief("executive-global", "Executive brief: Global", NB, {"region": "Global"})


def test_bound_parameters_are_those_a_family_varies_or_the_id_spells():
    spec = fake_spec(*COUNTRIES, REPORT, ALONE)
    assert build.bound_parameters(COUNTRIES[0], spec) == ["country"]
    assert build.bound_parameters(ALONE, spec) == ["region"], "alone, but its id spells the region"
    assert build.bound_parameters(REPORT, spec) == [], "the full report is not a region's brief"


@pytest.mark.parametrize(
    ("brief", "overrides", "expected"),
    [
        (COUNTRIES[0], {"country": "NGA"}, ("country-nga", "Country brief: Nigeria")),  # the build file's
        (COUNTRIES[0], {"country": "GHA"}, ("country-gha", "Country brief: GHA")),  # the label's place
        (ALONE, {"region": "Europe"}, ("executive-europe", "Executive brief: Europe")),
        (
            ALONE,
            {"region": "Latin America & Caribbean"},
            ("executive-latin-america-caribbean", "Executive brief: Latin America & Caribbean"),
        ),
        (REPORT, {"region": "Europe"}, ("full-report", "The full report")),  # metadata only
        (ALONE, {"as_of": "2000-01-01"}, ("executive-global", "Executive brief: Global")),
    ],
)
def test_a_preview_is_named_after_the_values_that_take_effect(brief, overrides, expected):
    spec = fake_spec(*COUNTRIES, REPORT, ALONE)
    renamed = build.renamed(brief, spec, overrides)
    assert (renamed.id, renamed.title) == expected
    bound = build.bound_parameters(brief, spec)
    assert {k: renamed.parameters[k] for k in bound} == {
        k: overrides.get(k, brief.parameters[k]) for k in bound
    }


def test_a_value_that_cannot_name_a_preview_is_refused():
    with pytest.raises(params.ParameterError, match="executive-global"):
        build.renamed(ALONE, fake_spec(ALONE), {"region": "???"})


@pytest.mark.slow  # a real kernel
def test_the_preview_command_with_a_real_kernel(tiny_project):
    def preview_cli(*args):
        return run_cli("preview", *args, "--reports-dir", tiny_project / "reports", "--no-pdf")

    only_global(tiny_project)
    outcome = preview_cli("hello-global", "--build-file", tiny_project / "briefs.yml", "-p", "region=Europe")
    assert outcome.code == 0, outcome.text
    [draft] = (tiny_project / "reports" / publish.DRAFTS_DIR).iterdir()
    assert [p.name for p in (tiny_project / "reports").iterdir()] == [publish.DRAFTS_DIR]
    assert f"Preview written to {draft}" in outcome.out
    page = (draft / "hello-europe.html").read_text()
    assert "Hello from the Europe brief, edition" in page and "Hello: Europe" in page
    assert (draft / "figures" / "figure-01.csv").is_file()
    # A failing preview: exit 1, its notebooks kept as a -failed draft.
    make_notebook(
        tiny_project / "notebooks" / "bad.ipynb", 'edition: str = "2000-01-01"', "raise ValueError('bad')"
    )
    (tiny_project / "other.yml").write_text(
        textwrap.dedent("""
            title: Tiny series
            briefs:
              - {id: broken, title: Broken, notebooks: [ok.ipynb, bad.ipynb]}
        """)
    )
    outcome = preview_cli("broken", "--build-file", tiny_project / "other.yml")
    assert outcome.code == 1, outcome.text
    assert "ValueError" in outcome.text and "brief broken failed" in outcome.err
    [failed] = (tiny_project / "reports" / publish.DRAFTS_DIR).glob("broken-*-failed")
    assert (failed / "notebooks" / "02_bad.ipynb").exists()
    assert [p.name for p in (tiny_project / "reports").iterdir()] == [publish.DRAFTS_DIR]
