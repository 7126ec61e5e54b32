"""The project papers: LICENSE, CITATION.cff and CHANGELOG.md agree with pyproject.toml and their
formats."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

from tests.schema_tools import builtin_schema_errors

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
HOLDER = "ai-strategy-brief contributors"


def test_license_is_the_mit_licence_pyproject_declares():
    text = (ROOT / "LICENSE").read_text()
    assert PROJECT["license"] == "MIT"
    assert text.startswith("MIT License\n")
    assert re.search(rf"^Copyright \(c\) \d{{4}} {HOLDER}$", text, re.MULTILINE)
    assert "Permission is hereby granted, free of charge" in text


def test_citation_is_valid_cff_1_2_0(tmp_path):
    assert builtin_schema_errors("vendor.citation-file-format", ROOT / "CITATION.cff") == ""
    broken = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    del broken["authors"]
    (tmp_path / "CITATION.cff").write_text(yaml.safe_dump(broken))
    assert "'authors' is a required property" in builtin_schema_errors(
        "vendor.citation-file-format", tmp_path / "CITATION.cff"
    )


def test_citation_matches_pyproject():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert cff["cff-version"] == "1.2.0"
    assert cff["version"] == PROJECT["version"]
    assert cff["license"] == PROJECT["license"]
    assert cff["authors"] == [{"name": HOLDER}]


def _changelog_sections() -> list[tuple[str, str | None]]:
    text = (ROOT / "CHANGELOG.md").read_text()
    return re.findall(r"^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$", text, re.MULTILINE)


def test_changelog_follows_keep_a_changelog():
    text = (ROOT / "CHANGELOG.md").read_text()
    assert text.startswith("# Changelog\n")
    sections = _changelog_sections()
    assert sections[0] == ("Unreleased", ""), "CHANGELOG.md starts with an [Unreleased] section"
    releases = sections[1:]
    assert releases, "CHANGELOG.md has no released version"
    assert all(re.fullmatch(r"\d+\.\d+\.\d+", v) and date for v, date in releases), releases
    dates = [date for _, date in releases]
    assert dates == sorted(dates, reverse=True), "releases newest first"
    kinds = set(re.findall(r"^### (.+)$", text, re.MULTILINE))
    assert kinds <= {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}, kinds


def test_changelog_has_the_released_version_and_date_of_citation():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    releases = dict(_changelog_sections()[1:])
    assert PROJECT["version"] in releases, f"CHANGELOG.md has no section for {PROJECT['version']}"
    assert releases[PROJECT["version"]] == str(cff["date-released"])
