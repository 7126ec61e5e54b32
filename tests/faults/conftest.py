"""Shared tools for the fault and bad-input tests: run the command, hash what must not change.

Every fault test asserts three things: the exit code, that the message names the place (file,
row, column, parameter or path), and that nothing published or committed changed (`tree_hash`
before and after)."""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from strategy_brief import cli
from strategy_brief.build import edition as build

LOGS = "_logs"


def tree_hash(*roots: Path) -> dict[str, str]:
    """sha256 of every file (and the target of every symlink) under the roots, by relative path."""
    out: dict[str, str] = {}
    for root in roots:
        root = Path(root)
        # A build's log (reports/_logs/) is its run record, not something it publishes: left out, and a
        # reports folder that holds nothing but logs counts as absent.
        if not root.exists() or (root.is_dir() and {p.name for p in root.iterdir()} <= {LOGS}):
            out[str(root)] = "<absent>"
            continue
        paths = [root] if root.is_file() else sorted(root.rglob("*"))
        for path in paths:
            if path != root and path.relative_to(root).parts[0] == LOGS:
                continue
            key = f"{root.name}/{path.relative_to(root)}" if path != root else root.name
            if path.is_symlink():
                out[key] = "-> " + str(path.readlink())
            elif path.is_file():
                out[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


@dataclass
class Outcome:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def run_cli(*args: str) -> Outcome:
    """`strategy-brief ARGS` in this process; the exit code and what it printed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main([str(a) for a in args])
        except SystemExit as exc:  # argparse usage errors
            code = exc.code if isinstance(exc.code, int) else 2
    # Every build line starts with its UTC time (tests/build/test_log.py checks it); the checks here read
    # what follows it.
    return Outcome(code, unstamped(out.getvalue()), unstamped(err.getvalue()))


STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z ", re.MULTILINE)


def unstamped(text: str) -> str:
    return STAMP.sub("", text)


def pytest_collection_modifyitems(items):
    """A test on the `published` project waits for its build (kernels, once a session): it is slow."""
    for item in items:
        if "published" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def _published_template(tmp_path_factory) -> Path:
    """A tiny project (see tests/conftest.py) with edition 2000-01-01 published, HTML only."""
    from tests.conftest import make_tiny_project

    root = make_tiny_project(tmp_path_factory.mktemp("published"))
    result = build.build(
        build_file=root / "briefs.yml",
        edition="2000-01-01",
        reports_dir=root / "reports",
        root=root,
        pdf=False,
        out=io.StringIO(),
    )
    assert result.ok, [r.error for r in result.briefs]
    return root


@pytest.fixture
def published(_published_template, tmp_path) -> Path:
    """A fresh copy of the published tiny project, for a test to attack."""
    root = tmp_path / "project"
    shutil.copytree(_published_template, root, symlinks=True)
    return root
