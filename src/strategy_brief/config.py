"""Every path the project uses, in one place (override the root with STRATEGY_BRIEF_ROOT)."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _find_root() -> Path:
    env = os.environ.get("STRATEGY_BRIEF_ROOT")
    if env:
        return Path(env).resolve()
    # An editable install runs from src/strategy_brief; the project root is two levels up.
    candidate = PACKAGE_DIR.parent.parent
    if (candidate / "briefs.yml").exists():
        return candidate
    return Path.cwd().resolve()


PROJECT_ROOT = _find_root()
BUILD_FILE = PROJECT_ROOT / "briefs.yml"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
DATA_DIR = PROJECT_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
INTERIM_DIR = DATA_DIR / "interim"
PROCESSED_DIR = DATA_DIR / "processed"
EXTERNAL_DIR = DATA_DIR / "external"
REPORTS_DIR = PROJECT_ROOT / "reports"
TEMPLATES_DIR = PACKAGE_DIR / "report" / "templates"

# The Jupyter kernel every build uses (registered into the venv by `make setup`).
KERNEL_NAME = "strategy-brief"
