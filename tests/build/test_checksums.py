"""SHA256SUMS of an edition (build.checksums) and `strategy-brief verify`, on synthetic editions."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest

from strategy_brief import cli
from strategy_brief.build import checksums, publish


def make_edition(folder: Path) -> Path:
    (folder / "brief-b" / "figures").mkdir(parents=True)
    (folder / "brief-a").mkdir()
    (folder / "edition.json").write_text('{"status": "complete"}')
    (folder / "brief-b" / "brief-b_2026-01-01.pdf").write_bytes(bytes(range(256)) * 10)
    (folder / "brief-b" / "figures" / "figure-01.csv").write_text("a,b\n1,2\n")
    (folder / "brief-a" / "brief-a.html").write_text("<p>é</p>", encoding="utf-8")
    return folder


def test_sums_are_sorted_relative_sha256sum_lines_without_themselves(tmp_path):
    edition = make_edition(tmp_path / "2026-01-01")
    path = checksums.write_sums(edition)
    assert path == edition / "SHA256SUMS"
    lines = path.read_text().splitlines()
    paths = [line.split("  ", 1)[1] for line in lines]
    assert (
        paths
        == sorted(paths)
        == [
            "brief-a/brief-a.html",
            "brief-b/brief-b_2026-01-01.pdf",
            "brief-b/figures/figure-01.csv",
            "edition.json",
        ]
    )
    pdf = edition / "brief-b" / "brief-b_2026-01-01.pdf"
    assert lines[1] == f"{hashlib.sha256(pdf.read_bytes()).hexdigest()}  brief-b/brief-b_2026-01-01.pdf"
    assert checksums.write_sums(edition).read_text() == "\n".join(lines) + "\n"  # rewriting: same file
    assert not list(edition.glob("SHA256SUMS.tmp*"))


@pytest.mark.skipif(not shutil.which("sha256sum"), reason="GNU sha256sum is not installed")
def test_sha256sum_checks_the_file_including_an_escaped_name(tmp_path):
    edition = make_edition(tmp_path / "2026-01-01")
    (edition / "brief-a" / "back\\slash.txt").write_text("odd name")
    checksums.write_sums(edition)
    assert (edition / "SHA256SUMS").read_text().count("\\") >= 2  # escaped line
    run = subprocess.run(["sha256sum", "--check", "--strict", "SHA256SUMS"], cwd=edition, capture_output=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert checksums.verify(edition) == []


def test_verify_names_each_changed_missing_or_unlisted_file(tmp_path):
    edition = make_edition(tmp_path / "2026-01-01")
    checksums.write_sums(edition)
    assert checksums.verify(edition) == []
    (edition / "brief-a" / "brief-a.html").write_text("<p>tampered</p>")
    (edition / "brief-b" / "figures" / "figure-01.csv").unlink()
    (edition / "brief-b" / "extra.txt").write_text("new")
    problems = checksums.verify(edition)
    assert len(problems) == 3
    assert problems[0].startswith("brief-a/brief-a.html: changed (sha256 ")
    assert problems[1] == "brief-b/figures/figure-01.csv: missing (listed in SHA256SUMS)"
    assert problems[2] == "brief-b/extra.txt: not listed in SHA256SUMS"


def test_verify_reports_a_missing_or_malformed_sums_file(tmp_path):
    edition = make_edition(tmp_path / "2026-01-01")
    [problem] = checksums.verify(edition)
    assert problem.startswith(f"{edition / 'SHA256SUMS'}: missing")
    checksums.write_sums(edition)
    sums = edition / "SHA256SUMS"
    lines = sums.read_text().splitlines()
    digest = lines[0].split()[0]
    lines[1] = "not a checksum line"
    lines.append(f"{digest}  ../outside.txt")
    lines.append(lines[0])
    sums.write_text("\n".join(lines) + "\n")
    problems = checksums.verify(edition)
    assert "SHA256SUMS line 2: expected '<sha256>  <path>', got 'not a checksum line'" in problems
    assert "SHA256SUMS line 5: path '../outside.txt' is outside the edition folder" in problems
    assert "SHA256SUMS line 6: brief-a/brief-a.html is listed twice" in problems
    assert "brief-b/brief-b_2026-01-01.pdf: not listed in SHA256SUMS" in problems
    assert checksums.verify(tmp_path / "nope") == [f"{tmp_path / 'nope'}: not an edition folder"]


def test_write_sums_refuses_a_missing_folder(tmp_path):
    with pytest.raises(ValueError, match="nope: not an edition folder"):
        checksums.write_sums(tmp_path / "nope")


def test_cli_verify(tmp_path, capsys):
    reports = tmp_path / "reports"
    edition = make_edition(reports / "2026-01-01")
    checksums.write_sums(edition)
    publish.point_latest(reports)
    assert cli.main(["verify", "2026-01-01", "--reports-dir", str(reports)]) == 0
    assert capsys.readouterr().out.strip() == f"{edition}: OK, 4 files match SHA256SUMS"
    assert cli.main(["verify", "latest", "--reports-dir", str(reports)]) == 0
    assert cli.main(["verify", str(edition)]) == 0  # a path works too
    capsys.readouterr()
    (edition / "edition.json").write_text("{}")
    assert cli.main(["verify", "2026-01-01", "--reports-dir", str(reports)]) == 1
    err = capsys.readouterr().err
    assert f"{edition}: edition.json: changed" in err and "FAILED, 1 problem(s)" in err
    assert cli.main(["verify", "2026-02-01", "--reports-dir", str(reports)]) == 2
    err = capsys.readouterr().err
    assert f"no edition folder {reports / '2026-02-01'} (editions in {reports}: 2026-01-01)" in err
