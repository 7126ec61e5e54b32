"""Atomic publication of an edition: build aside, swap in whole, point `latest` at the newest."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

from strategy_brief.build import checksums

EDITION_PATTERN = re.compile(r"(?P<date>\d{4}-\d{2}-\d{2})(-[a-z0-9]+)*")
FINAL_EDITION = re.compile(r"\d{4}-\d{2}-\d{2}")  # what `latest` may point at; not e.g. -rc1
_RELEASE_CANDIDATE = re.compile(r"-rc\d*(-|$)")
EDITION_INDEX = "edition.json"
FAILED_DIR = "_failed"
DRAFTS_DIR = "_drafts"
LATEST = "latest"
HTML, PDF = "html", "pdf"
FORMATS = (HTML, PDF)  # every format a brief is published in; an edition is "complete" with all of them
COMPLETE, INCOMPLETE = "complete", "incomplete"  # edition.json `status` of a published edition


class EditionError(ValueError):
    pass


class ReportsDirError(EditionError):
    """The reports folder cannot hold editions (a file, or not writable)."""


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


def edition_order(edition: str) -> tuple:
    """Sort key: by date; on one date, release candidates (-rcN, by N) before the final edition,
    other suffixes (e.g. -corrected) after it."""
    date, suffix = edition[:10], edition[10:]
    rank = 1 if not suffix else 0 if _RELEASE_CANDIDATE.match(suffix) else 2
    natural = tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", suffix))
    return (date, rank, natural)


def dated_name(brief_id: str, edition: str, fmt: str) -> str:
    """A brief's file as published: its name carries the edition (`executive-global_2026-12-05.pdf`),
    so copies of different editions never share a name."""
    return f"{brief_id}_{edition}.{fmt}"


def stable_name(brief_id: str, fmt: str) -> str:
    """The edition-free name (`executive-global.pdf`): a relative symlink to the dated file in every
    brief folder, so `reports/latest/<brief>/<brief>.pdf` is a path that never changes."""
    return f"{brief_id}.{fmt}"


def link_stable_names(brief_dir: Path, brief_id: str, edition: str) -> list[str]:
    """Point `<brief>.<fmt>` at `<brief>_<edition>.<fmt>` for each dated file the folder holds, and
    remove a stable link whose file is gone (no dangling link). A regular `<brief>.<fmt>` (a folder
    published before names carried the edition) is renamed to its dated name first. Returns the
    formats present, in FORMATS order."""
    present = []
    for fmt in FORMATS:
        dated = brief_dir / dated_name(brief_id, edition, fmt)
        stable = brief_dir / stable_name(brief_id, fmt)
        if stable.is_file() and not stable.is_symlink() and not dated.exists():
            os.replace(stable, dated)
        if stable.is_symlink() or stable.exists():
            stable.unlink()
        if dated.is_file() and not dated.is_symlink():
            stable.symlink_to(dated.name)
            present.append(fmt)
    return present


def check_reports_dir(reports_dir: Path) -> None:
    """Before any kernel starts: the reports folder is (or can be made) a writable folder."""
    reports_dir = Path(reports_dir)
    existing = reports_dir
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        what = "" if existing == reports_dir else f" (its parent {existing} is a file)"
        raise ReportsDirError(
            f"reports folder {reports_dir} is not a folder{what}; pass --reports-dir a folder path"
        )
    try:  # a real write probe: root ignores permission bits, not read-only mounts
        fd, probe = tempfile.mkstemp(prefix=".write-probe-", dir=existing)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise ReportsDirError(
            f"reports folder {existing} is not writable ({exc.strerror}); make it writable "
            "(chmod u+w) or pass --reports-dir a writable folder"
        ) from exc


def read_index(reports_dir: Path, edition: str) -> dict | None:
    """The published edition's edition.json, None if there is none (or it cannot be read)."""
    try:
        index = json.loads((Path(reports_dir) / edition / EDITION_INDEX).read_text())
    except (OSError, ValueError):
        return None
    return index if isinstance(index, dict) else None


def published_briefs(reports_dir: Path, edition: str) -> list[str]:
    """The briefs the published edition holds (its index, else its brief folders)."""
    folder = Path(reports_dir) / edition
    index = folder / EDITION_INDEX
    try:
        return sorted(json.loads(index.read_text())["briefs"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if (p / "manifest.json").exists())


def check_removals(
    reports_dir: Path, edition: str, listed: set[str], remove: set[str], build_file: str
) -> None:
    """Refuse a build that would drop published briefs of this edition unless they are removed
    explicitly with --remove-brief (a build of some briefs keeps the other listed ones)."""
    published = published_briefs(reports_dir, edition)
    for brief in sorted(remove):
        if brief in listed:
            raise EditionError(
                f"--remove-brief {brief}: {build_file} still lists brief {brief}; delete it there first"
            )
        if brief not in published:
            raise EditionError(
                f"--remove-brief {brief}: edition {edition} in {reports_dir} has no brief {brief} "
                f"(it has: {', '.join(published) or 'none'})"
            )
    lost = [b for b in published if b not in listed and b not in remove]
    if lost:
        flags = " ".join(f"--remove-brief {b}" for b in lost)
        raise EditionError(
            f"edition {edition} in {reports_dir} has brief(s) {', '.join(lost)} that {build_file} "
            f"no longer lists; the build would lose them. Add them back to {build_file}, or pass "
            f"{flags} to remove them"
        )


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
    checksums.write_sums(staging)  # the last write to the edition: SHA256SUMS covers every file in it
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


def edition_status(reports_dir: Path, edition: str) -> str | None:
    """The `status` of a published edition's index (COMPLETE, INCOMPLETE), None if it has none."""
    try:
        status = json.loads((Path(reports_dir) / edition / EDITION_INDEX).read_text()).get("status")
    except (OSError, ValueError, AttributeError):
        return None
    return status if status in (COMPLETE, INCOMPLETE) else None


def published_editions(reports_dir: Path, statuses: tuple[str, ...] = (COMPLETE, INCOMPLETE)) -> list[str]:
    """Published editions (every brief built; their index has one of `statuses`), oldest first."""
    reports_dir = Path(reports_dir)
    if not reports_dir.exists():
        return []
    found = [
        child.name
        for child in reports_dir.iterdir()
        if not child.is_symlink()
        and child.is_dir()
        and EDITION_PATTERN.fullmatch(child.name)
        and edition_status(reports_dir, child.name) in statuses
    ]
    return sorted(found, key=edition_order)


def complete_editions(reports_dir: Path) -> list[str]:
    """Published editions whose every brief has every format (HTML and PDF), oldest first."""
    return published_editions(reports_dir, (COMPLETE,))


def point_latest(reports_dir: Path) -> str | None:
    """Point reports/latest at the newest complete final edition (atomic symlink swap), so that every
    path under latest/ has its PDF; only a reports folder with no complete final edition (a project
    that never prints PDFs) gets its newest incomplete one. A release candidate such as
    2026-12-05-rc1 never becomes `latest`."""
    editions = [e for e in complete_editions(reports_dir) if FINAL_EDITION.fullmatch(e)]
    editions = editions or [e for e in published_editions(reports_dir) if FINAL_EDITION.fullmatch(e)]
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
    """The newest published edition older than `edition` (what 'what changed' compares with; its key
    figures are in its manifests, with or without PDFs)."""
    older = [e for e in published_editions(reports_dir) if edition_order(e) < edition_order(edition)]
    return older[-1] if older else None
