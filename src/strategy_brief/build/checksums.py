"""SHA256SUMS beside each edition, so a reader can check the files they downloaded (`sha256sum -c
SHA256SUMS` in the edition folder) and `strategy-brief verify EDITION` can check a published one.

The file is GNU coreutils' format: one `<sha256>  <path>` line per file, paths relative to the
edition folder with `/` separators, sorted, SHA256SUMS itself left out. A path with a backslash
or a newline is escaped as sha256sum escapes it (the line then starts with a backslash)."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

SUMS = "SHA256SUMS"
_LINE = re.compile(r"(?P<escaped>\\)?(?P<digest>[0-9a-f]{64}) [ *](?P<path>.+)")


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def _files(edition_dir: Path) -> list[str]:
    """Every regular file under the edition folder, relative, sorted; not SHA256SUMS or its temp file."""
    found = []
    for folder, dirs, files in os.walk(edition_dir):
        dirs.sort()
        for name in files:
            path = Path(folder, name)
            relative = path.relative_to(edition_dir).as_posix()
            if relative == SUMS or relative.startswith(f"{SUMS}.tmp"):
                continue
            if path.is_symlink() or not path.is_file():
                continue
            found.append(relative)
    return sorted(found)


def _escape(path: str) -> tuple[str, str]:
    if "\\" in path or "\n" in path:
        return "\\", path.replace("\\", "\\\\").replace("\n", "\\n")
    return "", path


def _unescape(path: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m[1] == "n" else m[1], path)


def write_sums(edition_dir: Path) -> Path:
    """Write `edition_dir/SHA256SUMS` for every file in the edition folder; returns its path.
    Call it after the last file of the edition is written (it is replaced whole, atomically)."""
    edition_dir = Path(edition_dir)
    if not edition_dir.is_dir():
        raise ValueError(f"{edition_dir}: not an edition folder")
    lines = []
    for relative in _files(edition_dir):
        prefix, shown = _escape(relative)
        lines.append(f"{prefix}{_digest(edition_dir / relative)}  {shown}\n")
    target = edition_dir / SUMS
    tmp = edition_dir / f"{SUMS}.tmp-{os.getpid()}"
    tmp.write_text("".join(lines), encoding="utf-8", newline="\n")
    os.replace(tmp, target)
    return target


def read_sums(edition_dir: Path) -> tuple[dict[str, str], list[str]]:
    """The listed digests {relative path: sha256} and the problems reading SHA256SUMS."""
    edition_dir = Path(edition_dir)
    sums_path = edition_dir / SUMS
    try:
        text = sums_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, [f"{sums_path}: missing (an edition published before checksums, or not an edition)"]
    except (OSError, UnicodeDecodeError) as exc:
        return {}, [f"{sums_path}: cannot be read ({exc})"]
    listed: dict[str, str] = {}
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        match = _LINE.fullmatch(line)
        if not match:
            problems.append(f"{SUMS} line {number}: expected '<sha256>  <path>', got {line[:80]!r}")
            continue
        path = _unescape(match["path"]) if match["escaped"] else match["path"]
        parts = Path(path).parts
        if Path(path).is_absolute() or ".." in parts:
            problems.append(f"{SUMS} line {number}: path {path!r} is outside the edition folder")
            continue
        if path in listed:
            problems.append(f"{SUMS} line {number}: {path} is listed twice")
            continue
        listed[path] = match["digest"]
    return listed, problems


def verify(edition_dir: Path) -> list[str]:
    """What differs between the edition folder and its SHA256SUMS, one line per file (missing,
    changed, or not listed); an empty list when every file matches."""
    edition_dir = Path(edition_dir)
    if not edition_dir.is_dir():
        return [f"{edition_dir}: not an edition folder"]
    listed, problems = read_sums(edition_dir)
    if not listed and problems:
        return problems
    present = set(_files(edition_dir))
    for path, expected in sorted(listed.items()):
        if path not in present:
            problems.append(f"{path}: missing (listed in {SUMS})")
            continue
        actual = _digest(edition_dir / path)
        if actual != expected:
            problems.append(f"{path}: changed (sha256 {actual[:12]}…, {SUMS} says {expected[:12]}…)")
    problems.extend(f"{path}: not listed in {SUMS}" for path in sorted(present - set(listed)))
    return problems
