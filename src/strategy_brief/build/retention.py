"""Retention of the reports folder (`strategy-brief prune`): old editions, failed runs and drafts go,
the editions a reader or the next build needs stay.

What is kept:
- editions: the `keep` newest (by `publish.edition_order`), the newest edition of each of the
  `keep_monthly` most recent months that have one (a final or corrected edition before a release
  candidate), what `latest` points at, and the newest final edition, whatever the numbers say;
- `_failed/` runs and `_drafts/` previews: the newest `keep_failed` and `keep_drafts` of each
  (both default to `keep`).

A removal renames the folder aside first (`.pruned-*`), so a prune stopped halfway never leaves a
half-deleted folder that looks like an edition; the next prune finishes the job. The reports
lock is held throughout, so a prune never runs beside a build."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from strategy_brief.build import lock, publish, site

DRAFTS_DIR = publish.DRAFTS_DIR  # previews (build.edition.preview)
PRUNED_LEFTOVER = re.compile(r"\.pruned-.+-(?P<pid>\d+)")
FAILED_RUN = re.compile(r".+-failed-(?P<stamp>\d{8}T\d{6}Z)(-(?P<n>\d+))?")


@dataclass(frozen=True)
class Item:
    """One folder (or file) of the reports folder that retention decides about."""

    kind: str  # "edition" | "failed run" | "draft"
    path: Path
    bytes: int

    def describe(self) -> str:
        return f"{self.kind} {self.path.name} ({self.bytes / 1e6:.1f} MB)"


@dataclass
class Plan:
    """What a prune removes, and what it keeps with the reason."""

    remove: list[Item] = field(default_factory=list)
    keep: dict[str, str] = field(default_factory=dict)  # "kind name" → why it stays

    @property
    def bytes(self) -> int:
        return sum(item.bytes for item in self.remove)


def _count(name: str, value: int | None) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise ValueError(f"{name}: expected a whole number 0 or more, got {value!r}")


def _size(path: Path) -> int:
    if path.is_symlink() or not path.is_dir():
        with suppress(OSError):
            return path.lstat().st_size
        return 0
    total = 0
    for folder, _, files in os.walk(path):
        for name in files:
            with suppress(OSError):
                total += os.lstat(os.path.join(folder, name)).st_size
    return total


def editions(reports_dir: Path) -> list[str]:
    """The edition folders of the reports folder (not `latest`, not symlinks), oldest first."""
    found = [
        child.name
        for child in reports_dir.iterdir()
        if publish.EDITION_PATTERN.fullmatch(child.name) and child.is_dir() and not child.is_symlink()
    ]
    return sorted(found, key=publish.edition_order)


def latest_target(reports_dir: Path) -> str | None:
    """The edition `latest` points at, if it points at one."""
    link = reports_dir / publish.LATEST
    if not link.is_symlink():
        return None
    return Path(os.readlink(link)).name or None


def _monthly(names: list[str], months: int) -> dict[str, str]:
    """The newest edition of each of the `months` most recent months that have one; a release
    candidate only where its month has nothing else."""
    by_month: dict[str, list[str]] = {}
    for name in names:
        by_month.setdefault(name[:7], []).append(name)
    chosen = {}
    for month in sorted(by_month, reverse=True)[:months]:
        candidates = [n for n in by_month[month] if publish.edition_order(n)[1] != 0] or by_month[month]
        chosen[max(candidates, key=publish.edition_order)] = f"newest edition of {month}"
    return chosen


def _failed_order(path: Path) -> tuple:
    match = FAILED_RUN.fullmatch(path.name)
    if match:
        return (match["stamp"], int(match["n"] or 1), path.name)
    stamp = dt.datetime.fromtimestamp(path.lstat().st_mtime, dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return (stamp, 0, path.name)


def _draft_order(path: Path) -> tuple:
    return (path.lstat().st_mtime, path.name)


def _newest(folder: Path, kind: str, keep: int, order: Callable[[Path], tuple], result: Plan) -> None:
    """Keep the `keep` newest entries of `folder` (by `order`), remove the others (hidden ones aside)."""
    if not folder.is_dir() or folder.is_symlink():
        return
    children = sorted((c for c in folder.iterdir() if not c.name.startswith(".")), key=order)
    cut = len(children) - keep
    for index, child in enumerate(children):
        if index >= cut:
            result.keep[f"{kind} {child.name}"] = f"one of the {keep} newest"
        else:
            result.remove.append(Item(kind, child, _size(child)))


def plan(
    reports_dir: Path,
    keep: int,
    keep_monthly: int = 0,
    keep_failed: int | None = None,
    keep_drafts: int | None = None,
) -> Plan:
    """What `prune` would remove and keep, without touching anything."""
    for name, value in (
        ("--keep", keep),
        ("--keep-monthly", keep_monthly),
        ("--keep-failed", keep_failed),
        ("--keep-drafts", keep_drafts),
    ):
        _count(name, value)
    reports_dir = Path(reports_dir)
    if not reports_dir.is_dir():
        raise ValueError(
            f"reports folder {reports_dir} is not a folder; pass --reports-dir the reports folder"
        )
    result = Plan()
    names = editions(reports_dir)
    reasons: dict[str, str] = {}
    for name in names[max(0, len(names) - keep) :]:
        reasons[name] = f"one of the {keep} newest"
    for name, why in _monthly(names, keep_monthly).items():
        reasons.setdefault(name, why)
    finals = [n for n in names if publish.FINAL_EDITION.fullmatch(n)]
    if finals:
        reasons[finals[-1]] = "the newest final edition"
    latest = latest_target(reports_dir)
    if latest in names:
        reasons[latest] = f"`{publish.LATEST}` points at it"
    for name in names:
        if name in reasons:
            result.keep[f"edition {name}"] = reasons[name]
        else:
            result.remove.append(Item("edition", reports_dir / name, _size(reports_dir / name)))
    _newest(
        reports_dir / publish.FAILED_DIR,
        "failed run",
        keep if keep_failed is None else keep_failed,
        _failed_order,
        result,
    )
    _newest(
        reports_dir / DRAFTS_DIR, "draft", keep if keep_drafts is None else keep_drafts, _draft_order, result
    )
    return result


def _remove(path: Path) -> None:
    """Rename aside, then delete: a stopped prune leaves a `.pruned-*` folder, never half an edition."""
    aside = path.parent / f".pruned-{path.name}-{os.getpid()}"
    os.replace(path, aside)
    if aside.is_dir() and not aside.is_symlink():
        shutil.rmtree(aside)
    else:
        aside.unlink()


def _clean_leftovers(reports_dir: Path, say: Callable[[str], None]) -> None:
    """Finish removals a stopped prune began (its `.pruned-*` folders, in any of the three places)."""
    for folder in (reports_dir, reports_dir / publish.FAILED_DIR, reports_dir / DRAFTS_DIR):
        if folder.is_dir():
            lock.clean_stale(folder, (PRUNED_LEFTOVER,), say)


def prune(
    reports_dir: Path,
    keep: int,
    keep_monthly: int = 0,
    keep_failed: int | None = None,
    keep_drafts: int | None = None,
    *,
    dry_run: bool = False,
    wait: bool = False,
    say: Callable[[str], None] = print,
) -> Plan:
    """Remove what `plan` says, holding the reports lock (`lock.Busy` if a build holds it); with
    `dry_run`, only say what would go. One line per removal, then a summary."""
    reports_dir = Path(reports_dir)
    plan(reports_dir, keep, keep_monthly, keep_failed, keep_drafts)  # bad input before the lock
    with lock.hold(reports_dir, "build", wait=wait, say=say):
        if not dry_run:
            _clean_leftovers(reports_dir, say)
        result = plan(reports_dir, keep, keep_monthly, keep_failed, keep_drafts)
        verb = "Would remove" if dry_run else "Removed"
        for item in result.remove:
            if not dry_run:
                _remove(item.path)
            say(f"{verb} {item.describe()}")
        if not dry_run and result.remove:
            site.write(reports_dir, say=say)  # the site no longer lists what was removed
    also = [f"{what} ({why})" for what, why in result.keep.items() if not why.startswith("one of")]
    summary = (
        f"{'Would free' if dry_run else 'Freed'} {result.bytes / 1e6:.1f} MB: "
        f"{len(result.remove)} {'to remove' if dry_run else 'removed'}, {len(result.keep)} kept"
    )
    say(summary + (f"; kept regardless of --keep: {'; '.join(also)}" if also else ""))
    return result
