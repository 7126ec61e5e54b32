"""The build cache (strategy_brief.build.cache): a brief rebuilds exactly when one of its inputs changed,
and a reused brief is republished byte-identically, saying which edition it comes from.

Most tests build a small synthetic project with kernels replaced by a stand-in that copies the notebook
(the cache decides before any kernel, so what a kernel would compute does not matter here); the HTML
export is real. Data files: any change under data/raw, data/processed or data/sources rebuilds every
brief (which tables a notebook reads is decided at run time, so no narrower rule is reliable)."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest

from strategy_brief import config
from strategy_brief.build import cache, execute, outputs, publish
from strategy_brief.build import edition as build
from tests.conftest import make_notebook

EDITION = "2000-01-01"
REAL_EXPORT = outputs.export_brief
PARAMS = 'edition: str = "2000-01-01"\nregion: str = "Global"  # one of: Global | Europe\nlabel: str = ""'
BRIEFS = {"alpha", "beta", "both-global", "both-europe"}


def write_build_file(root: Path, title: str = "Cache series", beta_region: str = "Global") -> None:
    (root / "briefs.yml").write_text(
        textwrap.dedent(
            f"""
            title: {title}
            briefs:
              - {{id: alpha, title: Alpha, notebooks: [a.ipynb]}}
              - {{id: beta, title: Beta, notebooks: [b.ipynb], parameters: {{region: {beta_region}}}}}
              - id: both-{{region}}
                title: "Both: {{region}}"
                notebooks: [a.ipynb, b.ipynb]
                for_each:
                  region: [Global, Europe]
            """
        )
    )


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """Notebooks a and b; briefs alpha (a), beta (b) and both-global, both-europe (a then b); one file in
    each data folder; a package, templates and lock file of its own, so that tests can change them."""
    root = tmp_path / "project"
    make_notebook(root / "notebooks" / "a.ipynb", PARAMS, "print('a')")
    make_notebook(root / "notebooks" / "b.ipynb", PARAMS, "print('b')")
    write_build_file(root)
    for folder in cache.DATA_FOLDERS:
        (root / folder).mkdir(parents=True)
        (root / folder / "table.csv").write_text("a,b\n1,2\n")
    package = tmp_path / "package"
    (package / "report" / "templates").mkdir(parents=True)
    (package / "module.py").write_text("X = 1\n")
    (package / "report" / "templates" / "page.j2").write_text("<html></html>\n")
    (root / "constraints.txt").write_text("pandas==2.3.3\n")
    monkeypatch.setattr(cache, "PACKAGE_DIR", package)
    monkeypatch.setattr(cache, "TEMPLATES_DIR", package / "report" / "templates")
    monkeypatch.setattr(cache, "lockfile", lambda root_: root_ / "constraints.txt")
    return root


@pytest.fixture
def kernels(monkeypatch) -> list[tuple[str, str]]:
    """Stand-in for the kernel: the executed notebook is the notebook with a stream output per code
    cell. Records (brief folder, notebook) of every run."""
    calls: list[tuple[str, str]] = []

    def run_notebook(notebook, output, parameters, kernel_name, cwd, *, cell_timeout=None, warm=None):
        calls.append((output.parent.parent.name, notebook.name))
        nb = nbformat.read(notebook, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                region = parameters.get("region", "Global")
                text = f"{notebook.stem} for {region}, edition {parameters['edition']}\n"
                cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=text)]
        output.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, output)
        return execute.NotebookRun(notebook, output, parameters, 0.01, "ok")

    def export_brief(brief, result, spec, edition, brief_dir, pdf, say, reports_dir, printer=None):
        """Stand-in for the export (the real one is tested with the cache below): the HTML is the runs'
        executed notebooks."""
        page = b"".join(run.output.read_bytes() for run in result.runs)
        (brief_dir / publish.dated_name(brief.id, edition, publish.HTML)).write_bytes(page)

    monkeypatch.setattr(execute, "run_notebook", run_notebook)
    monkeypatch.setattr(outputs, "export_brief", export_brief)
    return calls


def run_build(root: Path, edition: str = EDITION, **kwargs) -> build.BuildResult:
    out = io.StringIO()
    result = build.build(
        build_file=root / "briefs.yml",
        edition=edition,
        reports_dir=root / "reports",
        root=root,
        pdf=False,
        out=out,
        **kwargs,
    )
    assert result.ok, out.getvalue()
    return result


def rebuilt_after(root: Path, calls: list, change, **kwargs) -> set[str]:
    """Build, apply `change`, build again: the briefs the second build ran kernels for."""
    run_build(root)
    calls.clear()
    change()
    result = run_build(root, **kwargs)
    ran = {brief for brief, _ in calls}
    assert ran == set(result.rebuilt), (ran, result.rebuilt)
    assert set(result.reused) == BRIEFS - ran
    return ran


def append(path: Path, text: str):
    return lambda: path.write_text(path.read_text() + text)


def edit_notebook(path: Path):
    def change():
        nb = nbformat.read(path, as_version=4)
        nb.cells.append(nbformat.v4.new_code_cell("print('new cell')"))
        nbformat.write(nb, path)

    return change


def test_nothing_changed_reuses_every_brief_without_a_kernel(project, kernels):
    assert rebuilt_after(project, kernels, lambda: None) == set()


def test_force_rebuilds_every_brief(project, kernels):
    assert rebuilt_after(project, kernels, lambda: None, force=True) == BRIEFS


@pytest.mark.parametrize(
    ("what", "expected"),
    [
        ("notebook a", {"alpha", "both-global", "both-europe"}),
        ("notebook b", {"beta", "both-global", "both-europe"}),
        ("beta's entry", {"beta"}),
        ("series title", BRIEFS),
        ("data/raw", BRIEFS),
        ("data/processed", BRIEFS),
        ("data/sources", BRIEFS),
        ("package", BRIEFS),
        ("templates", BRIEFS),
        ("constraints", BRIEFS),
    ],
)
def test_a_change_rebuilds_exactly_the_briefs_it_affects(project, kernels, what, expected):
    package = cache.PACKAGE_DIR
    change = {
        "notebook a": edit_notebook(project / "notebooks" / "a.ipynb"),
        "notebook b": edit_notebook(project / "notebooks" / "b.ipynb"),
        "beta's entry": lambda: write_build_file(project, beta_region="Europe"),
        "series title": lambda: write_build_file(project, title="Another title"),
        "data/raw": append(project / "data" / "raw" / "table.csv", "3,4\n"),
        "data/processed": lambda: (project / "data" / "processed" / "new.csv").write_text("x\n1\n"),
        "data/sources": append(project / "data" / "sources" / "table.csv", "5,6\n"),
        "package": append(package / "module.py", "Y = 2\n"),
        "templates": append(package / "report" / "templates" / "page.j2", "<!-- -->\n"),
        "constraints": append(project / "constraints.txt", "numpy==2.4.6\n"),
    }[what]
    assert rebuilt_after(project, kernels, change) == expected


def test_a_parameter_override_or_another_kernel_rebuilds_every_brief(project, kernels):
    run_build(project)
    kernels.clear()
    assert set(run_build(project, overrides={"label": "draft"}).rebuilt) == BRIEFS
    kernels.clear()
    assert set(run_build(project, overrides={"label": "draft"}).rebuilt) == set()
    assert set(run_build(project, overrides={"label": "draft"}, kernel_name="python3").rebuilt) == BRIEFS


def test_caches_and_compiled_files_do_not_count_as_a_change(project, kernels):
    def change():
        (cache.PACKAGE_DIR / "__pycache__").mkdir()
        (cache.PACKAGE_DIR / "__pycache__" / "module.cpython-311.pyc").write_bytes(b"\0")

    assert rebuilt_after(project, kernels, change) == set()


def test_a_reused_brief_is_byte_identical_and_its_manifest_says_where_it_comes_from(
    project, kernels, monkeypatch
):
    monkeypatch.setattr(outputs, "export_brief", REAL_EXPORT)  # the HTML and figures of the real export
    first = run_build(project)
    brief = project / "reports" / EDITION / "alpha"
    built = json.loads((brief / "manifest.json").read_text())
    before = {p.relative_to(brief): p.read_bytes() for p in brief.rglob("*") if p.is_file()}
    second = run_build(project)
    assert set(first.rebuilt) == BRIEFS and set(second.reused) == BRIEFS
    after = {p.relative_to(brief): p.read_bytes() for p in brief.rglob("*") if p.is_file()}
    assert after.keys() == before.keys()
    assert all(after[name] == before[name] for name in before if name.name != "manifest.json")
    manifest = json.loads((brief / "manifest.json").read_text())
    assert manifest["reused_from"] == {"edition": EDITION, "built_at": built["built_at"]}
    assert manifest["cache"] == built["cache"] and manifest["built_at"] == built["built_at"]
    index = json.loads((project / "reports" / EDITION / "edition.json").read_text())
    assert index["rebuilt"] == [] and set(index["reused"]) == BRIEFS
    # Reused again: still says where the files were built.
    run_build(project)
    assert json.loads((brief / "manifest.json").read_text())["reused_from"]["built_at"] == built["built_at"]


def test_another_edition_rebuilds_as_every_page_prints_its_edition(project, kernels):
    run_build(project)
    kernels.clear()
    assert set(run_build(project, edition="2000-01-02").rebuilt) == BRIEFS


def test_new_figures_in_the_previous_edition_rebuild_the_brief_that_compares_with_them(project, kernels):
    run_build(project, edition="2000-01-01")
    run_build(project, edition="2000-01-02")
    manifest_path = project / "reports" / "2000-01-01" / "beta" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["notebooks"][0]["key_figures"] = [
        {"name": "x", "value": 1, "label": "X", "unit": "count", "as_of": "1999"}
    ]
    manifest_path.write_text(json.dumps(manifest))
    kernels.clear()
    assert set(run_build(project, edition="2000-01-02").rebuilt) == {"beta"}


def test_a_failed_or_missing_published_brief_is_rebuilt(project, kernels):
    run_build(project)
    (project / "reports" / EDITION / "alpha" / publish.dated_name("alpha", EDITION, "html")).unlink()
    manifest_path = project / "reports" / EDITION / "beta" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["cache"]["key"] = "0" * 64  # as if built from other inputs
    manifest_path.write_text(json.dumps(manifest))
    assert set(run_build(project).rebuilt) == {"alpha", "beta"}


def test_the_log_says_why_a_brief_rebuilds(project, kernels):
    run_build(project)
    edit_notebook(project / "notebooks" / "b.ipynb")()
    out = io.StringIO()
    build.build(
        build_file=project / "briefs.yml",
        edition=EDITION,
        reports_dir=project / "reports",
        root=project,
        pdf=False,
        out=out,
    )
    text = out.getvalue()
    assert "reused alpha: unchanged since its build of" in text
    assert "build  beta: notebook b.ipynb changed" in text


def test_tree_digest_covers_names_and_contents(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "x.csv").write_text("1\n")
    first = cache.tree_digest(tmp_path / "d")
    (tmp_path / "d" / "x.csv").rename(tmp_path / "d" / "y.csv")
    renamed = cache.tree_digest(tmp_path / "d")
    (tmp_path / "d" / "y.csv").write_text("2\n")
    assert len({first, renamed, cache.tree_digest(tmp_path / "d")}) == 3
    assert cache.tree_digest(tmp_path / "absent") != first


NO_HEAVY_IMPORTS = """
import io, sys
from pathlib import Path
from strategy_brief.build import cache, edition
cache.PACKAGE_DIR = Path(sys.argv[4])
cache.TEMPLATES_DIR = cache.PACKAGE_DIR / "report" / "templates"
cache.lockfile = lambda root: Path(root) / "constraints.txt"  # as the fixture's
result = edition.build(build_file=sys.argv[1], edition="2000-01-01", reports_dir=sys.argv[2],
                       root=sys.argv[3], pdf=False, out=io.StringIO())
assert result.ok and not result.rebuilt, result
print(" ".join(m for m in ("nbconvert", "papermill", "nbformat", "playwright", "pandas") if m in sys.modules))
"""


def _modules_loaded_by_a_reusing_build(root: Path, package: Path) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", NO_HEAVY_IMPORTS, root / "briefs.yml", root / "reports", root, package],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


def real_package(monkeypatch, tmp_path) -> Path:
    """Key the fixture's briefs with a copy of the real package taken now (as the subprocess will),
    so that an edit of the working tree while the test runs does not count as a change."""
    frozen = tmp_path / "frozen"
    shutil.copytree(config.PACKAGE_DIR, frozen, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "PACKAGE_DIR", frozen)
    monkeypatch.setattr(cache, "TEMPLATES_DIR", frozen / "report" / "templates")
    return frozen


@pytest.mark.slow  # a Python subprocess
def test_nothing_changed_is_decided_without_nbconvert_or_pandas(project, kernels, monkeypatch, tmp_path):
    package = real_package(monkeypatch, tmp_path)
    run_build(project)
    loaded = _modules_loaded_by_a_reusing_build(project, package)
    assert not loaded & {"nbconvert", "playwright", "pandas"}, loaded


@pytest.mark.slow
def test_nothing_changed_is_decided_without_papermill_or_nbformat(project, kernels, monkeypatch, tmp_path):
    package = real_package(monkeypatch, tmp_path)
    run_build(project)
    loaded = _modules_loaded_by_a_reusing_build(project, package)
    assert not loaded & {"papermill", "nbformat"}, loaded


def test_a_changed_chromium_binary_changes_its_identity_even_behind_a_launcher_script(tmp_path):
    binary = tmp_path / "lib" / "chromium-headless-shell"
    binary.parent.mkdir()
    binary.write_bytes(b"\x7fELF" + b"\0" * 100)
    binary.chmod(0o755)
    launcher = tmp_path / "chromium-headless-shell"
    tool, settings = tmp_path / "rm", tmp_path / "flags"  # a script's other files: not the browser
    for other in (tool, settings):
        other.write_text("x")
    tool.chmod(0o755)
    launcher.write_text(f'#!/bin/sh -e\n{tool} -f {settings} /proc/cpuinfo\n{binary} "$@"\n')
    direct, wrapped = cache.chromium_identity(str(binary)), cache.chromium_identity(str(launcher))
    assert [run["path"] for run in wrapped["runs"]] == [str(binary)]  # not /bin/sh, the interpreter
    binary.write_bytes(b"\x7fELF" + b"\1" * 200)  # an upgrade that leaves the launcher as it was
    assert cache.chromium_identity(str(binary)) != direct
    assert cache.chromium_identity(str(launcher)) != wrapped
    assert cache.chromium_identity(str(launcher))["size"] == wrapped["size"]
    assert "runs" not in cache.chromium_identity(str(binary))  # a binary is not read as a script
    assert cache.chromium_identity(None) is None
    assert cache.chromium_identity(str(tmp_path / "gone")) == {"path": str(tmp_path / "gone")}
