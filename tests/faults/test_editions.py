"""What an edition holds and where `latest` points: items 3 and 10 of the safety issue.

A build may not publish an edition with fewer briefs than the published one has unless the user
removes them with --remove-brief; an empty edition name is refused; `latest` only ever points
at a final edition (YYYY-MM-DD), and release candidates sort before their final edition."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from strategy_brief.build import publish
from tests.faults.conftest import run_cli, tree_hash

PUBLISHED = "2000-01-01"  # the edition the `published` fixture has, briefs hello-global and hello-europe


def build_cli(root: Path, *args: str):
    return run_cli(
        "build", "--build-file", root / "briefs.yml", "--reports-dir", root / "reports", "--no-pdf", *args
    )


def write_build_file(root: Path, regions: str) -> None:
    """The tiny build file with the given for_each regions (an empty string: no briefs at all)."""
    briefs = (
        f"""
        briefs:
          - id: hello-{{region}}
            title: "Hello: {{region}}"
            notebooks: [ok.ipynb, second.ipynb]
            for_each:
              region: [{regions}]
        """
        if regions
        else "briefs: []\n"
    )
    (root / "briefs.yml").write_text("title: Tiny series\n" + textwrap.dedent(briefs))


def refused(root: Path, *args: str, names: tuple[str, ...]):
    before = tree_hash(root / "reports", root / "data")
    outcome = build_cli(root, *args)
    assert outcome.code == 2, outcome
    assert "Traceback" not in outcome.text
    assert len(outcome.err.strip().splitlines()) == 1, outcome.err
    for needle in names:
        assert needle in outcome.err, (needle, outcome.err)
    assert tree_hash(root / "reports", root / "data") == before
    return outcome


def edition_briefs(root: Path, edition: str) -> list[str]:
    return json.loads((root / "reports" / edition / publish.EDITION_INDEX).read_text())["briefs"]


# Item 3: never lose a published brief by accident.


def test_empty_build_file_is_refused(published):
    write_build_file(published, "")
    refused(published, "--edition", PUBLISHED, names=("briefs.yml", "'briefs' is empty"))


def test_build_file_that_drops_a_published_brief_is_refused(published):
    write_build_file(published, "Global")
    refused(published, "--edition", PUBLISHED, names=("hello-europe", "--remove-brief hello-europe"))
    assert edition_briefs(published, PUBLISHED) == ["hello-europe", "hello-global"]


@pytest.mark.slow
def test_remove_brief_drops_it_deliberately(published):
    write_build_file(published, "Global")
    outcome = build_cli(published, "--edition", PUBLISHED, "--remove-brief", "hello-europe")
    assert outcome.code == 0, outcome
    assert edition_briefs(published, PUBLISHED) == ["hello-global"]
    assert not (published / "reports" / PUBLISHED / "hello-europe").exists()


def test_remove_brief_that_the_edition_does_not_have_is_refused(published):
    refused(
        published,
        "--edition",
        PUBLISHED,
        "--remove-brief",
        "hello-asia",
        names=("hello-asia", "hello-europe"),
    )


def test_remove_brief_still_in_the_build_file_is_refused(published):
    refused(
        published,
        "--edition",
        PUBLISHED,
        "--remove-brief",
        "hello-europe",
        names=("hello-europe", "briefs.yml still lists"),
    )


@pytest.mark.slow
def test_a_build_of_one_brief_keeps_the_others(published):
    """The control: --brief builds a subset and the edition keeps its other published briefs."""
    europe = tree_hash(published / "reports" / PUBLISHED / "hello-europe")
    outcome = build_cli(published, "--edition", PUBLISHED, "--brief", "hello-global")
    assert outcome.code == 0, outcome
    assert edition_briefs(published, PUBLISHED) == ["hello-europe", "hello-global"]
    assert tree_hash(published / "reports" / PUBLISHED / "hello-europe") == europe


# Item 10: the edition name and `latest`.


def test_empty_edition_is_refused(published):
    refused(published, "--edition", "", names=("edition ''", "YYYY-MM-DD"))


@pytest.mark.slow
def test_latest_never_points_at_a_release_candidate(published):
    # 2000-01-01-rc1 sorts after 2000-01-01 as text; it is a candidate for that edition, not newer.
    outcome = build_cli(published, "--edition", f"{PUBLISHED}-rc1")
    assert outcome.code == 0, outcome
    assert (published / "reports" / f"{PUBLISHED}-rc1" / publish.EDITION_INDEX).exists()
    assert (published / "reports" / "latest").readlink() == Path(PUBLISHED)


def test_release_candidates_come_before_their_final_edition(tmp_path):
    for edition in ["2026-12-04", "2026-12-05-rc1", "2026-12-05-rc2", "2026-12-05-rc10", "2026-12-05"]:
        (tmp_path / edition).mkdir()
        (tmp_path / edition / publish.EDITION_INDEX).write_text(json.dumps({"status": "complete"}))
    assert publish.point_latest(tmp_path) == "2026-12-05"
    assert publish.previous_edition(tmp_path, "2026-12-05") == "2026-12-05-rc10"
    assert publish.previous_edition(tmp_path, "2026-12-05-rc2") == "2026-12-05-rc1"
    assert publish.previous_edition(tmp_path, "2026-12-05-rc1") == "2026-12-04"
    assert publish.previous_edition(tmp_path, "2026-12-06-rc1") == "2026-12-05"
