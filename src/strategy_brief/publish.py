"""Atomic publication of an edition: build aside, swap in whole, point `latest` at the newest."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from pathlib import Path

EDITION_PATTERN = re.compile(r"(?P<date>\d{4}-\d{2}-\d{2})(-[a-z0-9]+)*")
EDITION_INDEX = "edition.json"
FAILED_DIR = "_failed"
LATEST = "latest"


class EditionError(ValueError):
    pass


def check_edition(edition: str) -> str:
    """An edition is a date, YYYY-MM-DD, optionally with a suffix such as -rc1."""
    match = EDITION_PATTERN.fullmatch(edition)
    if not match:
        raise EditionError(f"edition {edition!r}: expected YYYY-MM-DD, optionally -suffix")
    try:
        dt.date.fromisoformat(match["date"])
    except ValueError as exc:
        raise EditionError(f"edition {edition!r}: {exc}") from exc
    return edition


def new_staging(reports_dir: Path, edition: str, keep_briefs_from_existing: set[str]) -> Path:
    """A private folder next to the editions (same filesystem, so the final rename is atomic).

    When only some briefs are rebuilt, the edition's other briefs are copied in first so that
    the swapped-in edition is complete."""
    reports_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%f")
    staging = reports_dir / f".staging-{edition}-{stamp}-{os.getpid()}"
    staging.mkdir()
    existing = reports_dir / edition
    for brief in sorted(keep_briefs_from_existing):
        src = existing / brief
        if src.is_dir():
            shutil.copytree(src, staging / brief, symlinks=True)
    return staging


def publish(staging: Path, reports_dir: Path, edition: str) -> Path:
    """Swap the staged edition into place, then update `latest`. Returns the edition folder."""
    target = reports_dir / edition
    retired = None
    if target.exists():
        retired = reports_dir / f".retired-{staging.name}"
        os.replace(target, retired)
    try:
        os.replace(staging, target)
    except OSError:
        if retired is not None:
            os.replace(retired, target)  # put the old edition back
        raise
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)
    point_latest(reports_dir)
    return target


def keep_failed(staging: Path, reports_dir: Path, edition: str) -> Path:
    """Move a failed build where it is obviously not an edition, for debugging."""
    failed_root = reports_dir / FAILED_DIR
    failed_root.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = failed_root / f"{edition}-failed-{stamp}"
    suffix = 1
    while target.exists():
        suffix += 1
        target = failed_root / f"{edition}-failed-{stamp}-{suffix}"
    os.replace(staging, target)
    return target


def complete_editions(reports_dir: Path) -> list[str]:
    """Published editions whose index says every brief built, oldest first."""
    found = []
    if not reports_dir.exists():
        return found
    for child in reports_dir.iterdir():
        if child.is_symlink() or not child.is_dir() or not EDITION_PATTERN.fullmatch(child.name):
            continue
        index = child / EDITION_INDEX
        if index.exists() and json.loads(index.read_text()).get("status") == "complete":
            found.append(child.name)
    return sorted(found)


def point_latest(reports_dir: Path) -> str | None:
    """Point reports/latest at the newest complete edition (atomic symlink swap)."""
    editions = complete_editions(reports_dir)
    if not editions:
        return None
    newest = editions[-1]
    tmp = reports_dir / f".{LATEST}.tmp-{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(newest, target_is_directory=True)
    os.replace(tmp, reports_dir / LATEST)
    return newest


def previous_edition(reports_dir: Path, edition: str) -> str | None:
    """The newest complete edition older than `edition` (what 'what changed' compares with)."""
    older = [e for e in complete_editions(reports_dir) if e < edition]
    return older[-1] if older else None
