"""Dated snapshots of upstream files in data/external/<source>/<date>/, from a download or a mirror.

Every file is checked (parses, has the expected columns or keys, is not truncated) before it is
kept, and it is first written to a staging folder: `commit()` moves it into place only once the
processed tables have been rebuilt from it, so a failed refresh leaves everything as it was.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import http.client
import io
import json
import os
import re
import shutil
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from strategy_brief import config
from strategy_brief.data import schemas
from strategy_brief.data.sources import Source

USER_AGENT = "strategy-brief-refresh/0.1 (+https://github.com/)"
RETRYABLE_STATUS = {408, 425, 429, 500, 502, 503, 504}
_FULL_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")
_MONTH = re.compile(r"(\d{4}-\d{2})(?!-\d)")


class SnapshotError(RuntimeError):
    """A download failed or a file is not what its source promises; the message names it."""


@dataclass(frozen=True)
class Snapshot:
    source: str
    date: str  # YYYY-MM-DD the data refers to (from the file name) or the day it was fetched
    path: Path
    sha256: str
    bytes: int
    origin: str


def snapshot_date(filename: str, fallback: dt.date) -> str:
    """The date a mirror file's name carries (its last YYYY-MM-DD, else its last YYYY-MM as the
    first of that month), else the fallback (the day of download)."""
    full = _FULL_DATE.findall(filename)
    if full:
        return full[-1]
    months = _MONTH.findall(filename)
    if months:
        return f"{months[-1]}-01"
    return fallback.isoformat()


GZIP_MAGIC = b"\x1f\x8b"


def decompressed(data: bytes, where: str = "file") -> bytes:
    """The bytes of a file as its reader sees them: a gzip file (told by its magic bytes, not its
    name) is unpacked; a cut gzip stream is an error naming the file."""
    if not data.startswith(GZIP_MAGIC):
        return data
    try:
        return gzip.decompress(data)
    except (EOFError, OSError) as exc:
        raise SnapshotError(f"{where}: truncated or corrupt gzip file ({exc})") from exc


def check_content(source: Source, data: bytes, where: str, *, stated_whole: bool = False) -> int:
    """Raise SnapshotError unless `data` is a complete, well-formed file of this source; return
    its row count (see `_json_rows` for JSON). `stated_whole`: the file's sha256 is the one its
    registry entry states, so a CSV without a final newline is known to be whole, not cut."""
    data = decompressed(data, where)
    if not data.strip():
        raise SnapshotError(f"{where}: empty file")
    if source.format == "json":
        try:
            doc = json.loads(data)
        except json.JSONDecodeError as exc:
            raise SnapshotError(f"{where}: malformed or truncated JSON ({exc})") from exc
        if isinstance(doc, list) and not source.required_keys:
            return len(doc)
        if not isinstance(doc, dict):
            raise SnapshotError(f"{where}: expected a JSON object at the top level")
        _check_json_keys(source, doc, where)
        return _json_rows(doc)
    if not data.endswith(b"\n") and not stated_whole:
        raise SnapshotError(f"{where}: truncated CSV (the last line is incomplete)")
    try:
        frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding=source.encoding)
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise SnapshotError(f"{where}: malformed CSV ({exc})") from exc
    missing = [c for c in source.required_columns if c not in frame.columns]
    if missing:
        raise SnapshotError(
            f"{where}: missing column(s) {', '.join(map(repr, missing))} "
            f"(source {source.name} requires {', '.join(source.required_columns)})"
        )
    try:
        schemas.validate_upstream(source.name, frame, where)
    except schemas.ValidationError as exc:
        raise SnapshotError(str(exc)) from exc
    return len(frame)


def _json_rows(doc: dict) -> int:
    """The records of a JSON file: its longest top-level list (cloud regions, prices), else its
    top-level keys (litellm: one key per model)."""
    lists = [len(v) for v in doc.values() if isinstance(v, list)]
    return max(lists) if lists else len(doc)


def count_rows(source: Source, data: bytes) -> int | None:
    """Rows of a kept snapshot, counted as `check_content` counts them; None if it cannot be read."""
    try:
        data = decompressed(data)
        if source.format == "json":
            doc = json.loads(data)
            if isinstance(doc, list):
                return len(doc)
            return _json_rows(doc) if isinstance(doc, dict) else None
        return len(pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding=source.encoding))
    except (ValueError, SnapshotError, pd.errors.ParserError, pd.errors.EmptyDataError):
        return None


def _series(filename: str) -> str:
    """A file's name without its dates: the snapshots of one upstream file share it
    (notable_ai_models_2026-07-19.csv and a download of notable_ai_models.csv)."""
    return re.sub(r"[_\-. ]+", "_", re.sub(r"\d{4}-\d{2}(-\d{2})?", "", filename)).strip("_")


def newest_per_file(snaps: list[Snapshot]) -> list[Snapshot]:
    """The newest snapshot of each upstream file of a source (a source of several files, such as the
    GitHub Innovation Graph's three, uses one of each), in date order."""
    newest: dict[str, Snapshot] = {}
    for snap in sorted(snaps, key=lambda s: (s.date, s.path.name)):
        newest[_series(snap.path.name)] = snap
    return sorted(newest.values(), key=lambda s: (s.date, s.path.name))


def previous_snapshot(source: Source, staging: Staging, filename: str, date: str) -> Snapshot | None:
    """The newest snapshot of the same file (kept or staged in this refresh) dated no later."""
    earlier = [
        s
        for s in present(source, [staging.external_dir, staging.root])
        if _series(s.path.name) == _series(filename) and (s.date, s.path.name) <= (date, filename)
    ]
    return max(earlier, key=lambda s: (s.date, s.path.name), default=None)


def check_rows(
    source: Source,
    data: bytes,
    rows: int,
    *,
    staging: Staging,
    filename: str,
    date: str,
    where: str,
    allow_shrink: bool = False,
) -> None:
    """Refuse a file that is complete to the line yet not whole: one whose source states its sha256
    or row count must match them; any other may not lose more than `max_shrink` of the rows of
    the previous snapshot of the same file, unless `allow_shrink`."""
    registry = source.path or f"data/sources/{source.name}.yml"
    stated = source.files.get(filename)
    if stated:
        digest = hashlib.sha256(data).hexdigest()
        if "sha256" in stated and digest != stated["sha256"]:
            raise SnapshotError(
                f"{where}: sha256 {digest} differs from {stated['sha256']} stated for {filename} in "
                f"{registry}: the file was cut, altered or replaced; restore the stated file, or update "
                "files: in the registry if upstream really published a new version"
            )
        if "rows" in stated and rows != stated["rows"]:
            raise SnapshotError(
                f"{where}: {rows} rows, but {registry} states {stated['rows']} for {filename}: the file was "
                "cut or altered; restore the stated file, or update files: in the registry"
            )
        return
    previous = previous_snapshot(source, staging, filename, date)
    if allow_shrink or previous is None or previous.sha256 == hashlib.sha256(data).hexdigest():
        return
    try:
        before = count_rows(source, previous.path.read_bytes())
    except OSError:
        return  # its record outlived the file: nothing to compare with
    if before and 1 - rows / before > source.max_shrink:
        kept = staging.external_dir / source.name / previous.date / previous.path.name
        raise SnapshotError(
            f"{where}: {rows} rows, against {before} in the previous snapshot {kept}: it lost "
            f"{1 - rows / before:.0%} of its rows, more than the {source.max_shrink:.0%} allowed "
            f"(max_shrink in {registry}); if upstream really dropped them, rerun with "
            "`strategy-brief data refresh --allow-shrink`"
        )


def _check_json_keys(source: Source, doc: dict, where: str) -> None:
    if source.name == "litellm_prices":
        # A price table: every model entry must carry the price keys it promises (or be a spec entry).
        entries = {k: v for k, v in doc.items() if k != "sample_spec" and isinstance(v, dict)}
        if not entries:
            raise SnapshotError(f"{where}: no model entries")
        if not any("input_cost_per_token" in v for v in entries.values()):
            raise SnapshotError(f"{where}: no entry has input_cost_per_token")
        for key, entry in entries.items():
            for field in ("input_cost_per_token", "output_cost_per_token"):
                value = entry.get(field)
                if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
                    raise SnapshotError(f"{where}: key {key!r}: non-numeric price {value!r} in {field}")
        return
    missing = [k for k in source.required_keys if k not in doc]
    if missing:
        raise SnapshotError(f"{where}: missing key(s) {', '.join(missing)}")


def download(url: str, *, timeout: float = 60, retries: int = 3, backoff: float = 1.0) -> bytes:
    """GET a URL; retry timeouts, connection errors and 5xx/429 with exponential backoff;
    refuse a body shorter than its Content-Length."""
    last: Exception | None = None
    for attempt in range(retries + 1):
        if attempt:
            time.sleep(backoff * 2 ** (attempt - 1))
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                body = response.read()
                expected = response.headers.get("Content-Length")
            if expected is not None and len(body) != int(expected):
                raise SnapshotError(f"{url}: truncated download ({len(body)} of {expected} bytes)")
            return body
        except urllib.error.HTTPError as exc:
            last = exc
            if exc.code not in RETRYABLE_STATUS:
                raise SnapshotError(f"{url}: HTTP {exc.code} {exc.reason}") from exc
        except SnapshotError as exc:
            last = exc
        except http.client.IncompleteRead as exc:
            last = SnapshotError(
                f"{url}: truncated download ({len(exc.partial)} bytes, {exc.expected} more expected)"
            )
        except (
            urllib.error.URLError,
            http.client.HTTPException,
            TimeoutError,
            ConnectionError,
            OSError,
        ) as exc:
            last = exc
    raise SnapshotError(f"{url}: failed after {retries + 1} attempts: {last}") from last


class Staging:
    """New snapshot files, written aside until the refresh succeeds."""

    def __init__(self, external_dir: Path | None = None):
        external_dir = Path(external_dir) if external_dir else config.external_dir()
        self.external_dir = external_dir
        external_dir.mkdir(parents=True, exist_ok=True)
        self.root = external_dir / f".staging-{os.getpid()}-{time.time_ns()}"
        self.root.mkdir()
        self.added: list[Snapshot] = []

    def add(self, source: Source, data: bytes, *, filename: str, date: str, origin: str) -> Snapshot:
        digest = hashlib.sha256(data).hexdigest()
        final = self.external_dir / source.name / date / filename
        meta = final.with_name(final.name + ".snapshot.json")
        if final.exists() and meta.exists() and json.loads(meta.read_text())["sha256"] == digest:
            return Snapshot(source.name, date, final, digest, len(data), origin)  # already kept
        staged = self.root / source.name / date / filename
        staged.parent.mkdir(parents=True, exist_ok=True)
        staged.write_bytes(data)
        record = {
            "source": source.name,
            "snapshot_date": date,
            "file": filename,
            "sha256": digest,
            "bytes": len(data),
            "origin": origin,
            "retrieved_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }
        staged.with_name(filename + ".snapshot.json").write_text(json.dumps(record, indent=2) + "\n")
        snap = Snapshot(source.name, date, staged, digest, len(data), origin)
        self.added.append(snap)
        return snap

    def commit(self) -> None:
        """Move every staged file into data/external (each move is an atomic rename)."""
        for path in sorted(self.root.rglob("*")):
            if path.is_file():
                target = self.external_dir / path.relative_to(self.root)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, target)
        self.discard()

    def discard(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def acquire(
    source: Source,
    staging: Staging,
    *,
    mirror: Path | None = None,
    today: dt.date | None = None,
    allow_shrink: bool = False,
    **download_options,
) -> list[Snapshot]:
    """Fetch a source's file(s): every matching file of a mirror, or one download of the URL.
    Each is checked (`check_content`, then `check_rows`) before it is staged."""
    today = today or dt.datetime.now(dt.UTC).date()
    if source.installed_package:
        return [_installed(source, staging)]
    if mirror is not None:
        files = sorted({p for pattern in source.mirror for p in Path(mirror).glob(pattern)})
        if not files:
            raise SnapshotError(
                f"{source.name}: no file in mirror {mirror} matches {', '.join(source.mirror)}"
            )
        snaps = []
        for path in files:
            data = path.read_bytes()
            rows = check_content(source, data, str(path), stated_whole=_stated_whole(source, path.name, data))
            date = source.files.get(path.name, {}).get("date") or snapshot_date(path.name, today)
            check_rows(
                source,
                data,
                rows,
                staging=staging,
                filename=path.name,
                date=date,
                where=str(path),
                allow_shrink=allow_shrink,
            )
            origin = f"mirror:{path.relative_to(mirror)}"
            snaps.append(staging.add(source, data, filename=path.name, date=date, origin=origin))
        return snaps
    data = download(source.url, **download_options)
    rows = check_content(source, data, source.url, stated_whole=_stated_whole(source, source.filename, data))
    date = today.isoformat()
    check_rows(
        source,
        data,
        rows,
        staging=staging,
        filename=source.filename,
        date=date,
        where=source.url,
        allow_shrink=allow_shrink,
    )
    return [staging.add(source, data, filename=source.filename, date=date, origin=source.url)]


def _stated_whole(source: Source, filename: str, data: bytes) -> bool:
    """True when the registry states this file's sha256 and the bytes have it."""
    stated = source.files.get(filename, {}).get("sha256")
    return stated is not None and hashlib.sha256(data).hexdigest() == stated


def _installed(source: Source, staging: Staging) -> Snapshot:
    """A pinned package's data: the package version stands in for the date, so the same pin
    gives the same snapshot (and the same processed tables) on any day."""
    from strategy_brief.data import genai_export, models_dev_export

    exporters = {module.PACKAGE: module for module in (genai_export, models_dev_export)}
    exporter = exporters.get(source.installed_package)
    if exporter is None:
        raise SnapshotError(
            f"{source.name}: no exporter for installed package {source.installed_package} "
            f"(known: {', '.join(sorted(exporters))})"
        )
    data = exporter.export_installed()
    version = exporter.version()
    check_content(source, data, f"installed {source.installed_package}=={version}")
    return staging.add(
        source,
        data,
        filename=f"{source.name}-{version}.json",
        date=version,
        origin=f"installed:{source.installed_package}=={version}",
    )


def present(source: Source, roots: list[Path]) -> list[Snapshot]:
    """Every snapshot of a source kept under the given roots (staging wins over kept), by date."""
    found: dict[tuple[str, str], Snapshot] = {}
    for root in roots:
        base = root / source.name
        if not base.exists():
            continue
        for meta in sorted(base.glob("*/*.snapshot.json")):
            record = json.loads(meta.read_text())
            path = meta.with_name(record["file"])
            found[(record["snapshot_date"], record["file"])] = Snapshot(
                source.name,
                record["snapshot_date"],
                path,
                record["sha256"],
                record["bytes"],
                record["origin"],
            )
    return [found[k] for k in sorted(found)]
