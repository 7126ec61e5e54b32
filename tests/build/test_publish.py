import hashlib
import json
from pathlib import Path

import pytest

from strategy_brief.build import publish


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def stage(reports: Path, edition: str, briefs: dict[str, str], keep: set[str] = frozenset()) -> Path:
    staging = publish.new_staging(reports, edition, set(keep))
    for brief, text in briefs.items():
        (staging / brief).mkdir(exist_ok=True)
        (staging / brief / "manifest.json").write_text(text)
    (staging / publish.EDITION_INDEX).write_text(json.dumps({"status": "complete"}))
    return staging


def test_publish_moves_the_edition_in_and_points_latest(tmp_path):
    target = publish.publish(stage(tmp_path, "2026-01-01", {"a": "1"}), tmp_path, "2026-01-01")
    assert (target / "a" / "manifest.json").read_text() == "1"
    assert (tmp_path / "latest").resolve() == target.resolve()
    assert not list(tmp_path.glob(".staging-*"))


def test_latest_points_at_the_newest_complete_edition(tmp_path):
    publish.publish(stage(tmp_path, "2026-02-01", {"a": "new"}), tmp_path, "2026-02-01")
    publish.publish(stage(tmp_path, "2026-01-01", {"a": "old"}), tmp_path, "2026-01-01")
    assert (tmp_path / "latest").resolve().name == "2026-02-01"
    assert publish.previous_edition(tmp_path, "2026-02-01") == "2026-01-01"
    assert publish.previous_edition(tmp_path, "2026-01-01") is None


def test_republishing_an_edition_replaces_it_whole(tmp_path):
    publish.publish(stage(tmp_path, "2026-01-01", {"a": "1", "b": "1"}), tmp_path, "2026-01-01")
    publish.publish(stage(tmp_path, "2026-01-01", {"a": "2"}), tmp_path, "2026-01-01")
    assert sorted(p.name for p in (tmp_path / "2026-01-01").iterdir()) == sorted(
        ["SHA256SUMS", "a", publish.EDITION_INDEX]
    )
    assert not list(tmp_path.glob(".retired-*"))


def test_a_published_edition_carries_checksums_of_every_file_it_holds(tmp_path):
    from strategy_brief.build import checksums

    target = publish.publish(stage(tmp_path, "2026-01-01", {"a": "1", "b": "1"}), tmp_path, "2026-01-01")
    assert checksums.verify(target) == []
    (target / "a" / "manifest.json").write_text("tampered")
    assert checksums.verify(target), "a changed file is named"


def test_partial_rebuild_keeps_the_other_briefs(tmp_path):
    publish.publish(stage(tmp_path, "2026-01-01", {"a": "1", "b": "1"}), tmp_path, "2026-01-01")
    staging = stage(tmp_path, "2026-01-01", {"a": "2"}, keep={"b"})
    publish.publish(staging, tmp_path, "2026-01-01")
    assert (tmp_path / "2026-01-01" / "a" / "manifest.json").read_text() == "2"
    assert (tmp_path / "2026-01-01" / "b" / "manifest.json").read_text() == "1"


def test_a_failed_build_goes_aside_and_leaves_editions_untouched(tmp_path):
    publish.publish(stage(tmp_path, "2026-01-01", {"a": "1"}), tmp_path, "2026-01-01")
    before = tree_digest(tmp_path / "2026-01-01")
    failed = publish.keep_failed(stage(tmp_path, "2026-01-01", {"a": "broken"}), tmp_path, "2026-01-01")
    assert failed.parent.name == publish.FAILED_DIR and "failed" in failed.name
    assert tree_digest(tmp_path / "2026-01-01") == before
    assert publish.complete_editions(tmp_path) == ["2026-01-01"]


@pytest.mark.parametrize("edition", ["2026-11-23", "2026-11-23-rc1"])
def test_valid_editions(edition):
    assert publish.check_edition(edition) == edition


@pytest.mark.parametrize("edition", ["latest", "2026-13-01", "23-11-2026", "2026-11-23/../x"])
def test_invalid_editions(edition):
    with pytest.raises(publish.EditionError):
        publish.check_edition(edition)
