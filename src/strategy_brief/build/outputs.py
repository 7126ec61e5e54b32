"""What a build writes for each brief and edition: the reader files (changes, HTML, figures folder, PDF),
the manifest, the edition index, and the summary table it prints at the end."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import hashlib
import io
import json
import re
import shutil
import time
from dataclasses import dataclass
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


@dataclass(frozen=True)
class RenderedBrief:
    """A brief's reader content before anything is written: the rows of changes.json and the edition
    they compare with (None for a first edition), the merged notebook (None when it came back from a
    Dask task of a build without PDFs: only the PDF needs it), the HTML page and the figure records."""

    rows: list[dict[str, Any]]
    previous: str | None
    merged: Any
    html: str
    figures: list[dict[str, Any]]


def brief_meta(brief, spec, edition: str, ran_with: dict[str, Any]) -> dict[str, Any]:
    """The document metadata of a brief (title, edition, region, ...): the region the notebooks ran
    with (`ran_with`, a -p override included), not only the build file's."""
    return {
        "series": spec.title,
        "title": brief.title,
        "brief": brief.id,
        "edition": edition,
        "region": ran_with.get("region", brief.parameters.get("region", "")),
    }


def earlier_edition(reports_dir: Path, edition: str, brief_id: str) -> tuple[str | None, list[dict] | None]:
    """The previous edition of `edition` and the key figures its manifest recorded for this brief;
    (None, None) when there is none or it did not have this brief (this is the brief's first edition).
    Read on the machine that has reports/: a Dask task is given them in its payload."""
    from strategy_brief.build import changes

    previous = publish.previous_edition(reports_dir, edition)
    figures = changes.previous_figures(reports_dir, previous, brief_id)
    return (None, None) if figures is None else (previous, figures)


def render_brief(
    executed: list, meta: dict[str, Any], earlier: list[dict] | None, previous: str | None
) -> RenderedBrief:
    """What a brief shows, from its executed notebooks (in order), its metadata (`brief_meta`) and the
    previous edition's key figures (`earlier_edition`) alone: no file is read or written, so that a
    Dask task can render its brief where its notebook ran. The same function renders on either
    executor, so the HTML is the same bytes."""
    from strategy_brief.build import changes, manifest
    from strategy_brief.report import assemble, export

    if earlier is None:  # the previous edition did not have this brief: this is its first edition
        previous = None
    current = [k for nb in executed for k in manifest.key_figures(nb)]
    rows = changes.compare(earlier, current)
    merged = assemble.merge(executed, meta, extra_cells=changes.section(rows, previous))
    return RenderedBrief(rows, previous, merged, export.export_html(merged), assemble.figures(merged))


def write_brief(
    rendered: RenderedBrief, brief_id: str, edition: str, brief_dir: Path, pdf, say, printer=None
) -> int | None:
    """A rendered brief's reader files: changes.json, the HTML, the figures folder and (with `pdf`) the
    PDF, printed from that HTML by `printer` (an `export.Printer` shared by the build) or a Chromium of
    its own; returns the PDF's page count."""
    from strategy_brief.report import export

    document = {"previous_edition": rendered.previous, "key_figures": rendered.rows}
    (brief_dir / "changes.json").write_text(
        json.dumps(document, indent=2, sort_keys=True, default=str) + "\n"
    )
    html_name = publish.dated_name(brief_id, edition, publish.HTML)
    (brief_dir / html_name).write_text(rendered.html, encoding="utf-8")
    write_figures(rendered.figures, brief_dir / "figures")
    if not pdf:
        return None
    if rendered.merged is None:
        raise ValueError(f"brief {brief_id}: no merged notebook to print the PDF from (rendered without PDF)")
    t0 = time.perf_counter()
    # The same page, not rendered again.
    data = export.export_pdf(rendered.merged, printer=printer, html=rendered.html)
    (brief_dir / publish.dated_name(brief_id, edition, publish.PDF)).write_bytes(data)
    pages = count_pdf_pages(data)
    seconds = time.perf_counter() - t0
    say(f"        {brief_id}: exported HTML + PDF ({pages} pages, PDF in {seconds:.1f} s)")
    return pages


def export_brief(brief, result, spec, edition, brief_dir, pdf, say, reports_dir, printer=None) -> int | None:
    """A built brief's reader files, rendered here from its executed notebooks (`render_brief`) and
    written (`write_brief`); returns the PDF's page count. A one-notebook brief built on Dask is
    rendered in its task instead, and only written here."""
    import nbformat

    executed = [nbformat.read(run.output, as_version=4) for run in result.runs]
    previous, earlier = earlier_edition(reports_dir, edition, brief.id)
    meta = brief_meta(brief, spec, edition, result.runs[0].parameters if result.runs else {})
    rendered = render_brief(executed, meta, earlier, previous)
    return write_brief(rendered, brief.id, edition, brief_dir, pdf, say, printer)


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


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def settle_pdf(brief_id: str, edition: str, brief_dir: Path, published_dir: Path | None) -> dict[str, Any]:
    """After a brief built without a PDF (--no-pdf): keep the published PDF of this brief only if it
    was printed from exactly the HTML just built (the HTML is deterministic, so equal bytes mean equal
    content); otherwise the brief is HTML only, and this says why. Returns the manifest's `pdf` facts:
    {"kept_from": {...}} or {"html_only": "reason"}."""
    html = brief_dir / publish.dated_name(brief_id, edition, publish.HTML)
    reason = "built with --no-pdf"
    if published_dir is None:
        return {"html_only": reason}
    try:
        earlier = json.loads((published_dir / "manifest.json").read_text())
    except (OSError, ValueError):
        return {"html_only": reason}
    printed = ((earlier.get("files") or {}).get(publish.PDF)) or {}
    source = published_dir / str(printed.get("name", ""))
    if not printed or not source.is_file() or source.is_symlink():
        return {"html_only": reason}
    if html.is_file() and printed.get("html_sha256") == file_digest(html):
        shutil.copy2(source, brief_dir / publish.dated_name(brief_id, edition, publish.PDF))
        origin = printed.get("kept_from") or {
            "edition": earlier.get("edition"),
            "built_at": earlier.get("built_at"),
        }
        return {"kept_from": origin, "pages": earlier.get("pdf_pages")}
    return {
        "html_only": f"{reason}; the published PDF (built {earlier.get('built_at')}) was printed from other "
        "content, so it was not kept"
    }


def brief_files(brief_id: str, edition: str, brief_dir: Path, html_sha256: str | None = None) -> dict:
    """The manifest's `files`: each format's dated file name, size and sha256; the PDF also names the
    sha256 of the HTML it was printed from (a later --no-pdf build keeps it only for the same HTML)."""
    files: dict[str, Any] = {}
    for fmt in publish.FORMATS:
        path = brief_dir / publish.dated_name(brief_id, edition, fmt)
        if path.is_file() and not path.is_symlink():
            files[fmt] = {"name": path.name, "bytes": path.stat().st_size, "sha256": file_digest(path)}
    if publish.PDF in files and publish.HTML in files:
        files[publish.PDF]["html_sha256"] = html_sha256 or files[publish.HTML]["sha256"]
    return files


def write_manifest(
    result: BriefResult,
    edition,
    brief_dir,
    build_file,
    root,
    versions,
    *,
    git: dict[str, Any],
    data_inputs: dict[str, str],
    cache_key: Key | None = None,
    pdf_facts: dict[str, Any] | None = None,
    extra: dict[str, Any] | None = None,
) -> None:
    """The brief's manifest.json: parameters, runs, timings, key figures, commit, versions, input hashes,
    its files and formats (HTML only, and why, when it has no PDF), and the cache key a later build
    compares with (only for a brief that built). `git` and `data_inputs` (`manifest.git_commit`,
    `manifest.data_input_hashes`) are the build's, taken once for all its briefs. `pdf_facts` is what
    `settle_pdf` said; `extra` adds keys (a draft's)."""
    import nbformat

    from strategy_brief.build import manifest

    brief_dir.mkdir(parents=True, exist_ok=True)
    pdf_facts = pdf_facts or {}
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
        "git": git,
        "versions": versions,
        "inputs": {
            **data_inputs,
            **manifest.input_hashes(root, [build_file, *result.brief.notebooks], []),
        },
    }
    if result.status == "ok":
        files = brief_files(result.brief.id, edition, brief_dir)
        if "kept_from" in pdf_facts and publish.PDF in files:
            files[publish.PDF]["kept_from"] = pdf_facts["kept_from"]
            document["pdf_pages"] = pdf_facts.get("pages")
        document["files"] = files
        document["formats"] = [fmt for fmt in publish.FORMATS if fmt in files]
        missing = [fmt for fmt in publish.FORMATS if fmt not in files]
        document["html_only"] = (pdf_facts.get("html_only") or "no PDF") if missing == [publish.PDF] else None
    if cache_key is not None:
        document["cache"] = cache_key.as_manifest()
    document.update(extra or {})
    manifest.write(brief_dir / "manifest.json", document)


def brief_document(folder: Path, brief_id: str, edition: str) -> dict[str, Any]:
    """One brief of edition.json's `documents`: title, the dated files (paths relative to the edition
    folder) with sizes, its formats, pages, and the CSV behind every figure."""
    try:
        recorded = json.loads((folder / "manifest.json").read_text())
    except (OSError, ValueError):
        recorded = {}
    formats = publish.link_stable_names(folder, brief_id, edition)
    entry: dict[str, Any] = {"title": recorded.get("title"), "formats": formats, "pdf_pages": None}
    for fmt in publish.FORMATS:
        path = folder / publish.dated_name(brief_id, edition, fmt)
        entry[fmt] = f"{brief_id}/{path.name}" if fmt in formats else None
        entry[f"{fmt}_bytes"] = path.stat().st_size if fmt in formats else None
    if publish.PDF in formats:
        entry["pdf_pages"] = recorded.get("pdf_pages")
    figures = folder / "figures"
    entry["figures"] = (
        sorted(f"{brief_id}/figures/{p.name}" for p in figures.glob("*.csv")) if figures.is_dir() else []
    )
    entry["html_only"] = (recorded.get("html_only") or "no PDF") if formats == [publish.HTML] else None
    return entry


def revision_reason(previous: list[str], present: list[str], rebuilt: list[str], force: bool, removed) -> str:
    """Why an edition was (re)published, in a few words: 'first build', 'briefs added: X', 'rebuilt
    briefs X, Y', '--force', 'briefs removed: Z', or 'republished unchanged (every brief reused)'."""
    if not previous:
        return "first build"
    added = [b for b in present if b not in previous]
    again = [b for b in rebuilt if b in previous]
    parts = []
    if force:
        parts.append("--force")
    if added:
        parts.append("briefs added: " + ", ".join(added))
    if again:
        parts.append("rebuilt briefs " + ", ".join(again))
    if removed:
        parts.append("briefs removed: " + ", ".join(sorted(removed)))
    return "; ".join(parts) or "republished unchanged (every brief reused)"


def write_edition_index(
    staging: Path,
    edition: str,
    spec,
    results: list[BriefResult],
    previous: dict[str, Any] | None = None,
    *,
    force: bool = False,
    removed: tuple[str, ...] = (),
) -> dict[str, Any]:
    """edition.json, written only when every brief built: the edition's briefs, its status ("complete"
    only when every brief has every format, else "incomplete" with the briefs that are `html_only`),
    each brief's files (`documents`), and its revisions, `previous` (the published index of this
    edition, if any) continued with one more. Also points each brief's stable names at its dated
    files. Returns the index."""
    present = sorted(p.name for p in staging.iterdir() if (p / "manifest.json").exists())
    documents = {b: brief_document(staging / b, b, edition) for b in present}
    html_only = {b: d["html_only"] for b, d in documents.items() if publish.PDF not in d["formats"]}
    status = publish.INCOMPLETE if html_only else publish.COMPLETE
    rebuilt = [r.brief.id for r in results if r.reused_from is None]
    revisions = list((previous or {}).get("revisions") or [])
    if previous and not revisions:  # published before revisions were recorded
        revisions = [{"number": 1, "time": None, "reason": "first build (before revisions were recorded)"}]
    before = list((previous or {}).get("briefs") or [])
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    revisions.append(
        {
            "number": len(revisions) + 1,
            "time": now,
            "reason": revision_reason(before, present, rebuilt, force, removed),
            "status": status,
            "rebuilt": rebuilt,
            "added": [b for b in present if before and b not in before],
            "removed": sorted(removed),
            "html_only": sorted(html_only),
        }
    )
    index = {
        "edition": edition,
        "status": status,
        "series": spec.title,
        "briefs": present,
        "rebuilt": rebuilt,
        "reused": {r.brief.id: r.reused_from for r in results if r.reused_from is not None},
        "html_only": html_only,
        "documents": documents,
        "published_at": now,
        "revision": len(revisions),
        "revisions": revisions,
    }
    (staging / publish.EDITION_INDEX).write_text(json.dumps(index, indent=2, sort_keys=True) + "\n")
    return index


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
