"""Repository rules that are easy to break by accident."""

import ast
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import jupytext
import nbformat
import pytest
import yaml
from jupytext.config import load_jupytext_config
from jupytext.paired_paths import paired_paths

from strategy_brief import config
from strategy_brief.build import params

ROOT = config.PROJECT_ROOT
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert not cell.outputs, f"{path.name} cell {index} has outputs: run nbstripout"
            assert cell.execution_count is None, f"{path.name} cell {index} has an execution count"


def _paired_text_file(notebook: Path) -> Path:
    """The py:percent file notebooks/jupytext.toml pairs a notebook with (notebooks/py/<name>.py)."""
    settings = load_jupytext_config(str(notebook.parent))
    assert settings is not None, "notebooks/jupytext.toml is missing"
    paths = paired_paths(str(notebook), "ipynb", settings.default_formats(str(notebook)))
    [text] = [Path(p) for p, fmt in paths if fmt["extension"] == ".py"]
    return text


def _cells(nb) -> list[tuple[str, str, list]]:
    return [(c.cell_type, c.source, list(c.metadata.get("tags", []))) for c in nb.cells]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_notebook_has_its_py_percent_pair_in_step(path):
    """Reviewers read the text pair: it must hold the notebook's cells, sources and tags exactly."""
    text = _paired_text_file(path)
    fix = "run `make sync-notebooks` and commit both files"
    assert text.exists(), f"{path.name} has no paired {text.relative_to(ROOT)}: {fix}"
    notebook, paired = _cells(nbformat.read(path, as_version=4)), _cells(jupytext.read(text))
    for index, (ours, theirs) in enumerate(zip(notebook, paired, strict=False), start=1):
        assert ours == theirs, f"{path.name} cell {index} differs from {text.name}: {fix}"
    assert len(notebook) == len(paired), f"{path.name} and {text.name} differ in cell count: {fix}"


def test_every_py_percent_file_has_its_notebook():
    paired = {_paired_text_file(path) for path in NOTEBOOKS}
    orphans = sorted(p.name for p in (ROOT / "notebooks").rglob("*.py") if p not in paired)
    assert not orphans, f"text files in notebooks/ that pair no notebook (renamed or deleted?): {orphans}"


def test_the_nbstripout_hook_changes_no_committed_notebook(tmp_path):
    """The hook strips outputs and keeps cell ids: on the committed notebooks it has nothing to do."""
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    [hook] = [h for repo in hooks["repos"] for h in repo["hooks"] if h["id"] == "nbstripout"]
    copies = [Path(shutil.copy(path, tmp_path / path.name)) for path in NOTEBOOKS]
    command = [*shlex.split(hook["entry"]), *hook.get("args", []), *map(str, copies)]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    changed = [path.name for path in NOTEBOOKS if (tmp_path / path.name).read_bytes() != path.read_bytes()]
    assert not changed, f"`{hook['entry']}` rewrites {changed} (outputs left, or cell ids renumbered)"


def test_the_git_filter_stages_a_committed_notebook_unchanged():
    """`make setup` configures the nbstripout filter (.gitattributes): it keeps cell ids too."""
    found = subprocess.run(
        ["git", "config", "--get", "filter.nbstripout.clean"], cwd=ROOT, capture_output=True, text=True
    )
    if found.returncode != 0:
        pytest.skip("the nbstripout git filter is not configured here (`make setup` configures it)")
    clean = found.stdout.strip()  # a shell command, as git runs it
    path = NOTEBOOKS[0]  # one is enough to see the filter's options; the hook test above reads them all
    staged = subprocess.run(clean, shell=True, cwd=ROOT, input=path.read_bytes(), capture_output=True)
    assert staged.returncode == 0, staged.stderr.decode()
    assert staged.stdout == path.read_bytes(), f"`{clean}` would stage {path.name} changed"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_have_one_typed_parameters_cell_with_edition_and_a_place(path):
    nb = nbformat.read(path, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, f"{path.name}: expected one parameters cell, found {len(tagged)}"
    signature = params.read_signature(path)  # raises on untyped parameters
    # Every brief is about a place: a region, or for a country brief a country (ISO 3166-1 alpha-3).
    assert "edition" in signature.parameters
    assert {"region", "country"} & set(signature.parameters), f"{path.name}: no region or country parameter"
    assert nb.metadata["kernelspec"]["name"] == config.KERNEL_NAME


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_every_dependency_is_pinned_in_constraints():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = {_name(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"]}
    pinned = {
        _name(line)
        for line in (ROOT / "constraints.txt").read_text().splitlines()
        if "==" in line and not line.startswith("#")
    }
    assert declared <= pinned, f"not pinned: {sorted(declared - pinned)}"


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    assert "make test" in readme and "make brief" in readme
    assert re.search(r"^make test$", (ROOT / ".ci" / "run").read_text(), re.MULTILINE)


def test_ruff_is_clean():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", str(ROOT)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_thin_and_define_no_functions_or_classes(path):
    """Notebooks load, call strategy_brief, plot and narrate: a helper belongs in src/ with its tests."""
    nb = nbformat.read(path, as_version=4)
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        defined = [
            node.name
            for node in ast.walk(ast.parse(cell.source))
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        ]
        assert not defined, f"{path.name} cell {index} defines {defined}: move them to src/strategy_brief"


# A notebook reads: parameters, load, call, show. Past these, logic is growing in the notebook.
MAX_CELL_LINES, MAX_NOTEBOOK_CODE_LINES = 40, 900


def _code_lines(cell) -> int:
    return len([line for line in cell.source.splitlines() if line.strip()])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_code_cell_is_longer_than_the_budget(path):
    nb = nbformat.read(path, as_version=4)
    long = {
        index + 1: _code_lines(cell)
        for index, cell in enumerate(nb.cells)
        if cell.cell_type == "code" and _code_lines(cell) > MAX_CELL_LINES
    }
    assert not long, f"{path.name}: cells over {MAX_CELL_LINES} code lines (cell: lines) {long}"


def test_all_notebooks_together_stay_within_the_code_budget():
    total = sum(
        _code_lines(cell)
        for path in NOTEBOOKS
        for cell in nbformat.read(path, as_version=4).cells
        if cell.cell_type == "code"
    )
    assert 0 < total <= MAX_NOTEBOOK_CODE_LINES, f"{total} code lines across the notebooks"
