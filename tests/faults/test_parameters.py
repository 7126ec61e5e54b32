"""Bad parameters are refused before any kernel starts, naming the parameter (exit 2).

Items 2 (the edition is the build's, never a parameter) and 9 (dates, list elements, text length)
of the safety issue. The tiny project's notebooks are given a richer parameters cell: a data
cut-off `as_of`, a date declared only by its comment, a list of floats and a free text."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from strategy_brief.build import buildfile, execute, params
from strategy_brief.build import edition as build
from tests.conftest import OK_CELL, make_notebook
from tests.faults.conftest import run_cli, tree_hash

PARAMETERS = """
edition: str = "2000-01-01"  # edition date, YYYY-MM-DD
as_of: str = ""  # last date of the data, YYYY-MM-DD; empty for all data
since: str = ""  # first date shown, YYYY-MM-DD
region: str = "Global"  # one of: Global | Europe
levels: list = [1.0, 2.5]  # thresholds for a table
label: str = "A label"  # free text shown under the title
"""

NEW_EDITION = "2000-01-02"  # not yet published: a bad parameter must not create it either


@pytest.fixture
def project(published: Path, monkeypatch) -> Path:
    """The published tiny project, its notebooks with PARAMETERS, and kernels forbidden."""
    make_notebook(published / "notebooks" / "ok.ipynb", PARAMETERS, OK_CELL)
    make_notebook(published / "notebooks" / "second.ipynb", PARAMETERS, OK_CELL)

    def no_kernel(*args, **kwargs):
        raise AssertionError("a kernel was started for a build that should have been refused")

    monkeypatch.setattr(execute, "run_notebook", no_kernel)
    monkeypatch.setattr(execute, "require_kernel", no_kernel)
    return published


def build_cli(root: Path, *args: str):
    return run_cli(
        "build", "--build-file", root / "briefs.yml", "--reports-dir", root / "reports", "--no-pdf", *args
    )


def refused(root: Path, *args: str, names: tuple[str, ...]):
    """Run a build that must be refused; check exit 2, one short error, the named place, no change."""
    before = tree_hash(root / "reports", root / "data")
    outcome = build_cli(root, *args)
    assert outcome.code == 2, outcome
    assert "Traceback" not in outcome.text
    assert outcome.err.startswith("strategy-brief build: error:"), outcome.err
    assert len(outcome.err.strip().splitlines()) == 1, outcome.err
    for needle in names:
        assert needle in outcome.err, (needle, outcome.err)
    assert tree_hash(root / "reports", root / "data") == before
    return outcome


def set_brief_parameters(root: Path, text: str) -> None:
    """Replace the tiny build file's brief entry parameters (same briefs, same ids)."""
    (root / "briefs.yml").write_text(
        textwrap.dedent(
            """
            title: Tiny series
            briefs:
              - id: hello-{region}
                title: "Hello: {region}"
                notebooks: [ok.ipynb, second.ipynb]
                for_each:
                  region: [Global, Europe]
            """
        )
        + textwrap.indent(textwrap.dedent(text).strip(), "    ")
        + "\n"
    )


# Item 2: the edition belongs to the build.


def test_edition_as_cli_parameter_is_refused(project):
    refused(project, "--edition", NEW_EDITION, "-p", "edition=1999-12-31", names=("-p edition", "--edition"))


def test_edition_in_build_file_parameters_is_refused(project):
    set_brief_parameters(project, "parameters: {edition: 1999-12-31}")
    refused(project, "--edition", NEW_EDITION, names=("briefs.yml: briefs[0]", "'edition'", "--edition"))


# Item 9: dates.


@pytest.mark.parametrize("value", ["abc", "2026-13-45", "2026-1-5", "05/01/2000"])
def test_as_of_that_is_not_an_iso_date_is_refused(project, value):
    refused(project, "--edition", NEW_EDITION, "-p", f"as_of={value}", names=("'as_of'", "YYYY-MM-DD", value))


def test_as_of_from_the_build_file_is_checked_too(project):
    set_brief_parameters(project, "parameters: {as_of: 2026-13-45}")
    refused(project, "--edition", NEW_EDITION, names=("ok.ipynb", "'as_of'", "YYYY-MM-DD", "in all 2 briefs"))


def test_as_of_after_the_edition_date_is_refused(project):
    refused(
        project,
        "--edition",
        NEW_EDITION,
        "-p",
        "as_of=2000-02-01",
        names=("'as_of'", "after the edition's date"),
    )


def test_as_of_of_100_kb_is_refused_in_one_short_line(project):
    outcome = refused(
        project, "--edition", NEW_EDITION, "-p", "as_of=" + "9" * 100_000, names=("'as_of'", "200")
    )
    assert len(outcome.err) < 1_000


def test_a_date_declared_only_by_its_comment_is_checked(project):
    refused(project, "--edition", NEW_EDITION, "-p", "since=2000-02-30", names=("'since'", "YYYY-MM-DD"))


# Item 9: list elements and text length.


def test_list_element_of_the_wrong_type_is_refused(project):
    refused(
        project,
        "--edition",
        NEW_EDITION,
        "-p",
        "levels=[1.0, 'high']",
        names=("'levels'", "list of float", "position 2"),
    )


def test_overlong_text_parameter_is_refused(project):
    refused(project, "--edition", NEW_EDITION, "-p", "label=" + "x" * 201, names=("'label'", "at most 200"))


def test_good_values_pass_the_same_checks(project):
    """The control: valid dates, an empty cut-off, ints in a float list and a 200-character text pass,
    and the build's edition is the one every notebook receives."""
    spec = buildfile.load(project / "briefs.yml")
    overrides = {"as_of": "2000-01-02", "since": "", "levels": "[1, 2.5]", "label": "x" * 200}
    the_plan = build.plan(spec, spec.briefs, "2000-01-02-rc1", overrides)
    values = the_plan.steps["hello-global"][0][1]
    assert values["as_of"] == "2000-01-02" and values["edition"] == "2000-01-02-rc1"
    assert values["levels"] == [1.0, 2.5] and all(isinstance(x, float) for x in values["levels"])
    with pytest.raises(params.ParameterError, match="'since'"):
        build.plan(spec, spec.briefs, "2000-01-02", {"since": "2000-02-30"})
