"""Build an edition: check every parameter, execute notebooks, export, write manifests, publish."""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import itertools
import os
import shutil
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from strategy_brief import config
from strategy_brief.build import buildfile, execute, manifest, outputs, params, processes, publish
from strategy_brief.build import lock as buildlock
from strategy_brief.build.buildfile import Brief
from strategy_brief.report import export


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


def build(
    *,
    build_file: Path | None = None,
    edition: str | None = None,
    brief_ids: list[str] | None = None,
    overrides: dict[str, str] | None = None,
    remove_briefs: list[str] | None = None,
    reports_dir: Path | None = None,
    root: Path | None = None,
    kernel_name: str = config.KERNEL_NAME,
    pdf: bool = True,
    jobs: int | None = None,
    out: TextIO | None = None,
    wait: bool = False,
    cell_timeout: int | None = None,
) -> BuildResult:
    """Build the selected briefs (default: all) as one edition and publish it atomically. Paths left out
    are the project's (config), resolved at the call."""
    build_file = Path(build_file) if build_file else config.build_file()
    reports_dir = Path(reports_dir) if reports_dir else config.reports_dir()
    root = Path(root) if root else config.project_root()
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
                        result.pages = outputs.export_brief(
                            brief, result, spec, edition, brief_dir, pdf, say, reports_dir
                        )
                    except Exception as exc:  # an export failure fails the brief, not the process
                        result.error = f"export: {type(exc).__name__}: {exc}"
                        say(f"  FAILED brief '{brief.id}' while exporting: {result.error}")
                result.seconds = time.perf_counter() - brief_start
                result.status = "ok" if result.error is None else "failed"
                if processes.stopping():  # the staging folder is being removed
                    result.status = "stopped"
                    return result
                outputs.write_manifest(result, edition, brief_dir, build_file, root, versions)
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
                    outputs.write_edition_index(staging, edition, spec, results)
                    location = publish.publish(staging, reports_dir, edition)
                    published = True
                    say(f"Published edition {edition} → {location}")
                else:
                    location = publish.keep_failed(staging, reports_dir, edition)
                    say(f"Build FAILED; nothing published. Executed notebooks kept in {location}")
            say(outputs.summary_table(results, time.perf_counter() - started))
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


def default_jobs() -> int:
    """Briefs built at once: one per core, at most two (each also runs a kernel and Chromium)."""
    return max(1, min(2, os.cpu_count() or 1))
