"""Retention of the reports folder (build.retention, `strategy-brief prune`) on synthetic folders laid
out as build.publish lays them out."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from strategy_brief import cli
from strategy_brief.build import lock, publish, retention


def make_edition(reports: Path, name: str, status: str = "complete", size: int = 1000) -> Path:
    folder = reports / name
    (folder / "brief-a").mkdir(parents=True)
    (folder / "brief-a" / "brief-a.html").write_bytes(b"x" * size)
    (folder / "brief-a" / "manifest.json").write_text("{}")
    (folder / publish.EDITION_INDEX).write_text(json.dumps({"status": status, "briefs": ["brief-a"]}))
    return folder


def make_reports(reports: Path, names: list[str]) -> Path:
    for name in names:
        make_edition(reports, name)
    publish.point_latest(reports)
    return reports


def tree(folder: Path) -> dict[str, bytes | str]:
    """Every path under folder with its content (files) or link target (symlinks)."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            found[key] = os.readlink(path)
        elif path.is_file():
            found[key] = path.read_bytes()
    return found


def edition_names(reports: Path) -> list[str]:
    return retention.editions(reports)


def quiet(_line: str) -> None:
    pass


def test_keeps_the_newest_editions_and_says_what_it_removes(tmp_path):
    reports = make_reports(tmp_path, ["2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04"])
    said: list[str] = []
    plan = retention.prune(reports, keep=2, say=said.append)
    assert edition_names(reports) == ["2026-01-03", "2026-01-04"]
    assert sorted(item.path.name for item in plan.remove) == ["2026-01-01", "2026-01-02"]
    assert [line.split(" (")[0] for line in said[:2]] == [
        "Removed edition 2026-01-01",
        "Removed edition 2026-01-02",
    ]
    assert said[-1].startswith("Freed 0.0 MB: 2 removed, 2 kept")
    assert os.readlink(reports / "latest") == "2026-01-04"
    assert not list(reports.glob(".pruned-*"))


def test_never_removes_latest_or_the_newest_final_edition(tmp_path):
    # latest stays on 2026-02-01: the newer final edition is incomplete and the other is a candidate
    reports = make_reports(tmp_path, ["2026-01-01", "2026-02-01", "2026-03-01-rc1"])
    make_edition(reports, "2026-03-02", status="building")
    make_edition(reports, "2026-03-03-rc1")
    publish.point_latest(reports)
    assert os.readlink(reports / "latest") == "2026-02-01"
    plan = retention.prune(reports, keep=1, say=quiet)
    assert edition_names(reports) == ["2026-02-01", "2026-03-02", "2026-03-03-rc1"]
    assert plan.keep["edition 2026-02-01"] == "`latest` points at it"
    assert plan.keep["edition 2026-03-02"] == "the newest final edition"
    retention.prune(reports, keep=0, say=quiet)
    assert edition_names(reports) == ["2026-02-01", "2026-03-02"]
    assert (reports / "latest" / publish.EDITION_INDEX).exists()


def test_keep_larger_than_the_editions_keeps_them_all(tmp_path):
    reports = make_reports(tmp_path, ["2026-01-01", "2026-01-02"])
    assert retention.plan(reports, keep=5).remove == []


def test_keep_monthly_keeps_the_newest_of_each_recent_month_before_a_candidate(tmp_path):
    names = ["2025-11-10", "2025-11-20", "2025-12-05", "2025-12-30", "2025-12-31-rc1"]
    names += ["2026-01-10", "2026-01-20-rc1", "2026-01-20", "2026-01-21-rc1", "2026-02-01-rc1"]
    reports = make_reports(tmp_path, names)
    plan = retention.plan(reports, keep=1, keep_monthly=3)
    kept = {what.split()[1]: why for what, why in plan.keep.items()}
    assert kept == {
        "2026-02-01-rc1": "one of the 1 newest",
        "2026-01-20": "`latest` points at it",  # also the newest final, and January's newest
        "2025-12-30": "newest edition of 2025-12",
    }
    # months count among the months that have editions: the February candidate is that month's
    plan = retention.plan(reports, keep=0, keep_monthly=4)
    kept = {what.split()[1] for what in plan.keep}
    assert kept == {"2026-02-01-rc1", "2026-01-20", "2025-12-30", "2025-11-20"}


def test_dry_run_changes_nothing_and_says_what_would_go(tmp_path):
    reports = make_reports(tmp_path, ["2026-01-01", "2026-01-02", "2026-01-03"])
    failed = reports / publish.FAILED_DIR / "2026-01-03-failed-20260103T060000Z"
    failed.mkdir(parents=True)
    (failed / "log.txt").write_text("boom")
    before = tree(reports)
    said: list[str] = []
    plan = retention.prune(reports, keep=1, keep_failed=0, dry_run=True, say=said.append)
    assert tree(reports) == before
    assert len(plan.remove) == 3
    assert [line.split(" (")[0] for line in said[:3]] == [
        "Would remove edition 2026-01-01",
        "Would remove edition 2026-01-02",
        f"Would remove failed run {failed.name}",
    ]
    assert said[-1].startswith("Would free")


def test_failed_runs_are_kept_newest_first_by_when_they_failed(tmp_path):
    reports = make_reports(tmp_path, ["2026-01-01"])
    runs = [
        "2026-01-01-failed-20260101T060000Z",
        "2026-01-01-failed-20260101T060000Z-2",  # same second, second run
        "2025-12-31-failed-20260102T060000Z",  # an older edition that failed later
        "2026-01-02-failed-20251231T060000Z",
    ]
    for name in runs:
        (reports / publish.FAILED_DIR / name).mkdir(parents=True)
    retention.prune(reports, keep=5, keep_failed=2, say=quiet)
    left = sorted(p.name for p in (reports / publish.FAILED_DIR).iterdir())
    assert left == ["2025-12-31-failed-20260102T060000Z", "2026-01-01-failed-20260101T060000Z-2"]
    assert edition_names(reports) == ["2026-01-01"]


def test_drafts_are_kept_newest_first_by_time(tmp_path):
    reports = make_reports(tmp_path, ["2026-01-01"])
    drafts = reports / retention.DRAFTS_DIR
    for age, name in enumerate(["c-newest", "a-middle", "b-oldest"]):
        (drafts / name).mkdir(parents=True)
        (drafts / name / "x.html").write_text(name)
        stamp = 1_800_000_000 - age * 3600
        os.utime(drafts / name, (stamp, stamp))
    plan = retention.prune(reports, keep=1, keep_drafts=2, say=quiet)
    assert sorted(p.name for p in drafts.iterdir()) == ["a-middle", "c-newest"]
    assert [item.kind for item in plan.remove] == ["draft"]
    retention.prune(reports, keep=0, say=quiet)  # --keep-drafts defaults to --keep
    assert list(drafts.iterdir()) == []


def test_other_files_of_the_reports_folder_are_left_alone(tmp_path):
    reports = make_reports(tmp_path, ["2026-01-01", "2026-01-02"])
    (reports / "index.html").write_text("site")
    (reports / "_logs").mkdir()
    (reports / "_logs" / "2026-01-01.log").write_text("log")
    (reports / "notes").mkdir()
    (reports / "2026-01-03").write_text("a file named like an edition")
    retention.prune(reports, keep=0, say=quiet)
    # The site's index is written again without the removed edition (build.site); the rest stays.
    assert "2026-01-01" not in (reports / "index.html").read_text()
    assert (reports / "_logs" / "2026-01-01.log").exists()
    assert (reports / "notes").is_dir() and (reports / "2026-01-03").is_file()
    assert edition_names(reports) == ["2026-01-02"]


def test_a_running_build_holds_the_lock_and_nothing_is_removed(tmp_path):
    reports = make_reports(tmp_path, ["2026-01-01", "2026-01-02"])
    before = tree(reports)
    with lock.hold(reports, "build"), pytest.raises(lock.Busy, match="in use by another build"):
        retention.prune(reports, keep=1, say=quiet)
    assert {k: v for k, v in tree(reports).items() if not k.startswith(".build")} == before


def test_a_stopped_prune_is_finished_by_the_next(tmp_path):
    reports = make_reports(tmp_path, ["2026-01-01", "2026-01-02"])
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    leftover = reports / f".pruned-2025-12-01-{gone.stdout.strip()}"
    (leftover / "brief-a").mkdir(parents=True)
    said: list[str] = []
    retention.prune(reports, keep=5, say=said.append)
    assert not leftover.exists()
    assert any("Removed stale" in line and leftover.name in line for line in said)
    assert edition_names(reports) == ["2026-01-01", "2026-01-02"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"keep": -1}, "--keep: expected a whole number"),
        ({"keep": 1, "keep_monthly": -2}, "--keep-monthly"),
        ({"keep": 1, "keep_failed": 1.5}, "--keep-failed"),
    ],
)
def test_bad_counts_are_refused_by_name(tmp_path, kwargs, message):
    with pytest.raises(ValueError, match=message):
        retention.plan(tmp_path, **kwargs)


def test_a_missing_reports_folder_is_refused(tmp_path):
    with pytest.raises(ValueError, match=f"reports folder {tmp_path / 'nope'} is not a folder"):
        retention.prune(tmp_path / "nope", keep=1, say=quiet)
    assert not (tmp_path / "nope").exists()


def test_cli_prune(tmp_path, capsys):
    reports = make_reports(tmp_path / "reports", ["2026-01-01", "2026-01-02", "2026-01-03"])
    assert cli.main(["prune", "--keep", "1", "--dry-run", "--reports-dir", str(reports)]) == 0
    assert "Would remove edition 2026-01-01" in capsys.readouterr().out
    assert len(edition_names(reports)) == 3
    assert cli.main(["prune", "--keep", "2", "--reports-dir", str(reports)]) == 0
    assert "Removed edition 2026-01-01" in capsys.readouterr().out
    assert edition_names(reports) == ["2026-01-02", "2026-01-03"]
    with lock.hold(reports, "build"):
        assert cli.main(["prune", "--keep", "1", "--reports-dir", str(reports)]) == lock.EXIT_BUSY
    assert "in use by another build" in capsys.readouterr().err
    assert cli.main(["prune", "--keep", "1", "--reports-dir", str(tmp_path / "nope")]) == 2
    assert f"reports folder {tmp_path / 'nope'} does not exist" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stop:
        cli.main(["prune", "--keep", "many", "--reports-dir", str(reports)])
    assert stop.value.code == 2
    assert "--keep: expected a whole number 0 or more, got 'many'" in capsys.readouterr().err
