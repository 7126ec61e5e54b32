"""Every path the project uses, in one place (override the root with STRATEGY_BRIEF_ROOT).

Paths are resolved when asked for, not at import: `processed_dir()` follows STRATEGY_BRIEF_ROOT as it is
at the call, so a kernel, a build or a test that points the root elsewhere moves every path with it. The
upper-case names (`config.PROCESSED_DIR`, ...) are kept for compatibility and resolve the same way.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = PACKAGE_DIR / "report" / "templates"

# The Jupyter kernel every build uses (registered into the venv by `make setup`).
KERNEL_NAME = "strategy-brief"


def project_root() -> Path:
    """The project root: STRATEGY_BRIEF_ROOT, else this checkout (editable install), else the cwd."""
    env = os.environ.get("STRATEGY_BRIEF_ROOT")
    if env:
        return Path(env).resolve()
    # An editable install runs from src/strategy_brief; the project root is two levels up.
    candidate = PACKAGE_DIR.parent.parent
    if (candidate / "briefs.yml").exists():
        return candidate
    return Path.cwd().resolve()


def build_file() -> Path:
    return project_root() / "briefs.yml"


def notebooks_dir() -> Path:
    return project_root() / "notebooks"


def data_dir() -> Path:
    return project_root() / "data"


def raw_dir() -> Path:
    """Curated inputs (data/raw), committed."""
    return data_dir() / "raw"


def processed_dir() -> Path:
    """Processed tables (data/processed), committed."""
    return data_dir() / "processed"


def external_dir() -> Path:
    """Dated upstream snapshots (data/external), git-ignored."""
    return data_dir() / "external"


def reports_dir() -> Path:
    return project_root() / "reports"


# The old constant names and the function each one is read through (looked up by name when read, so a
# test that replaces `processed_dir` moves `PROCESSED_DIR` too).
_PATHS = {
    "PROJECT_ROOT": "project_root",
    "BUILD_FILE": "build_file",
    "NOTEBOOKS_DIR": "notebooks_dir",
    "DATA_DIR": "data_dir",
    "RAW_DIR": "raw_dir",
    "PROCESSED_DIR": "processed_dir",
    "EXTERNAL_DIR": "external_dir",
    "REPORTS_DIR": "reports_dir",
}


def __getattr__(name: str) -> Path:
    """The old path constants (`config.PROCESSED_DIR`), resolved when read like the functions above."""
    if name in _PATHS:
        return globals()[_PATHS[name]]()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
