"""The static site of the editions: `reports/index.html`, a page per edition and an Atom `feed.xml`.

Everything is read back from what is on disk, so the site can be rebuilt at any time (after a build,
after a prune, by `strategy-brief site`) and says what the editions hold, not what a build meant to
write: each edition folder (`reports/YYYY-MM-DD[-suffix]/` with an `edition.json`), its index, and
each brief folder's HTML and PDF (found by suffix, whatever the file-name scheme), figure CSVs,
`manifest.json` (title, key figures) and `changes.json` (what changed since the previous edition).

The output is deterministic: the same folders give the same bytes (times come from edition.json, its
revisions or the manifests, never from the clock). Every string read from disk is escaped
(`html.escape` for the pages, XML escaping for the feed); only the templates here emit markup, and
every link is relative, so the site works from a file system, `strategy-brief serve` or any web
server. An edition page lives inside its edition folder (`reports/<edition>/index.html`), so
`reports/latest/index.html` is a stable address of the newest edition's page.

A problem with one edition (an unreadable edition.json, a listed brief without a folder) is shown
on its page and returned in `Site.problems`; it never stops the rest of the site being written."""

from __future__ import annotations

import datetime as dt
import html
import http.server
import json
import os
import re
import tempfile
import urllib.parse
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from strategy_brief import fmt
from strategy_brief.build import checksums, publish

INDEX = "index.html"  # the site's front page in reports/, and each edition's page in its folder
FEED = "feed.xml"
SKIPPED = frozenset({"_drafts", "_failed", "_logs", publish.LATEST})
EPOCH = "1970-01-01T00:00:00Z"  # the feed's `updated` when there is no edition at all
_TIME_KEYS = ("published_at", "published", "updated_at", "updated", "built_at", "time", "at", "date")
_SAFE_NAME = re.compile(r"[^/\\\x00]+")
_ID_NAMESPACE = uuid.UUID("6f1c0d1e-3b1a-5c59-9e0e-2f6b5f0a7c11")  # fixed: entry ids never change


@dataclass(frozen=True)
class File:
    """A file of an edition: its path relative to the edition folder (`/` separators) and size."""

    path: str
    bytes: int


@dataclass(frozen=True)
class KeyFigure:
    label: str
    value: str
    unit: str
    as_of: str


@dataclass(frozen=True)
class Change:
    """One row of a brief's changes.json, formatted for reading."""

    label: str
    unit: str
    status: str  # new | dropped | changed | unchanged (as changes.compare wrote it)
    previous: str
    current: str


@dataclass
class Brief:
    id: str
    title: str
    html: File | None = None
    pdf: File | None = None
    csvs: list[File] = field(default_factory=list)
    key_figures: list[KeyFigure] = field(default_factory=list)
    changes: list[Change] | None = None  # None: the brief has no (readable) changes.json
    previous_edition: str | None = None
    html_only_reason: str = ""  # why there is no PDF, as edition.json or the manifest says
    problems: list[str] = field(default_factory=list)

    @property
    def html_only(self) -> bool:
        return self.html is not None and self.pdf is None


@dataclass
class Revision:
    number: int
    time: str  # RFC 3339, UTC; "" when edition.json does not know it (published before revisions)
    reason: str
    briefs: list[str]
    status: str = ""


@dataclass
class Edition:
    name: str
    status: str
    series: str
    updated: str  # RFC 3339, UTC
    briefs: list[Brief] = field(default_factory=list)
    revisions: list[Revision] = field(default_factory=list)
    sums: File | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def date(self) -> str:
        return self.name[:10]


@dataclass
class Site:
    """What `write` did: every page it owns, the ones whose bytes changed, and the problems seen."""

    pages: list[Path] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    editions: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------------
# Reading what is on disk


def edition_folders(reports_dir: Path) -> list[Path]:
    """The published edition folders (name YYYY-MM-DD[-suffix], an edition.json inside), newest first;
    not `latest`, symlinks, drafts, failed runs, logs or hidden folders."""
    reports_dir = Path(reports_dir)
    if not reports_dir.is_dir():
        return []
    found = [
        child
        for child in reports_dir.iterdir()
        if child.name not in SKIPPED
        and not child.name.startswith((".", "_"))
        and publish.EDITION_PATTERN.fullmatch(child.name)
        and not child.is_symlink()
        and child.is_dir()
        and (child / publish.EDITION_INDEX).is_file()
    ]
    return sorted(found, key=lambda p: publish.edition_order(p.name), reverse=True)


def read_edition(folder: Path) -> Edition:
    """One edition as its folder holds it; what cannot be read is listed in `Edition.problems`."""
    folder = Path(folder)
    problems: list[str] = []
    index = _read_json(folder / publish.EDITION_INDEX, problems) or {}
    status = _text(index.get("status")) or ("unreadable" if problems else "unknown")
    edition = Edition(
        name=folder.name,
        status=status,
        series=_text(index.get("series")),
        updated=EPOCH,
        problems=problems,
    )
    reasons = index.get("html_only") if isinstance(index.get("html_only"), dict) else {}
    for brief_id in _brief_ids(folder, index, problems):
        brief = read_brief(folder / brief_id, folder.name)
        if isinstance(reasons.get(brief_id), str):
            brief.html_only_reason = reasons[brief_id]
        edition.briefs.append(brief)
    edition.revisions = _revisions(index.get("revisions"), folder / publish.EDITION_INDEX, problems)
    sums = folder / checksums.SUMS
    if sums.is_file():
        edition.sums = File(checksums.SUMS, sums.stat().st_size)
    edition.updated = _edition_time(folder, index, edition.revisions)
    return edition


def read_brief(folder: Path, edition: str) -> Brief:
    """A brief folder: its HTML and PDF (by suffix), figure CSVs, title and key figures from
    manifest.json, and what changed from changes.json."""
    brief = Brief(id=folder.name, title=folder.name)
    if folder.is_symlink() or not folder.is_dir():
        brief.problems.append(f"{folder}: listed in {publish.EDITION_INDEX} but there is no such folder")
        return brief
    manifest = _read_json(folder / "manifest.json", brief.problems)
    if manifest:
        brief.title = _text(manifest.get("title")) or brief.id
        brief.key_figures = _key_figures(manifest)
        if isinstance(manifest.get("html_only"), str):
            brief.html_only_reason = manifest["html_only"]
    brief.html = _pick(folder, ".html", brief.id, edition)
    brief.pdf = _pick(folder, ".pdf", brief.id, edition)
    if brief.html is None:
        brief.problems.append(f"{folder}: no HTML file")
    figures = folder / "figures"
    if figures.is_dir() and not figures.is_symlink():
        brief.csvs = [
            _file(p, folder.parent)
            for p in sorted(figures.iterdir())
            if p.suffix.lower() == ".csv" and p.is_file() and not p.is_symlink()
        ]
    changes_path = folder / "changes.json"
    if changes_path.exists():
        changes = _read_json(changes_path, brief.problems)
        if changes is not None:
            brief.previous_edition = _text(changes.get("previous_edition")) or None
            rows = changes.get("key_figures")
            brief.changes = (
                [_change(r) for r in rows if isinstance(r, dict)] if isinstance(rows, list) else []
            )
    return brief


def _read_json(path: Path, problems: list[str]) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(f"{path}: missing")
        return None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        problems.append(f"{path}: cannot be read ({exc})")
        return None
    if not isinstance(data, dict):
        problems.append(f"{path}: expected a JSON object, got {type(data).__name__}")
        return None
    return data


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _brief_ids(folder: Path, index: dict, problems: list[str]) -> list[str]:
    """The briefs edition.json lists (a list of ids, or an object keyed by id); else the brief folders
    with a manifest. A listed name that is not a plain folder name is refused, not followed."""
    listed = index.get("briefs")
    if isinstance(listed, dict):
        listed = list(listed)
    if isinstance(listed, list) and listed:
        ids = []
        for name in listed:
            name = _text(name)
            if not _SAFE_NAME.fullmatch(name) or name in (".", "..") or name.startswith("."):
                problems.append(f"{folder / publish.EDITION_INDEX}: brief {name!r} is not a folder name")
                continue
            ids.append(name)
        return sorted(set(ids), key=_brief_order)
    return sorted(
        (
            p.name
            for p in folder.iterdir()
            if p.is_dir()
            and not p.is_symlink()
            and not p.name.startswith(".")
            and (p / "manifest.json").exists()
        ),
        key=_brief_order,
    )


def _brief_order(brief_id: str) -> tuple[bool, str]:
    """The region briefs and the full report first, then the (many) country briefs, each by id."""
    return (brief_id.startswith("country-"), brief_id)


def _pick(folder: Path, suffix: str, brief_id: str, edition: str) -> File | None:
    """The brief's file with this suffix: one named after the brief first, the one carrying the edition
    before one that does not, then the shortest name (an edition page never counts)."""
    candidates = [
        p
        for p in folder.iterdir()
        if p.suffix.lower() == suffix and p.name != INDEX and p.is_file() and not p.is_symlink()
    ]
    if not candidates:
        return None
    best = min(
        candidates,
        key=lambda p: (not p.stem.startswith(brief_id), edition not in p.stem, len(p.name), p.name),
    )
    return _file(best, folder.parent)


def _file(path: Path, edition_dir: Path) -> File:
    return File(path.relative_to(edition_dir).as_posix(), path.stat().st_size)


def _show(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return fmt.number(value, 2)
    return str(value)


def _key_figures(manifest: dict) -> list[KeyFigure]:
    found = []
    notebooks = manifest.get("notebooks")
    for nb in notebooks if isinstance(notebooks, list) else []:
        figures = nb.get("key_figures") if isinstance(nb, dict) else None
        for k in figures if isinstance(figures, list) else []:
            if isinstance(k, dict):
                label = _text(k.get("label")) or _text(k.get("name"))
                found.append(
                    KeyFigure(label, _show(k.get("value")), _text(k.get("unit")), _text(k.get("as_of")))
                )
    return found


def _change(row: dict) -> Change:
    def dated(value: Any, as_of: Any) -> str:
        shown = _show(value)
        return f"{shown} ({as_of})" if value is not None and as_of else shown

    return Change(
        label=_text(row.get("label")) or _text(row.get("name")),
        unit=_text(row.get("unit")),
        status=_text(row.get("status")) or "unknown",
        previous=dated(row.get("previous"), row.get("previous_as_of")),
        current=dated(row.get("current"), row.get("current_as_of")),
    )


def _rfc3339(value: Any) -> str | None:
    """A time (ISO 8601 text, a date, or a POSIX timestamp) as RFC 3339 UTC; None if it is none."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        if isinstance(value, int | float):
            moment = dt.datetime.fromtimestamp(value, dt.UTC)
        else:
            text = str(value).strip()
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                text += "T00:00:00"
            moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (ValueError, OverflowError, OSError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _first_time(record: dict) -> str | None:
    for key in _TIME_KEYS:
        found = _rfc3339(record.get(key))
        if found:
            return found
    return None


def _revisions(raw: Any, where: Path, problems: list[str]) -> list[Revision]:
    """edition.json's `revisions`, tolerant of its shape: a list of objects with a time (`time`, `at`,
    `published_at`, ...) and a reason (`reason`, `note`, ...), or of plain times."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        problems.append(f"{where}: `revisions` is not a list; ignored")
        return []
    found = []
    for number, item in enumerate(raw, 1):
        record = item if isinstance(item, dict) else {"time": item}
        time = _first_time(record)
        if time is None and any(record.get(k) is not None for k in _TIME_KEYS):
            problems.append(f"{where}: revision {number} has no readable time; shown without one")
        reason = next((_text(record[k]) for k in ("reason", "note", "message", "why") if record.get(k)), "")
        briefs = next((record[k] for k in ("briefs", "rebuilt") if isinstance(record.get(k), list)), [])
        number_given = record.get("revision", record.get("number"))
        shown = (
            number_given if isinstance(number_given, int) and not isinstance(number_given, bool) else number
        )
        status = _text(record.get("status"))
        found.append(Revision(shown, time or "", reason, sorted(_text(b) for b in briefs), status))
    return found


def _edition_time(folder: Path, index: dict, revisions: list[Revision]) -> str:
    """When the edition was last published: edition.json's own time, its newest revision, the newest
    `built_at` of its briefs' manifests, else midnight UTC of its date."""
    found = _first_time({k: v for k, v in index.items() if k != "date"})
    if found:
        return found
    times = [r.time for r in revisions if r.time]
    if times:
        return max(times)
    built = []
    for manifest in sorted(folder.glob("*/manifest.json")):
        try:
            stamp = _rfc3339(json.loads(manifest.read_text(encoding="utf-8")).get("built_at"))
        except (OSError, UnicodeDecodeError, ValueError, AttributeError):
            stamp = None
        if stamp:
            built.append(stamp)
    return max(built) if built else f"{folder.name[:10]}T00:00:00Z"


def latest_edition(reports_dir: Path) -> str | None:
    """The edition `reports/latest` points at, if it is a published edition folder."""
    link = Path(reports_dir) / publish.LATEST
    if not link.is_dir():
        return None
    target = Path(os.readlink(link)).name if link.is_symlink() else None
    if target and (Path(reports_dir) / target / publish.EDITION_INDEX).is_file():
        return target
    return None


# ---------------------------------------------------------------------------------------------------
# Templates: the only place markup is made; every value from disk goes through _e or _href.

CSS = """
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1b1b;background:#fff;
max-width:50rem;margin:0 auto;padding:1rem}
a{color:#0a58a8}
h1{font-size:1.5rem;margin:.2rem 0}
h2{font-size:1.2rem;margin:1.6rem 0 .3rem;padding-top:.8rem;border-top:1px solid #ddd}
h3{font-size:1.05rem;margin:1.2rem 0 .2rem}
nav,.meta,.files,.note{font-size:.9rem;color:#4a4a4a}
ul{padding-left:1.2rem}
li{margin:.35rem 0}
.status{display:inline-block;padding:0 .4rem;border-radius:.3rem;background:#eee;font-size:.8rem;
font-weight:normal;vertical-align:middle}
.status-complete{background:#dcefe0}
.status-incomplete{background:#fbeccb}
.problem{color:#8a1c1c}
.table-wrap{overflow-x:auto;max-width:100%;margin:.6rem 0}
table{border-collapse:collapse;font-size:.85rem}
th,td{border-bottom:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top}
a{overflow-wrap:anywhere}
td{overflow-wrap:break-word}
caption{text-align:left;font-weight:bold;padding:.2rem 0}
"""
# No script anywhere; the inline stylesheet and a data: favicon are all a page loads.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'none'; base-uri 'none'"


def _e(value: Any) -> str:
    return html.escape(_text(value), quote=True)


def _href(*parts: str) -> str:
    """A relative link, each part percent-encoded (so no name can become a scheme) and escaped."""
    return _e("/".join(urllib.parse.quote(p, safe="/") for p in parts if p not in ("", ".")))


def _size(n: int) -> str:
    if n < 1000:
        return f"{n} B"
    if n < 1_000_000:
        return f"{n / 1000:.0f} KB"
    return f"{n / 1e6:.1f} MB"


def _status(status: str) -> str:
    css = status if re.fullmatch(r"[a-z0-9-]{1,30}", status) else "other"
    return f'<span class="status status-{css}">{_e(status)}</span>'


def _page(title: str, header: str, body: str, feed_href: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">\n'
        f"<title>{_e(title)}</title>\n"
        '<link rel="icon" href="data:,">\n'
        f'<link rel="alternate" type="application/atom+xml" title="Editions (Atom)" href="{feed_href}">\n'
        f"<style>{CSS}</style>\n</head>\n<body>\n<header>\n{header}</header>\n<main>\n{body}</main>\n"
        "</body>\n</html>\n"
    )


def _file_links(brief: Brief, prefix: str) -> str:
    """HTML and PDF links with sizes, or the missing format said plainly."""
    parts = []
    for label, item in (("HTML", brief.html), ("PDF", brief.pdf)):
        if item is not None:
            parts.append(f'<a href="{_href(prefix, item.path)}">{label}</a> ({_size(item.bytes)})')
    if brief.html_only:
        why = f": {_e(brief.html_only_reason)}" if brief.html_only_reason else ""
        parts.append(f'<span class="note">HTML only{why}</span>')
    if brief.html is None and brief.pdf is None:
        parts.append('<span class="problem">no HTML or PDF</span>')
    return " · ".join(parts)


def _csv_links(brief: Brief, prefix: str) -> str:
    if not brief.csvs:
        return ""
    links = " ".join(
        f'<a href="{_href(prefix, f.path)}">{_e(f.path.rsplit("/", 1)[-1])}</a>' for f in brief.csvs
    )
    return f'<br><span class="files">Figure data (CSV): {links}</span>'


def _brief_item(brief: Brief, prefix: str, titled: bool = True) -> str:
    problems = "".join(f'<br><span class="problem">{_e(p)}</span>' for p in brief.problems)
    title = f"<strong>{_e(brief.title)}</strong> " if titled else ""
    return (
        f'<li>{title}<span class="meta">({_e(brief.id)})</span><br>{_file_links(brief, prefix)}'
        f"{_csv_links(brief, prefix)}{problems}</li>\n"
    )


def _edition_meta(edition: Edition, prefix: str) -> str:
    parts = [f"Edition {_e(edition.name)}", f"published {_e(edition.updated)}"]
    if edition.revisions:
        parts.append(f"{len(edition.revisions)} revision(s)")
    parts.append(f"{len(edition.briefs)} brief(s)")
    if edition.sums is not None:
        parts.append(f'<a href="{_href(prefix, edition.sums.path)}">{checksums.SUMS}</a>')
    return f'<p class="meta">{" · ".join(parts)}</p>\n'


def _problems(edition: Edition) -> str:
    return "".join(f'<p class="problem">{_e(p)}</p>\n' for p in edition.problems)


def index_page(editions: list[Edition], latest: str | None) -> str:
    """reports/index.html: every edition, newest first, with its briefs' files."""
    series = next((e.series for e in editions if e.series), "")
    title = f"{series}: editions" if series else "Editions"
    nav = [f'<a href="{_href(FEED)}">Atom feed</a>']
    if latest:
        nav.insert(0, f'<a href="{_href(publish.LATEST, INDEX)}">Latest edition ({_e(latest)})</a>')
    header = f"<h1>{_e(title)}</h1>\n<nav>{' · '.join(nav)}</nav>\n"
    sections = []
    for edition in editions:
        briefs = "".join(_brief_item(b, edition.name) for b in edition.briefs)
        sections.append(
            f'<section id="edition-{_e(edition.name)}">\n'
            f'<h2><a href="{_href(edition.name, INDEX)}">{_e(_long_date(edition))}</a> '
            f"{_status(edition.status)}</h2>\n{_edition_meta(edition, edition.name)}{_problems(edition)}"
            f"<ul>\n{briefs}</ul>\n</section>\n"
        )
    body = "".join(sections) or "<p>No edition has been published yet.</p>\n"
    return _page(title, header, body, _href(FEED))


def _long_date(edition: Edition) -> str:
    shown = fmt.long_date(edition.date)
    return shown + (f" ({edition.name[10:].lstrip('-')})" if len(edition.name) > 10 else "")


def _table(caption: str, head: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    cells = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>\n" for row in rows)
    heads = "".join(f"<th>{_e(h)}</th>" for h in head)
    return (
        f'<div class="table-wrap"><table><caption>{_e(caption)}</caption>\n'
        f"<thead><tr>{heads}</tr></thead>\n<tbody>\n{cells}</tbody></table></div>\n"
    )


def _changes_block(brief: Brief) -> str:
    if brief.changes is None:
        return '<p class="note">No record of what changed.</p>\n'
    if brief.previous_edition is None:
        return '<p class="note">First edition of this brief: nothing to compare with.</p>\n'
    moved = [c for c in brief.changes if c.status != "unchanged"]
    if not moved:
        return f'<p class="note">No key figure changed since edition {_e(brief.previous_edition)}.</p>\n'
    rows = [(c.label, c.unit, c.previous, c.current, c.status) for c in moved]
    return _table(
        f"What changed since edition {brief.previous_edition}",
        ("Figure", "Unit", "Previous (as of)", "This edition (as of)", "Status"),
        rows,
    )


def edition_page(edition: Edition) -> str:
    """reports/<edition>/index.html: the edition's briefs, their key figures and what changed."""
    title = f"Edition {edition.name}" + (f" — {edition.series}" if edition.series else "")
    nav = f'<a href="{_href("..", INDEX)}">All editions</a> · <a href="{_href("..", FEED)}">Atom feed</a>'
    header = (
        f"<nav>{nav}</nav>\n<h1>{_e(_long_date(edition))} {_status(edition.status)}</h1>\n"
        f"{_edition_meta(edition, '.')}"
    )
    parts = [_problems(edition)]
    if edition.revisions:
        items = "".join(
            f"<li>Revision {_e(r.number)}, {_e(r.time or 'time unknown')}"
            + (f": {_e(r.reason)}" if r.reason else "")
            + (f" (briefs: {_e(', '.join(r.briefs))})" if r.briefs else "")
            + "</li>\n"
            for r in edition.revisions
        )
        parts.append(f"<h2>Revisions</h2>\n<ul>\n{items}</ul>\n")
    for brief in edition.briefs:
        parts.append(f'<h2 id="brief-{_e(brief.id)}">{_e(brief.title)}</h2>\n')
        parts.append(f'<ul class="files">\n{_brief_item(brief, ".", titled=False)}</ul>\n')
        if brief.key_figures:
            rows = [(k.label, k.value, k.unit, k.as_of) for k in brief.key_figures]
            parts.append(_table("Key figures", ("Figure", "Value", "Unit", "As of"), rows))
        parts.append(_changes_block(brief))
    if not edition.briefs:
        parts.append("<p>This edition lists no briefs.</p>\n")
    return _page(title, header, "".join(parts), _href("..", FEED))


# ---------------------------------------------------------------------------------------------------
# The Atom feed


def _x(value: Any) -> str:
    """XML text and attribute escaping (quotes too), after dropping characters XML 1.0 forbids."""
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", _text(value))
    return html.escape(text, quote=True)


def _entry_id(*parts: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_ID_NAMESPACE, '/'.join(parts))}"


def what_changed(edition: Edition) -> tuple[str, str]:
    """The edition's "what changed" as one line of text and as a small HTML fragment (escaped)."""
    lines, blocks = [], []
    for brief in edition.briefs:
        if brief.changes is None:
            text = "no record of what changed"
            moved: list[Change] = []
        elif brief.previous_edition is None:
            text, moved = "first edition of this brief", []
        else:
            moved = [c for c in brief.changes if c.status != "unchanged"]
            counts = {s: sum(c.status == s for c in moved) for s in ("changed", "new", "dropped")}
            said = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
            text = f"{said or 'no key figure changed'} since {brief.previous_edition}"
        lines.append(f"{brief.title}: {text}")
        items = "".join(
            f"<li>{_e(c.label)}: {_e(c.previous)} → {_e(c.current)}"
            f"{f' {_e(c.unit)}' if c.unit else ''} ({_e(c.status)})</li>"
            for c in moved
        )
        blocks.append(
            f"<p><strong>{_e(brief.title)}</strong>: {_e(text)}</p>" + (f"<ul>{items}</ul>" if items else "")
        )
    summary = "; ".join(lines) + "." if lines else "No briefs."
    return summary, "".join(blocks)


def _entry(entry_id: str, title: str, updated: str, href: str, summary: str, content: str) -> str:
    return (
        "<entry>\n"
        f"<title>{_x(title)}</title>\n<id>{_x(entry_id)}</id>\n<updated>{_x(updated)}</updated>\n"
        f'<link rel="alternate" type="text/html" href="{_x(href)}"/>\n'
        f'<summary type="text">{_x(summary)}</summary>\n'
        f'<content type="html">{_x(content)}</content>\n'
        "</entry>\n"
    )


def feed(editions: list[Edition]) -> str:
    """reports/feed.xml: an entry per edition and one per revision of it, newest first, each with what
    changed. Links are relative to the feed (xml:base is the feed's own address)."""
    series = next((e.series for e in editions if e.series), "")
    entries: list[tuple[str, str, str]] = []  # (updated, id, markup)
    for edition in editions:
        summary, changed = what_changed(edition)
        href = urllib.parse.quote(f"{edition.name}/{INDEX}")
        files = "".join(
            f"<li>{_e(b.title)}" + (" (HTML only)" if b.html_only else "") + "</li>" for b in edition.briefs
        )
        content = f"<p>Status: {_e(edition.status)}.</p>{changed}<ul>{files}</ul>"
        title = f"Edition {edition.name} ({edition.status})"
        eid = _entry_id("edition", edition.name)
        entries.append((edition.updated, eid, _entry(eid, title, edition.updated, href, summary, content)))
        newest = max(edition.revisions, key=lambda r: (r.time, r.number), default=None)
        for position, revision in enumerate(edition.revisions, 1):
            when = revision.time or f"{edition.date}T00:00:00Z"  # unknown: before every later one
            said = f"Revision {revision.number} of edition {edition.name}"
            reason = f"{said}: {revision.reason}" if revision.reason else said
            rebuilt = f" Briefs: {', '.join(revision.briefs)}." if revision.briefs else ""
            text = f"{reason}.{rebuilt}"
            body = f"<p>{_e(text)}</p>"
            if revision is newest:  # what changed is known for the edition as it now stands
                text, body = f"{text} {summary}", body + changed
            rid = _entry_id("edition", edition.name, "revision", str(position))
            heading = f"{said} ({revision.status or edition.status})"
            entries.append((when, rid, _entry(rid, heading, when, href, text, body)))
    entries.sort(key=lambda e: (e[0], e[1]), reverse=True)
    updated = max((e[0] for e in entries), default=EPOCH)
    title = f"{series}: editions" if series else "Editions"
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom">\n'
        f"<title>{_x(title)}</title>\n"
        f"<id>{_entry_id('feed')}</id>\n"
        f"<updated>{updated}</updated>\n"
        f'<link rel="self" type="application/atom+xml" href="{FEED}"/>\n'
        f'<link rel="alternate" type="text/html" href="{INDEX}"/>\n'
        "<author><name>strategy-brief</name></author>\n"
        "<generator>strategy-brief</generator>\n" + "".join(markup for _, _, markup in entries) + "</feed>\n"
    )


# ---------------------------------------------------------------------------------------------------
# Writing, serving and opening


def _put(path: Path, text: str, site: Site, scratch: Path) -> None:
    """Write atomically, and only when the bytes differ (an unchanged site is left untouched). The
    temporary file is made in `scratch` (the reports folder, same filesystem), never in an edition
    folder, so an edition holds no half-written or leftover file of the site."""
    data = text.encode("utf-8")
    site.pages.append(path)
    tmp = None
    try:
        if path.is_file() and not path.is_symlink() and path.read_bytes() == data:
            return
        handle, name = tempfile.mkstemp(prefix=f".site-{path.name}.", suffix=".tmp", dir=scratch)
        tmp = Path(name)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        tmp.chmod(0o644)
        os.replace(tmp, path)
        site.written.append(path)
    except OSError as exc:
        site.problems.append(f"{path}: cannot be written ({exc.strerror or exc})")
        if tmp is not None:
            tmp.unlink(missing_ok=True)


def write(reports_dir: Path, say: Callable[[str], None] | None = None) -> Site:
    """Rebuild the site of `reports_dir`: index.html, each edition's index.html and feed.xml. Never
    raises for what it reads or cannot write: problems are in `Site.problems` (and said with `say`)."""
    reports_dir = Path(reports_dir)
    site = Site()
    try:
        reports_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        site.problems.append(f"{reports_dir}: cannot be created ({exc.strerror or exc})")
    editions = [read_edition(folder) for folder in edition_folders(reports_dir)]
    for edition in editions:
        site.editions.append(edition.name)
        site.problems += edition.problems + [p for b in edition.briefs for p in b.problems]
        _put(reports_dir / edition.name / INDEX, edition_page(edition), site, reports_dir)
    if reports_dir.is_dir():
        _put(reports_dir / INDEX, index_page(editions, latest_edition(reports_dir)), site, reports_dir)
        _put(reports_dir / FEED, feed(editions), site, reports_dir)
    if say is not None:
        for problem in site.problems:
            say(f"site: warning: {problem}")
    return site


def server(reports_dir: Path, port: int = 8000) -> http.server.ThreadingHTTPServer:
    """An HTTP server for the reports folder on 127.0.0.1 (port 0: any free port); call serve_forever."""
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(reports_dir))
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)


def brief_html(reports_dir: Path, brief_id: str, edition: str | None = None) -> Path:
    """The HTML of a published brief: in `edition` (default: `latest`, else the newest edition)."""
    reports_dir = Path(reports_dir)
    folders = edition_folders(reports_dir)
    if edition is None:
        edition = publish.LATEST if latest_edition(reports_dir) else (folders[0].name if folders else None)
        if edition is None:
            raise ValueError(f"{reports_dir}: no edition has been published (run `strategy-brief build`)")
    elif edition != publish.LATEST:
        publish.check_edition(edition)
    folder = reports_dir / edition
    if not (folder / publish.EDITION_INDEX).is_file():
        known = ", ".join(f.name for f in folders) or "none"
        raise ValueError(f"--edition {edition}: no edition {folder} (editions in {reports_dir}: {known})")
    brief_dir = folder / brief_id
    if not _SAFE_NAME.fullmatch(brief_id) or brief_id.startswith(".") or not brief_dir.is_dir():
        known = ", ".join(b.id for b in read_edition(folder).briefs) or "none"
        raise ValueError(f"brief {brief_id!r}: edition {edition} has no such brief (it has: {known})")
    found = _pick(brief_dir, ".html", brief_id, folder.resolve().name)
    if found is None:
        raise ValueError(f"brief {brief_id!r}: {brief_dir} holds no HTML file")
    return folder / found.path
