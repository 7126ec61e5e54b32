"""The scheduling recipes in deploy/: each is valid for the tool that reads it, and each runs a
`strategy-brief` command line that the command accepts."""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from strategy_brief import cli
from tests.schema_tools import builtin_schema_errors

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
SERVICE, TIMER = DEPLOY / "strategy-brief.service", DEPLOY / "strategy-brief.timer"
CRON, WORKFLOW = DEPLOY / "strategy-brief.cron", DEPLOY / "github-workflow.yml"
COMMAND = ".venv/bin/strategy-brief"


def parse_unit(path: Path) -> dict[str, dict[str, list[str]]]:
    """A systemd unit file as {section: {key: [values]}} (keys may repeat); a line outside a
    section or without '=' is an error naming the line."""
    sections: dict[str, dict[str, list[str]]] = {}
    current = None
    for number, raw in enumerate(path.read_text().splitlines(), 1):
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if re.fullmatch(r"\[[A-Za-z]+\]", line):
            current = sections.setdefault(line[1:-1], {})
            continue
        key, sep, value = line.partition("=")
        if current is None or not sep or not re.fullmatch(r"[A-Za-z]+", key.strip()):
            raise ValueError(f"{path.name}:{number}: not a `Key=value` line in a section: {raw!r}")
        current.setdefault(key.strip(), []).append(value.strip())
    return sections


def accepts(argv: list[str]) -> str:
    """'' when `strategy-brief` accepts these arguments, else argparse's message."""
    said = io.StringIO()
    try:
        with contextlib.redirect_stderr(said):
            cli._parser().parse_args(argv)
    except SystemExit as exc:
        return f"strategy-brief {shlex.join(argv)} is refused (exit {exc.code}): {said.getvalue()}"
    return ""


def command_args(words: list[str]) -> list[str]:
    """The arguments after the project's command in a command line."""
    index = next(i for i, word in enumerate(words) if word.endswith(COMMAND))
    return words[index + 1 :]


def test_parse_unit_refuses_a_line_that_is_not_a_setting(tmp_path):
    broken = tmp_path / "x.service"
    broken.write_text("[Service]\nExecStart /bin/true\n")
    with pytest.raises(ValueError, match=r"x.service:2"):
        parse_unit(broken)


def test_service_runs_the_project_command_from_its_checkout():
    unit = parse_unit(SERVICE)
    service = unit["Service"]
    assert service["Type"] == ["oneshot"]
    [workdir] = service["WorkingDirectory"]
    [exec_start] = service["ExecStart"]
    words = shlex.split(exec_start)
    assert words[0] == f"{workdir}/{COMMAND}", "ExecStart runs the checkout's strategy-brief"
    assert (ROOT / COMMAND).exists(), f"{COMMAND} is missing: run make setup"
    args = command_args(words)
    assert args[0] == "build" and "--quiet" in args and "--wait" in args
    assert accepts(args) == ""
    assert service["KillMode"] == ["mixed"], "SIGTERM goes to the build, which stops its kernels"
    assert "TimeoutStartSec" in service


def test_timer_starts_the_service_daily_and_catches_up():
    timer = parse_unit(TIMER)
    assert timer["Timer"]["Unit"] == [SERVICE.name]
    assert timer["Timer"]["Persistent"] == ["true"]
    assert timer["Install"]["WantedBy"] == ["timers.target"]
    [calendar] = timer["Timer"]["OnCalendar"]
    if shutil.which("systemd-analyze"):
        run = subprocess.run(["systemd-analyze", "calendar", calendar], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is not installed")
def test_units_pass_systemd_analyze_verify(tmp_path):
    """Verified as installed in this checkout: systemd checks that ExecStart is executable."""
    workdir = parse_unit(SERVICE)["Service"]["WorkingDirectory"][0]
    for unit in (SERVICE, TIMER):
        (tmp_path / unit.name).write_text(unit.read_text().replace(workdir, str(ROOT)))
    run = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", SERVICE.name, TIMER.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0 and not run.stderr.strip(), run.stdout + run.stderr
    # and verify does catch a broken unit
    (tmp_path / TIMER.name).write_text(TIMER.read_text().replace("OnCalendar=", "OnCalender="))
    run = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", TIMER.name], cwd=tmp_path, capture_output=True, text=True
    )
    assert run.returncode != 0


CRON_FIELD = re.compile(r"(\*|\d+(-\d+)?)(/\d+)?(,(\*|\d+(-\d+)?)(/\d+)?)*")
CRON_RANGES = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 7))  # minute hour day month weekday


def parse_cron(line: str) -> tuple[list[str], str]:
    """A crontab line's 5 time fields and its command; raises ValueError naming the bad field."""
    fields = line.split(None, 5)
    if len(fields) < 6:
        raise ValueError(f"crontab line {line!r}: expected 5 time fields and a command")
    for field, (low, high) in zip(fields[:5], CRON_RANGES, strict=True):
        numbers = [int(n) for n in re.findall(r"(?<![/\d])\d+", field)]
        if not CRON_FIELD.fullmatch(field) or any(not low <= n <= high for n in numbers):
            raise ValueError(f"crontab line {line!r}: bad field {field!r} (allowed {low}-{high})")
    return fields[:5], fields[5]


@pytest.mark.parametrize(
    "line", ["30 5 * *  /bin/true", "61 5 * * * /bin/true", "30 5 * * mon-fri /bin/true", "@daily x"]
)
def test_parse_cron_refuses_bad_lines(line):
    with pytest.raises(ValueError, match="crontab line"):
        parse_cron(line)


def test_cron_line_has_five_fields_and_runs_the_build():
    lines = [ln for ln in CRON.read_text().splitlines() if ln.strip() and not ln.startswith("#")]
    assert len(lines) == 1, "deploy/strategy-brief.cron holds one crontab line"
    _, command = parse_cron(lines[0])
    assert "%" not in command, "cron turns % into a newline"
    cd, run = command.split("&&")
    assert shlex.split(cd)[0] == "cd"
    args = command_args(shlex.split(run))
    assert args[0] == "build" and "--quiet" in args and "--wait" in args
    assert accepts(args) == ""


def test_workflow_validates_against_the_github_workflow_schema(tmp_path):
    assert builtin_schema_errors("vendor.github-workflows", WORKFLOW) == ""
    broken = yaml.safe_load(WORKFLOW.read_text())
    del broken["jobs"]["build"]["runs-on"]
    (tmp_path / "broken.yml").write_text(yaml.safe_dump(broken))
    assert "runs-on" in builtin_schema_errors("vendor.github-workflows", tmp_path / "broken.yml")


def test_workflow_builds_on_a_schedule_and_uploads_the_edition_it_built():
    workflow = yaml.safe_load(WORKFLOW.read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as True
    [schedule] = triggers["schedule"]
    parse_cron(schedule["cron"] + " command")
    steps = workflow["jobs"]["build"]["steps"]
    [build] = [s for s in steps if COMMAND in s.get("run", "")]
    args = command_args(shlex.split(build["run"]))
    assert args[0] == "build" and "--quiet" in args
    assert accepts([a.replace("$EDITION", "2026-12-05") for a in args]) == ""
    edition = args[args.index("--edition") + 1]
    assert build["env"][edition.lstrip("$")] == "${{ steps.edition.outputs.edition }}"
    [upload] = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact") and "if" not in s]
    assert upload["with"]["path"] == "reports/${{ steps.edition.outputs.edition }}/"
    assert upload["with"]["if-no-files-found"] == "error"
    [failed] = [s for s in steps if s.get("if") == "failure()"]
    assert "reports/_failed/" in failed["with"]["path"]
