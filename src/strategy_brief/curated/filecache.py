"""Parse a file once per process while it is unchanged.

A build's warm kernels (build.kernels) run notebook after notebook, and each reads the same curated
files, processed tables and metadata. Parsed once, each later read is a copy: a caller may change
what it gets without changing what the next one reads. The key is the file's path and a hash of its
bytes (hashing is a small fraction of parsing), so a rewritten file is parsed again however soon
after the last read it was rewritten."""

from __future__ import annotations

import copy
import hashlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

_lock = threading.Lock()
_parsed: dict[tuple[str, str, str], Any] = {}
MAX_ENTRIES = 512  # far above the files a brief reads; a long-lived process cannot grow without bound


def parsed(path: Path, parse: Callable[[Path, bytes], T], kind: str) -> T:
    """`parse(path, data)` of the file's bytes `data`, from memory when the file has not changed since;
    always a copy of it. `path` is for the parser's messages.

    `kind` names the parser (one file may be read two ways); a parse that raises is not remembered."""
    data = Path(path).read_bytes()
    key = (kind, str(Path(path).resolve()), hashlib.blake2b(data, digest_size=16).hexdigest())
    with _lock:
        hit = key in _parsed
        value = _parsed.get(key)
    if not hit:
        value = parse(Path(path), data)
        with _lock:
            if len(_parsed) >= MAX_ENTRIES:
                _parsed.clear()
            _parsed[key] = value
    return _copy(value)


def _copy(value: Any) -> Any:
    if hasattr(value, "copy") and hasattr(value, "columns"):  # a DataFrame: deep by default
        return value.copy()
    return copy.deepcopy(value)


def clear() -> None:
    with _lock:
        _parsed.clear()
