"""A build's log for cron (build.log and `build --quiet / --on-failure / --notify-url`): stamped lines, one
file per build, problems on stderr, and a notification that is tested against a loopback server."""

from __future__ import annotations

import http.server
import io
import json
import re
import threading

import pytest

from strategy_brief import cli
from strategy_brief.build import log as buildlog

STAMPED = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z ")


def test_every_line_is_stamped_in_the_file_and_quiet_keeps_the_console_for_problems(tmp_path):
    console, stderr = io.StringIO(), io.StringIO()
    path = buildlog.log_path(tmp_path, "2026-12-05")
    log = buildlog.BuildLog(path, console, quiet=True)
    log.write("first line\nsecond ")
    log.write("line\n")
    log.problem("strategy-brief build: error: bad", stderr)
    log.write("unfinished")
    log.close()
    lines = path.read_text().splitlines()
    assert [STAMPED.sub("", line) for line in lines] == [
        "first line",
        "second line",
        "strategy-brief build: error: bad",
        "unfinished",
    ]
    assert all(STAMPED.match(line) for line in lines)
    assert console.getvalue() == "", "quiet: nothing but problems, and those go to stderr"
    assert STAMPED.sub("", stderr.getvalue()) == "strategy-brief build: error: bad\n"
    assert path.parent.name == buildlog.LOGS and path.name.startswith("2026-12-05_")


def test_a_log_file_that_cannot_be_made_leaves_the_console_alone(tmp_path):
    blocker = tmp_path / "reports"
    blocker.write_text("a file where the reports folder should be")
    console = io.StringIO()
    log = buildlog.BuildLog(buildlog.log_path(blocker, None), console)
    log.write("still said\n")
    log.close()
    assert log.path is None
    assert "warning: no log file" in console.getvalue() and "still said" in console.getvalue()


@pytest.fixture
def webhook():
    received: list[dict] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append(json.loads(body))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook", received
    server.shutdown()


def test_a_refused_quiet_build_logs_says_only_the_problem_and_notifies(tiny_project, webhook, capsys):
    url, received = webhook
    marker = tiny_project / "notified.txt"
    code = cli.main(
        [
            "build",
            "--build-file",
            str(tiny_project / "briefs.yml"),
            "--reports-dir",
            str(tiny_project / "reports"),
            "--quiet",
            "-p",
            "nonsense=1",
            "--on-failure",
            f'echo "$STRATEGY_BRIEF_EXIT $STRATEGY_BRIEF_LOG" > {marker}',
            "--notify-url",
            url,
        ]
    )
    out, err = capsys.readouterr()
    assert code == 2
    assert out == "", "quiet"
    assert err and all(STAMPED.match(line) for line in err.splitlines()) and "nonsense" in err
    [log] = (tiny_project / "reports" / buildlog.LOGS).glob("*.log")
    assert "nonsense" in log.read_text()
    exit_code, log_named = marker.read_text().split()
    assert exit_code == "2" and log_named == str(log)
    assert received == [
        {"exit_code": 2, "meaning": "bad input", "edition": "", "failed_briefs": [], "log": str(log)}
    ]


def test_a_notification_that_fails_is_reported_not_fatal(tmp_path):
    problems = buildlog.notify(
        1, edition="2026-12-05", log=None, failed=["b"], command="exit 3", url="http://127.0.0.1:9/none"
    )
    assert any("command exited 3" in p for p in problems)
    assert any("--notify-url http://127.0.0.1:9/none" in p for p in problems)
    assert buildlog.notify(0, edition=None, log=None, failed=[]) == []
