"""The build cache: whether a published brief can be republished as it is.

A brief's key is a sha256 over everything that can change what it publishes: its notebooks, its
parameters as the build resolves them (the build file's entry, `-p` overrides, the edition), the
package's source, the house templates, `data/raw`, `data/processed` and the source registry
(`data/sources`), the locked dependency versions (`constraints.txt`) and Python, the build options
(PDF or not, kernel, the Chromium binary) and the key figures of the previous edition that its
"What changed" section compares with. Any change in a data file rebuilds every brief: which tables a
notebook reads is decided by the package at run time, so no narrower rule would be reliable.

The key of a built brief is kept in its `manifest.json` (`cache`). A later build of the same edition
whose key is equal republishes the brief's folder byte-identically (its dated files
`<brief>_<edition>.html` and `.pdf`, the stable-name symlinks beside them, figures and notebooks;
only its manifest gains `reused_from`) without starting a kernel. Everything here is hashing and
JSON: it runs before papermill, nbformat or nbconvert is imported, so that "nothing changed" costs
well under a second.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from strategy_brief import config
from strategy_brief.build import publish
from strategy_brief.report import chromium

KEY_VERSION = 2  # bump when what the key covers (or what a brief folder holds) changes; 2: dated names
PACKAGE_DIR = config.PACKAGE_DIR  # module attributes, so that a test can point them at a copy
TEMPLATES_DIR = config.TEMPLATES_DIR
DATA_FOLDERS = ("data/raw", "data/processed", "data/sources")
_SKIP_DIRS = {"__pycache__", ".ipynb_checkpoints", ".pytest_cache"}
_SKIP_SUFFIXES = (".pyc", ".pyo")


def file_digest(path: Path) -> str:
    """sha256 of a file's bytes, or of the marker '<absent>' for a missing file."""
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except FileNotFoundError:
        return hashlib.sha256(b"<absent>").hexdigest()


def tree_digest(folder: Path, exclude: Path | None = None) -> str:
    """sha256 over every file under `folder` (relative path and content), skipping caches and `exclude`."""
    digest = hashlib.sha256()
    if not folder.is_dir():
        digest.update(b"<absent>")
        return digest.hexdigest()
    skip = Path(exclude).resolve() if exclude else None
    for current, dirs, files in os.walk(folder):
        here = Path(current)
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and (skip is None or here / d != skip))
        for name in sorted(files):
            if name.endswith(_SKIP_SUFFIXES):
                continue
            path = here / name
            relative = path.relative_to(folder).as_posix()
            digest.update(f"{relative}\0{file_digest(path)}\n".encode())
    return digest.hexdigest()


def json_digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def lockfile(root: Path) -> Path:
    """The file that locks the dependency versions: the checkout's constraints.txt (the one the
    environment was installed from), else the project root's."""
    installed = PACKAGE_DIR.parent.parent / "constraints.txt"
    return installed if installed.exists() else Path(root) / "constraints.txt"


def project_inputs(root: Path) -> dict[str, str]:
    """Digests of the inputs every brief shares: package, templates, data folders, locked versions."""
    root = Path(root)
    inputs = {
        "package": tree_digest(PACKAGE_DIR, exclude=TEMPLATES_DIR),
        "templates": tree_digest(TEMPLATES_DIR),
    }
    for folder in DATA_FOLDERS:
        inputs[folder] = tree_digest(root / folder)
    inputs["constraints.txt"] = file_digest(lockfile(root))
    inputs["python"] = hashlib.sha256(sys.version.encode()).hexdigest()
    return inputs


def chromium_identity(executable: str | None) -> dict[str, Any] | None:
    """The Chromium a PDF would be printed with, by path, size and time of its binary: a changed
    browser rebuilds the PDFs, without the cost of running `chromium --version`. Debian's
    /usr/bin/chromium-headless-shell is a two-line script that an upgrade leaves as it was (its date is
    older than the binary's): a browser program such a script names by absolute path counts too. Only a
    browser's (an executable named chrom…): a script's other files (/proc/cpuinfo, its tools) would
    change the key on every build, or with unrelated upgrades."""
    if not executable:
        return None
    path = Path(executable).resolve()
    identity = _file_identity(path)
    if identity.get("size", WRAPPER_MAX + 1) <= WRAPPER_MAX:
        with contextlib.suppress(OSError):
            text = path.read_bytes()
            if text.startswith(b"#!"):  # the interpreter on that line is not the browser
                body = text.partition(b"\n")[2]
                named = sorted({m.decode() for m in re.findall(rb"(?<![\w.])/[\w./+-]+", body)})
                runs = [_file_identity(Path(n).resolve()) for n in named if _browser_program(Path(n))]
                if runs:
                    identity["runs"] = runs
    return identity


WRAPPER_MAX = 64 * 1024  # a launcher script is a few lines; a browser binary is megabytes


def _browser_program(path: Path) -> bool:
    return "chrom" in path.name.lower() and path.is_file() and os.access(path, os.X_OK)


def _file_identity(path: Path) -> dict[str, Any]:
    try:
        stat = path.stat()
    except OSError:
        return {"path": str(path)}
    return {"path": str(path), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def chromium_path() -> str | None:
    """Where the build would find Chromium ($STRATEGY_BRIEF_CHROMIUM, else PATH, in the order of
    export.find_chromium), without running it."""
    found = chromium.locate()
    return found[0] if found else None


def previous_figures(reports_dir: Path, previous: str | None, brief_id: str) -> dict[str, Any]:
    """The previous edition (`publish.previous_edition`) and the key figures it recorded for this brief:
    the brief's "What changed since the last edition" section is computed from them."""
    figures = None
    if previous is not None:
        path = Path(reports_dir) / previous / brief_id / "manifest.json"
        try:
            recorded = json.loads(path.read_text())
            figures = [k for nb in recorded.get("notebooks", []) for k in nb.get("key_figures", [])]
        except (OSError, ValueError):
            figures = None
    return {"edition": previous if figures is not None else None, "key_figures": figures}


@dataclass(frozen=True)
class Key:
    """A brief's cache key and the digest of each input it covers (to say what changed)."""

    digest: str
    components: dict[str, str] = field(default_factory=dict)

    def as_manifest(self) -> dict[str, Any]:
        return {"version": KEY_VERSION, "key": self.digest, "components": self.components}


def brief_key(
    brief,
    inputs: dict[str, str],
    *,
    series: dict[str, Any],
    edition: str,
    overrides: dict[str, str],
    options: dict[str, Any],
    previous: dict[str, Any],
    notebook_digests: dict[Path, str] | None = None,
) -> Key:
    """The key of one brief (a `buildfile.Brief`) from the shared `inputs` and what is its own.

    `series` is what the build file says of every brief (title, publisher, licence: notebooks cite
    with them); `options` the build options that change the output (pdf, kernel, Chromium)."""
    notebook_digests = {} if notebook_digests is None else notebook_digests
    components = dict(inputs)
    components["brief entry"] = json_digest(
        {
            "id": brief.id,
            "title": brief.title,
            "notebooks": [nb.name for nb in brief.notebooks],
            "parameters": brief.parameters,
            "series": series,
        }
    )
    components["parameters"] = json_digest({"edition": edition, "overrides": overrides})
    for nb in brief.notebooks:
        if nb not in notebook_digests:
            notebook_digests[nb] = file_digest(nb)
        components[f"notebook {nb.name}"] = notebook_digests[nb]
    components["options"] = json_digest(options)
    components["previous edition"] = json_digest(previous)
    return Key(json_digest({"version": KEY_VERSION, **components}), components)


@dataclass(frozen=True)
class Reusable:
    """A published brief whose key equals this build's: the folder to republish and its manifest."""

    folder: Path
    manifest: dict[str, Any]

    @property
    def origin(self) -> dict[str, Any]:
        """Which edition (and build) the brief's files come from; kept through repeated reuse."""
        earlier = self.manifest.get("reused_from")
        if earlier:
            return dict(earlier)
        return {"edition": self.manifest.get("edition"), "built_at": self.manifest.get("built_at")}


def published_manifest(reports_dir: Path, edition: str, brief_id: str) -> dict[str, Any] | None:
    try:
        return json.loads((Path(reports_dir) / edition / brief_id / "manifest.json").read_text())
    except (OSError, ValueError):
        return None


def find_reusable(reports_dir: Path, edition: str, brief_id: str, key: Key, pdf: bool) -> Reusable | None:
    """The published copy of this brief, if it built with the same key and its files are all there."""
    manifest = published_manifest(reports_dir, edition, brief_id)
    if not manifest or manifest.get("status") != "ok":
        return None
    recorded = manifest.get("cache") or {}
    if recorded.get("version") != KEY_VERSION or recorded.get("key") != key.digest:
        return None
    folder = Path(reports_dir) / edition / brief_id
    formats = (publish.HTML, publish.PDF) if pdf else (publish.HTML,)
    wanted = [publish.dated_name(brief_id, edition, fmt) for fmt in formats]
    wanted += [nb["executed"] for nb in manifest.get("notebooks", [])]
    if not all((folder / name).is_file() for name in wanted):
        return None
    return Reusable(folder, manifest)


def changed(reports_dir: Path, edition: str, brief_id: str, key: Key) -> list[str]:
    """What differs from the published brief's key, as input names ('data/processed', 'notebook
    x.ipynb'); ['not published'] when there is no such brief or it recorded no key."""
    manifest = published_manifest(reports_dir, edition, brief_id)
    recorded = (manifest or {}).get("cache") or {}
    if not recorded.get("components"):
        return ["not published" if manifest is None else "no cache key recorded"]
    if manifest.get("status") != "ok":
        return ["last build failed"]
    before = recorded["components"]
    names = [n for n in key.components if before.get(n) != key.components[n]]
    names += [n for n in before if n not in key.components]
    return names or ["published files missing"]


def republish(reusable: Reusable, target: Path) -> dict[str, Any]:
    """Copy the published brief into the staged edition byte for byte; its manifest says where the
    files come from. Returns the new manifest."""
    shutil.copytree(reusable.folder, target, symlinks=True)
    manifest = dict(reusable.manifest)
    manifest["reused_from"] = reusable.origin
    (target / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True, default=str) + "\n")
    return manifest
