"""What a brief was built from and what it found: inputs' hashes, versions, timings, key figures."""

from __future__ import annotations

import hashlib
import json
import platform
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

import nbformat

from strategy_brief.report.mime import KEY_FIGURE_MIME

PACKAGES = (
    "strategy-brief",
    "pandas",
    "numpy",
    "matplotlib",
    "seaborn",
    "papermill",
    "nbconvert",
    "nbformat",
    "ipykernel",
    "country_converter",
)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def input_hashes(root: Path, files: list[Path], data_dirs: list[Path]) -> dict[str, str]:
    """sha256 of each named file and of every file under the data folders, keyed by path."""
    found = {Path(f) for f in files}
    for folder in data_dirs:
        if folder.exists():
            found.update(p for p in folder.rglob("*") if p.is_file() and p.name != ".gitkeep")
    return {_relative(p, root): sha256(p) for p in sorted(found)}


def data_input_hashes(root: Path) -> dict[str, str]:
    """sha256 of every curated input and processed table (data/raw, data/processed), keyed by path."""
    return input_hashes(root, [], [root / "data" / "raw", root / "data" / "processed"])


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def git_commit(root: Path) -> dict[str, Any]:
    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()

    try:
        return {"commit": git("rev-parse", "HEAD"), "dirty": bool(git("status", "--porcelain"))}
    except (subprocess.CalledProcessError, FileNotFoundError):
        return {"commit": None, "dirty": None}


def versions(chromium: str | None = None) -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    if chromium:
        try:
            out["chromium"] = subprocess.run(
                [chromium, "--version"], capture_output=True, text=True, timeout=30
            ).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            out["chromium"] = "unknown"
    return out


def key_figures(nb: nbformat.NotebookNode) -> list[dict[str, Any]]:
    """The key figures a notebook recorded with record.key_figure, in order."""
    found = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if KEY_FIGURE_MIME in data:
                found.append(dict(data[KEY_FIGURE_MIME]))
    return found


def cell_seconds(nb: nbformat.NotebookNode) -> float:
    """Σ of papermill's per-cell durations in an executed notebook."""
    total = 0.0
    for cell in nb.cells:
        duration = cell.get("metadata", {}).get("papermill", {}).get("duration")
        if duration:
            total += float(duration)
    return total


def write(path: Path, manifest: dict[str, Any]) -> None:
    path.write_text(json.dumps(manifest, indent=2, sort_keys=True, default=str) + "\n")
