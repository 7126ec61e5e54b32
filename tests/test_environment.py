"""environment.yml gives conda users the pip install's exact versions, and docs/conda.md the kernel
registration the build needs."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from jupyter_client.kernelspec import KernelSpecManager

from strategy_brief import config

ROOT = Path(__file__).resolve().parents[1]


def _key(name: str) -> str:
    """A distribution name as pip compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement.strip(), maxsplit=1)[0]


def constraints() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.strip().split("==")
            pins[_key(name)] = version
    return pins


def environment() -> dict:
    return yaml.safe_load((ROOT / "environment.yml").read_text())


def pip_section(env: dict) -> list[str]:
    sections = [d["pip"] for d in env["dependencies"] if isinstance(d, dict)]
    assert len(sections) == 1, "environment.yml: expected one `pip:` section"
    return sections[0]


def conda_packages(env: dict) -> dict[str, str]:
    """The conda-level packages, name → version ('' when unpinned)."""
    found = {}
    for spec in env["dependencies"]:
        if isinstance(spec, str):
            name, _, version = spec.partition("=")
            found[name] = version
    return found


def test_every_pip_package_is_pinned_to_its_constraints_version():
    pins = constraints()
    requirements = [r for r in pip_section(environment()) if not r.startswith("-")]
    assert requirements
    for requirement in requirements:
        name = _name(requirement)
        match = re.fullmatch(rf"{re.escape(name)}(\[[\w,-]+\])?==(?P<version>\S+)", requirement)
        assert match, f"environment.yml: {requirement!r} is not pinned with =="
        assert _key(name) in pins, f"environment.yml: {name} is not in constraints.txt"
        assert match["version"] == pins[_key(name)], (
            f"environment.yml pins {name}=={match['version']}, constraints.txt {pins[_key(name)]}"
        )


def test_everything_pyproject_declares_is_listed_with_its_extras():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = project["dependencies"] + project["optional-dependencies"]["dev"]
    listed = {
        _key(_name(r)): re.search(r"\[.*?\]", r) for r in pip_section(environment()) if not r.startswith("-")
    }
    pins = constraints()
    for requirement in declared:
        key = _key(_name(requirement))
        extras = re.search(r"\[.*?\]", requirement)
        pin = pins.get(key, "<pin it in constraints.txt>")
        line = f"- {_name(requirement)}{extras[0] if extras else ''}=={pin}"
        assert key in listed, f"environment.yml does not list {requirement} (pyproject.toml): add `{line}`"
        got = listed[key]
        assert (extras and extras[0]) == (got and got[0]), f"environment.yml: extras of {requirement}"
    assert len(listed) == len(declared), "environment.yml lists packages pyproject.toml does not declare"


def test_transitive_packages_are_pinned_by_constraints_and_the_project_installed():
    section = pip_section(environment())
    assert "-c constraints.txt" in section, "environment.yml must pin transitive packages: -c constraints.txt"
    assert section[-1] == "-e .", "environment.yml installs the project last: -e ."


def test_conda_packages_match_python_and_pins():
    env = environment()
    assert env["name"] == config.KERNEL_NAME
    conda = conda_packages(env)
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    lowest = re.search(r">=\s*(\d+\.\d+)", requires)[1]
    assert conda.get("python") == lowest, (
        f"environment.yml: python={conda.get('python')}, pyproject {requires}"
    )
    pins = constraints()
    for name, version in conda.items():
        if name != "python":
            assert version == pins.get(_key(name)), (
                f"environment.yml: {name}={version or '(unpinned)'}, constraints.txt {pins.get(_key(name))}"
            )


def _documented_kernel_command() -> list[str]:
    text = (ROOT / "docs" / "conda.md").read_text()
    blocks = re.findall(r"```bash\n(.*?)```", text, re.DOTALL)
    lines = [line for block in blocks for line in block.splitlines() if "ipykernel install" in line]
    assert len(lines) == 1, "docs/conda.md: expected one `ipykernel install` line in its bash blocks"
    return shlex.split(lines[0])


def test_documented_kernel_registration_is_the_one_make_setup_runs():
    makefile = (ROOT / "Makefile").read_text()
    kernel = re.search(r"^KERNEL := (\S+)$", makefile, re.MULTILINE)[1]
    make_line = next(line for line in makefile.splitlines() if "ipykernel install" in line)
    make_args = shlex.split(make_line.replace("$(KERNEL)", kernel).split(">")[0])
    documented = _documented_kernel_command()
    assert documented[0] == "python"
    assert documented[1:] == make_args[1:]
    assert kernel == config.KERNEL_NAME


@pytest.mark.slow
def test_documented_kernel_command_registers_the_kernel_the_build_uses(tmp_path):
    args = _documented_kernel_command()
    assert "--sys-prefix" in args
    args[args.index("--sys-prefix")] = f"--prefix={tmp_path}"  # the environment's prefix, here a folder
    run = subprocess.run([sys.executable, *args[1:]], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    specs = KernelSpecManager(kernel_dirs=[str(tmp_path / "share" / "jupyter" / "kernels")])
    spec = specs.get_kernel_spec(config.KERNEL_NAME)
    assert Path(spec.argv[0]) == Path(sys.executable)
    assert spec.argv[spec.argv.index("-m") + 1] == "ipykernel_launcher"


@pytest.mark.slow
def test_pip_section_resolves_to_the_installed_pins(tmp_path):
    """What conda runs: pip on a requirements file written beside environment.yml, from its
    folder. Offline, against this environment: the pins resolve together and nothing but the
    project itself would be installed, so the versions are the ones the pip install has."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("constraints.txt", "pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, project / name)
    shutil.copytree(
        ROOT / "src" / "strategy_brief",
        project / "src" / "strategy_brief",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    requirements = project / "condaenv.test.requirements.txt"
    requirements.write_text("\n".join(pip_section(environment())) + "\n")
    report = tmp_path / "report.json"
    run = subprocess.run(
        [
            *(sys.executable, "-m", "pip", "install", "--dry-run", "--no-index", "--no-build-isolation"),
            *("--disable-pip-version-check", "--report", str(report), "-r", requirements.name),
        ],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    installs = [item["metadata"]["name"] for item in json.loads(report.read_text())["install"]]
    assert installs == ["strategy-brief"], f"pip would install other versions: {installs}"
