"""Build an edition: check every parameter, execute notebooks, export, write manifests, publish."""

from __future__ import annotations

import base64
import concurrent.futures
import csv
import datetime as dt
import io
import itertools
import json
import os
import re
import shutil
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import nbformat

from strategy_brief import config
from strategy_brief.build import buildfile, changes, execute, manifest, params, processes, publish
from strategy_brief.build import lock as buildlock
from strategy_brief.build.buildfile import Brief
from strategy_brief.report import export, safe_html


class BuildError(RuntimeError):
    """The build could not start (bad parameters, missing kernel or Chromium)."""


@dataclass
class BriefResult:
    brief: Brief
    runs: list[execute.NotebookRun] = field(default_factory=list)
    seconds: float = 0.0
    pages: int | None = None
    status: str = "pending"
    error: str | None = None


@dataclass
class BuildResult:
    edition: str
    briefs: list[BriefResult]
    location: Path | None
    ok: bool


@dataclass(frozen=True)
class Plan:
    """Every notebook run, with checked parameters, decided before any kernel starts."""

    edition: str
    steps: dict[str, list[tuple[Path, dict[str, Any]]]]


def plan(
    build: buildfile.BuildFile, briefs: tuple[Brief, ...], edition: str, overrides: dict[str, str]
) -> Plan:
    """Validate each brief's parameters against each of its notebooks' signatures."""
    owned = [name for name in overrides if name in params.BUILD_OWNED]
    if owned:  # the edition is checked by the build and cited in every brief: one source only
        raise params.ParameterError(
            f"-p {owned[0]}=…: '{owned[0]}' is set by the build, not a parameter; use --{owned[0]} instead"
        )
    # One line per problem: the same message from several notebooks or briefs is merged.
    errors: dict[str, tuple[list[str], list[str]]] = {}  # message → (notebooks, briefs)
    signatures: dict[Path, params.Signature] = {}
    steps: dict[str, list[tuple[Path, dict[str, Any]]]] = {}
    for brief in briefs:
        steps[brief.id] = []
        for nb in brief.notebooks:
            try:
                sig = signatures.get(nb) or params.read_signature(nb)
                signatures[nb] = sig
                values = {**brief.parameters, "edition": edition}  # the build's edition wins
                for name, text in overrides.items():
                    if name not in sig.parameters:
                        values[name] = text  # reported as unknown by validate()
                    else:
                        values[name] = params.coerce_cli_value(sig.parameters[name], text, nb)
                checked = params.validate(sig, values)
            except params.ParameterError as exc:
                text, prefix = str(exc), f"{nb.name}: "
                notebooks, ids = errors.setdefault(text.removeprefix(prefix), ([], []))
                if text.startswith(prefix) and nb.name not in notebooks:
                    notebooks.append(nb.name)
                if brief.id not in ids:
                    ids.append(brief.id)
                continue
            steps[brief.id].append((nb, checked))
    if errors:
        lines = []
        for message, (notebooks, ids) in errors.items():
            where = f"all {len(ids)} briefs" if len(ids) == len(briefs) > 1 else "brief(s) " + ", ".join(ids)
            what = f"{', '.join(notebooks)}: " if notebooks else ""
            lines.append(f"{what}{message} (in {where})")
        raise params.ParameterError("\n".join(lines))
    return Plan(edition, steps)


@contextmanager
def _project_env(root: Path):
    """Kernels inherit the project root so notebooks read the same data as the build."""
    old = os.environ.get("STRATEGY_BRIEF_ROOT")
    os.environ["STRATEGY_BRIEF_ROOT"] = str(root)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("STRATEGY_BRIEF_ROOT", None)
        else:
            os.environ["STRATEGY_BRIEF_ROOT"] = old


def count_pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def build(
    *,
    build_file: Path = config.BUILD_FILE,
    edition: str | None = None,
    brief_ids: list[str] | None = None,
    overrides: dict[str, str] | None = None,
    remove_briefs: list[str] | None = None,
    reports_dir: Path = config.REPORTS_DIR,
    root: Path = config.PROJECT_ROOT,
    kernel_name: str = config.KERNEL_NAME,
    pdf: bool = True,
    jobs: int | None = None,
    out: TextIO | None = None,
    wait: bool = False,
    cell_timeout: int | None = None,
) -> BuildResult:
    """Build the selected briefs (default: all) as one edition and publish it atomically."""
    # Only an absent --edition means today: an empty one is a mistake, refused by check_edition.
    edition = publish.check_edition(dt.date.today().isoformat() if edition is None else edition)
    publish.check_reports_dir(reports_dir)
    out = out or sys.stdout  # looked up per call, so that redirected output (tests, callers) is seen
    spec = buildfile.load(build_file, root / "notebooks")
    briefs = spec.select(brief_ids)
    # Never publish this edition with fewer briefs than it has, unless removed explicitly.
    listed = {b.id for b in spec.briefs}
    publish.check_removals(reports_dir, edition, listed, set(remove_briefs or ()), spec.path.name)
    the_plan = plan(spec, briefs, edition, overrides or {})  # raises before any kernel starts
    from strategy_brief.data import refresh  # the data side, loaded only by a build

    if problems := refresh.validate_for_build(root):  # a bad table must not publish with exit 0
        raise BuildError("processed data is invalid; nothing was built:\n" + "\n".join(problems))
    try:
        execute.require_kernel(kernel_name)
        chromium = export.find_chromium() if pdf else None
    except (execute.KernelMissingError, RuntimeError) as exc:
        raise BuildError(str(exc)) from exc

    lock = threading.Lock()

    def say(text: str) -> None:
        with lock:
            print(text, file=out, flush=True)

    # Absolute, as papermill changes the working directory while a kernel runs (in a worker
    # thread, for the whole process). The lock is taken before staging: a build that waited
    # stages from what the other published.
    reports_dir = Path(os.path.abspath(reports_dir))
    with processes.stop_on_signals() as guard, buildlock.hold(reports_dir, "build", wait=wait, say=say):
        buildlock.clean_stale(reports_dir, buildlock.REPORTS_LEFTOVERS, say)
        started = time.perf_counter()
        total = sum(len(s) for s in the_plan.steps.values())
        keep = {b.id for b in spec.briefs} - {b.id for b in briefs}
        pool: concurrent.futures.ThreadPoolExecutor | None = None
        futures: list[concurrent.futures.Future] = []
        location: Path | None = None
        published = False
        try:
            staging = publish.new_staging(reports_dir, edition, keep)
            jobs = max(1, min(jobs or default_jobs(), len(briefs)))
            say(
                f"Edition {edition}: {len(briefs)} brief(s), {total} notebook run(s), {jobs} at a time "
                f"→ {reports_dir}/{edition}"
            )
            counter = itertools.count(1)
            versions = manifest.versions(chromium)  # the same for every brief of this build

            def one(brief: Brief) -> BriefResult:
                result = BriefResult(brief)
                brief_start = time.perf_counter()
                brief_dir = staging / brief.id
                timeout = cell_timeout or brief.cell_timeout or spec.cell_timeout
                if brief_dir.exists():  # copied from the existing edition; rebuilt now
                    shutil.rmtree(brief_dir)
                for position, (nb, values) in enumerate(the_plan.steps[brief.id], start=1):
                    if processes.stopping():  # a signal came: start no more kernels
                        result.error = "stopped by a signal"
                        break
                    target = brief_dir / "notebooks" / f"{position:02d}_{nb.name}"
                    elapsed = time.perf_counter() - started
                    say(f"[{next(counter)}/{total}] {brief.id} · {nb.name} … (elapsed {elapsed:.1f} s)")
                    run = execute.run_notebook(
                        nb,
                        target,
                        values,
                        kernel_name,
                        root / "notebooks",
                        cell_timeout=timeout or execute.DEFAULT_CELL_TIMEOUT,
                    )
                    result.runs.append(run)
                    say(f"        {brief.id} · {nb.name}: {run.status} in {run.seconds:.1f} s")
                    if run.status != "ok":
                        result.error = f"{run.where()}: {run.error}"
                        say(f"  FAILED brief '{brief.id}', notebook {result.error}")
                        break
                if result.error is None and not processes.stopping():
                    try:
                        result.pages = _export(brief, result, spec, edition, brief_dir, pdf, say, reports_dir)
                    except Exception as exc:  # an export failure fails the brief, not the process
                        result.error = f"export: {type(exc).__name__}: {exc}"
                        say(f"  FAILED brief '{brief.id}' while exporting: {result.error}")
                result.seconds = time.perf_counter() - brief_start
                result.status = "ok" if result.error is None else "failed"
                if processes.stopping():  # the staging folder is being removed
                    result.status = "stopped"
                    return result
                _write_manifest(result, edition, brief_dir, build_file, root, versions)
                return result

            # Kernels are separate processes, so two briefs at a time use both cores.
            pool = concurrent.futures.ThreadPoolExecutor(max_workers=jobs)
            with _project_env(root):
                futures = [pool.submit(one, brief) for brief in briefs]
                results = _gather(futures)
            pool.shutdown()

            ok = all(r.status == "ok" for r in results)
            with guard.critical():  # a signal now waits until the renames are done
                if ok:
                    _write_edition_index(staging, edition, spec, results)
                    location = publish.publish(staging, reports_dir, edition)
                    published = True
                    say(f"Published edition {edition} → {location}")
                else:
                    location = publish.keep_failed(staging, reports_dir, edition)
                    say(f"Build FAILED; nothing published. Executed notebooks kept in {location}")
            say(summary_table(results, time.perf_counter() - started))
        except processes.Interrupted as stop:
            _stopped(stop, pool, futures, reports_dir, edition, location if published else None, say)
            raise
    return BuildResult(edition, results, location, ok)


STOP_GRACE = 3.0  # seconds to let worker threads notice their kernels are dead


def _gather(futures: list[concurrent.futures.Future]) -> list:
    """The futures' results, waiting in short steps so that the main thread keeps handling signals."""
    pending = set(futures)
    while pending:
        _, pending = concurrent.futures.wait(pending, timeout=0.5)
    return [f.result() for f in futures]


def _stopped(stop, pool, futures, reports_dir: Path, edition: str, published: Path | None, say) -> None:
    """After SIGINT/SIGTERM (children already killed): let workers finish, remove this build's
    staging, and say what state everything is in."""
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)
    _, running = concurrent.futures.wait(futures, timeout=STOP_GRACE)
    stop.workers_left = bool(running)
    for staging in reports_dir.glob(f".staging-*-{os.getpid()}"):  # only this process's
        shutil.rmtree(staging, ignore_errors=True)
        say(f"Removed {staging}")
    if published is not None:
        stop.detail = f"edition {edition} had already been published to {published}"
    else:
        stop.detail = "nothing was published; every published edition is unchanged"
    say(f"Stopped by {stop.name}: kernels and Chromium killed; {stop.detail}.")


def _export(brief, result, spec, edition, brief_dir, pdf, say, reports_dir) -> int | None:
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
    merged = export.merge(executed, meta, extra_cells=changes.section(rows, previous))
    (brief_dir / f"{brief.id}.html").write_text(export.export_html(merged), encoding="utf-8")
    write_figures(export.figures(merged), brief_dir / "figures")
    if not pdf:
        return None
    t0 = time.perf_counter()
    data = export.export_pdf(merged)
    (brief_dir / f"{brief.id}.pdf").write_bytes(data)
    pages = count_pdf_pages(data)
    seconds = time.perf_counter() - t0
    say(f"        {brief.id}: exported HTML + PDF ({pages} pages, PDF in {seconds:.1f} s)")
    return pages


def write_figures(records: list[dict], folder: Path) -> None:
    """Beside the brief: the CSV behind every chart, a PNG for slides, and a data dictionary."""
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
    rows = list(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([[safe_html.csv_cell(c) for c in row] for row in rows])
    return out.getvalue()


def default_jobs() -> int:
    """Briefs built at once: one per core, at most two (each also runs a kernel and Chromium)."""
    return max(1, min(2, os.cpu_count() or 1))


def _write_manifest(result: BriefResult, edition, brief_dir, build_file, root, versions) -> None:
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
    manifest.write(
        brief_dir / "manifest.json",
        {
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
        },
    )


def _write_edition_index(staging: Path, edition: str, spec, results: list[BriefResult]) -> None:
    present = sorted(p.name for p in staging.iterdir() if (p / "manifest.json").exists())
    index = {
        "edition": edition,
        "status": "complete",
        "series": spec.title,
        "briefs": present,
        "rebuilt": [r.brief.id for r in results],
    }
    (staging / publish.EDITION_INDEX).write_text(json.dumps(index, indent=2, sort_keys=True) + "\n")


def summary_table(results: list[BriefResult], seconds: float) -> str:
    rows = [("brief", "notebooks", "status", "pages", "seconds")]
    for r in results:
        rows.append(
            (
                r.brief.id,
                str(len(r.brief.notebooks)),
                r.status,
                "-" if r.pages is None else str(r.pages),
                f"{r.seconds:.1f}",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(f"total {seconds:.1f} s")
    return "\n".join(lines)
