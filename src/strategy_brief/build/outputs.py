"""What a build writes for each brief and edition: the reader files (changes, HTML, figures folder, PDF),
the manifest, the edition index, and the summary table it prints at the end."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import json
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from strategy_brief.build import publish

if TYPE_CHECKING:
    from strategy_brief.build.cache import Key
    from strategy_brief.build.edition import BriefResult

# nbformat, nbconvert (report.export) and the manifest's readers are imported where a brief is written:
# a build that reuses every brief writes only the edition index and the summary.


def count_pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def export_brief(brief, result, spec, edition, brief_dir, pdf, say, reports_dir, printer=None) -> int | None:
    """A built brief's reader files: changes.json, the HTML, the figures folder and (with `pdf`) the PDF,
    printed by `printer` (an `export.Printer` shared by the build) or a Chromium of its own; returns the
    PDF's page count."""
    import nbformat

    from strategy_brief.build import changes, manifest
    from strategy_brief.report import assemble, export

    executed = [nbformat.read(run.output, as_version=4) for run in result.runs]
    previous = publish.previous_edition(reports_dir, edition)
    current = [k for nb in executed for k in manifest.key_figures(nb)]
    earlier = changes.previous_figures(reports_dir, previous, brief.id)
    if earlier is None:  # the previous edition did not have this brief: this is its first edition
        previous = None
    rows = changes.compare(earlier, current)
    (brief_dir / "changes.json").write_text(
        json.dumps({"previous_edition": previous, "key_figures": rows}, indent=2, sort_keys=True, default=str)
        + "\n"
    )
    meta = {
        "series": spec.title,
        "title": brief.title,
        "brief": brief.id,
        "edition": edition,
        "region": brief.parameters.get("region", ""),
    }
    merged = assemble.merge(executed, meta, extra_cells=changes.section(rows, previous))
    (brief_dir / f"{brief.id}.html").write_text(export.export_html(merged), encoding="utf-8")
    write_figures(assemble.figures(merged), brief_dir / "figures")
    if not pdf:
        return None
    t0 = time.perf_counter()
    data = export.export_pdf(merged, printer=printer)
    (brief_dir / f"{brief.id}.pdf").write_bytes(data)
    pages = count_pdf_pages(data)
    seconds = time.perf_counter() - t0
    say(f"        {brief.id}: exported HTML + PDF ({pages} pages, PDF in {seconds:.1f} s)")
    return pages


def write_figures(records: list[dict], folder: Path) -> None:
    """Beside the brief: the CSV behind every chart, a PNG for slides, and a data dictionary."""
    from strategy_brief.report import safe_html

    if not records:
        return
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["# Data behind the figures", ""]
    for rec in records:
        stem = f"figure-{rec['number']:02d}"
        (folder / f"{stem}.csv").write_text(safe_csv(rec["csv"]), encoding="utf-8")
        (folder / f"{stem}.png").write_bytes(base64.b64decode(rec["png"]))
        md = safe_html.markdown_text
        lines += [
            f"## Figure {rec['number']}: {md(rec.get('title', ''))}",
            "",
            f"Files: `{stem}.csv`, `{stem}.png`.",
            "",
        ]
        lines += [md(rec["source_note"]), "", "| column | description |", "|---|---|"]
        code = safe_html.markdown_code
        lines += [f"| {code(name)} | {md(text)} |" for name, text in rec["columns"].items()]
        lines.append("")
    (folder / "README.md").write_text("\n".join(lines), encoding="utf-8")


def safe_csv(text: str) -> str:
    """The chart's CSV with every cell that a spreadsheet would run as a formula defused."""
    from strategy_brief.report import safe_html

    rows = list(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([[safe_html.csv_cell(c) for c in row] for row in rows])
    return out.getvalue()


def write_manifest(
    result: BriefResult, edition, brief_dir, build_file, root, versions, cache_key: Key | None = None
) -> None:
    """The brief's manifest.json: parameters, runs, timings, key figures, commit, versions, input hashes,
    and the cache key a later build compares with (only for a brief that built)."""
    import nbformat

    from strategy_brief.build import manifest

    brief_dir.mkdir(parents=True, exist_ok=True)
    notebooks = []
    for run in result.runs:
        entry: dict[str, Any] = {
            "notebook": str(run.notebook.relative_to(root)),
            "executed": str(run.output.relative_to(brief_dir)),
            "parameters": run.parameters,
            "status": run.status,
            "seconds": round(run.seconds, 3),
        }
        if run.output.exists():
            nb = nbformat.read(run.output, as_version=4)
            entry["cell_seconds"] = round(manifest.cell_seconds(nb), 3)
            entry["key_figures"] = manifest.key_figures(nb)
        if run.status != "ok":
            entry["failed_cell"] = run.cell_index
            entry["error"] = run.error
        notebooks.append(entry)
    document = {
        "brief": result.brief.id,
        "title": result.brief.title,
        "edition": edition,
        "status": result.status,
        "error": result.error,
        "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "parameters": result.brief.parameters,
        "seconds": round(result.seconds, 3),
        "pdf_pages": result.pages,
        "notebooks": notebooks,
        "git": manifest.git_commit(root),
        "versions": versions,
        "inputs": manifest.input_hashes(
            root,
            [build_file, *result.brief.notebooks],
            [root / "data" / "raw", root / "data" / "processed"],
        ),
    }
    if cache_key is not None:
        document["cache"] = cache_key.as_manifest()
    manifest.write(brief_dir / "manifest.json", document)


def write_edition_index(staging: Path, edition: str, spec, results: list[BriefResult]) -> None:
    """edition.json: the edition's briefs, marked complete (written only when every brief built)."""
    present = sorted(p.name for p in staging.iterdir() if (p / "manifest.json").exists())
    index = {
        "edition": edition,
        "status": "complete",
        "series": spec.title,
        "briefs": present,
        "rebuilt": [r.brief.id for r in results if r.reused_from is None],
        "reused": {r.brief.id: r.reused_from for r in results if r.reused_from is not None},
    }
    (staging / publish.EDITION_INDEX).write_text(json.dumps(index, indent=2, sort_keys=True) + "\n")


def summary_table(results: list[BriefResult], seconds: float) -> str:
    """The table a build prints at the end: each brief's notebooks, status, pages and seconds."""
    rows = [("brief", "notebooks", "status", "pages", "seconds")]
    for r in results:
        rows.append(
            (
                r.brief.id,
                str(len(r.brief.notebooks)),
                r.status if r.reused_from is None else "reused",
                "-" if r.pages is None else str(r.pages),
                f"{r.seconds:.1f}",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(f"total {seconds:.1f} s")
    return "\n".join(lines)
