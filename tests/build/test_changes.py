"""What changed since the last edition."""

from __future__ import annotations

import json

from strategy_brief.build import changes


def kf(name, value, as_of="2025"):
    return {"name": name, "value": value, "unit": "u", "label": name.title(), "as_of": as_of, "source": "s"}


def test_compare_marks_changed_unchanged_new_and_dropped():
    rows = changes.compare(
        [kf("a", 1.0), kf("b", 2), kf("gone", 5)], [kf("a", 1.5, "2026"), kf("b", 2), kf("c", 3)]
    )
    by_name = {r["name"]: r for r in rows}
    assert by_name["a"]["status"] == "changed" and by_name["a"]["change"] == 0.5
    assert by_name["a"]["previous_as_of"] == "2025" and by_name["a"]["current_as_of"] == "2026"
    assert by_name["b"]["status"] == "unchanged" and by_name["b"]["change"] == 0
    assert by_name["c"]["status"] == "new" and by_name["c"]["previous"] is None
    assert by_name["gone"]["status"] == "dropped" and by_name["gone"]["current"] is None
    assert [r["name"] for r in rows] == ["a", "b", "c", "gone"]


def test_first_edition_says_there_is_nothing_to_compare():
    heading, table = changes.section(changes.compare(None, [kf("a", 1)]), None)
    assert heading.source == "## What changed since the last edition"
    assert "first edition" in table.outputs[0]["data"]["text/html"]


def test_section_lists_previous_and_current_values():
    rows = changes.compare([kf("a", 1.0)], [kf("a", 1.25, "2026")])
    html = changes.section(rows, "2026-01-01")[1].outputs[0]["data"]["text/html"]
    assert "Key figures against edition 2026-01-01" in html
    assert "<td>1 (2025)</td><td>1.25 (2026)</td><td>changed</td>" in html


def test_previous_figures_read_the_previous_manifest(tmp_path):
    brief = tmp_path / "2026-01-01" / "b"
    brief.mkdir(parents=True)
    (brief / "manifest.json").write_text(json.dumps({"notebooks": [{"key_figures": [kf("a", 1)]}]}))
    assert changes.previous_figures(tmp_path, "2026-01-01", "b") == [kf("a", 1)]
    assert changes.previous_figures(tmp_path, "2026-01-01", "other") is None
    assert changes.previous_figures(tmp_path, None, "b") is None
