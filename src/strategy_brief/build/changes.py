"""What changed since the last edition: key figures of this build against the previous manifest."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import nbformat

from strategy_brief import fmt


def previous_figures(reports_dir: Path, previous_edition: str | None, brief_id: str) -> list[dict] | None:
    """Key figures the previous edition's manifest recorded for this brief (None if there is none)."""
    if previous_edition is None:
        return None
    path = reports_dir / previous_edition / brief_id / "manifest.json"
    if not path.exists():
        return None
    manifest = json.loads(path.read_text())
    return [k for nb in manifest.get("notebooks", []) for k in nb.get("key_figures", [])]


def compare(previous: list[dict] | None, current: list[dict]) -> list[dict[str, Any]]:
    """One row per key figure: previous and current value and the change (new, dropped or moved)."""
    before = {k["name"]: k for k in previous or []}
    now = {k["name"]: k for k in current}
    rows = []
    for name in list(now) + [n for n in before if n not in now]:
        old, new = before.get(name), now.get(name)
        ref = new or old
        row = {
            "name": name,
            "label": ref["label"],
            "unit": ref["unit"],
            "previous": None if old is None else old["value"],
            "current": None if new is None else new["value"],
            "previous_as_of": None if old is None else old["as_of"],
            "current_as_of": None if new is None else new["as_of"],
        }
        if old is None:
            row["status"] = "new"
        elif new is None:
            row["status"] = "dropped"
        elif _number(old["value"]) and _number(new["value"]):
            row["status"] = "unchanged" if old["value"] == new["value"] else "changed"
            row["change"] = new["value"] - old["value"]
        else:
            row["status"] = "unchanged" if old["value"] == new["value"] else "changed"
        rows.append(row)
    return rows


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _show(value: Any, as_of: str | None) -> str:
    if value is None:
        return "—"
    text = fmt.number(value, 2) if _number(value) else str(value)
    return f"{text} ({as_of})" if as_of else text


def section(rows: list[dict], previous_edition: str | None) -> nbformat.NotebookNode:
    """A closing section for the brief: a table of key figures against the previous edition."""
    if previous_edition is None or not rows:
        body = "<p>This is the first edition of this brief: there is no earlier edition to compare with.</p>"
    else:
        cells = "".join(
            "<tr>"
            f"<td>{html.escape(r['label'])}</td><td>{html.escape(r['unit'])}</td>"
            f"<td>{html.escape(_show(r['previous'], r['previous_as_of']))}</td>"
            f"<td>{html.escape(_show(r['current'], r['current_as_of']))}</td>"
            f"<td>{html.escape(r['status'])}</td>"
            "</tr>"
            for r in rows
        )
        body = (
            f'<table class="sb-table"><caption>Key figures against edition {html.escape(previous_edition)}'
            "</caption><thead><tr><th>Figure</th><th>Unit</th><th>Previous (as of)</th>"
            f"<th>This edition (as of)</th><th>Status</th></tr></thead><tbody>{cells}</tbody></table>"
        )
    heading = nbformat.v4.new_markdown_cell("## What changed since the last edition")
    table = nbformat.v4.new_code_cell("")
    table.outputs = [
        nbformat.v4.new_output("display_data", data={"text/html": body, "text/plain": "changes"})
    ]
    return [heading, table]
