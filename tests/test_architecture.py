"""The package's layout is its pipeline: each stage imports only the stages below it (import-linter)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from strategy_brief import config

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
STAGES = ("curated", "data", "analysis", "report", "build")


def lint(root: Path, src: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(root / "pyproject.toml"), "--no-cache"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_every_stage_is_a_subpackage_and_the_root_holds_only_foundations():
    package = config.PACKAGE_DIR
    for stage in STAGES:
        assert (package / stage / "__init__.py").exists(), stage
    loose = sorted(p.stem for p in package.glob("*.py") if p.stem != "__init__")
    assert loose == ["cli", "config", "fmt"]


def test_the_layer_contracts_hold():
    result = lint(config.PROJECT_ROOT, config.PACKAGE_DIR.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_an_upward_import_breaks_the_contract(tmp_path):
    """The check can fail: a data module that imports the report stage is reported by name."""
    shutil.copy(config.PROJECT_ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    src = tmp_path / "src"
    shutil.copytree(config.PACKAGE_DIR, src / "strategy_brief", ignore=shutil.ignore_patterns("__pycache__"))
    processed = src / "strategy_brief" / "data" / "processed.py"
    processed.write_text(processed.read_text() + "\nfrom strategy_brief.report import record  # noqa\n")
    result = lint(tmp_path, src)
    assert result.returncode != 0
    assert "strategy_brief.data.processed -> strategy_brief.report.record" in result.stdout
