"""Build an edition: check every parameter, reuse what has not changed, execute notebooks, export,
write manifests, publish.

The build schedules notebook runs, not briefs: every run of every brief to build is a task (the
sections of a multi-notebook brief run in parallel), a brief is merged and exported as soon as its
last run is done, and every PDF is printed by one Chromium. Whether a brief needs building at all is
decided first, by the cache (`build.cache`), before papermill or nbconvert is imported.

`preview` builds one brief the same way into reports/_drafts/, outside every edition. A brief's id and
title say what it is about (its region, its country): `build` refuses an override of such a
parameter, and `preview` renames the brief after it (`renamed`)."""

from __future__ import annotations

import concurrent.futures
import dataclasses
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
from strategy_brief.build import buildfile, cache, executors, params, processes, publish, site
from strategy_brief.build import lock as buildlock
from strategy_brief.build.buildfile import Brief

# papermill, nbformat and nbconvert (execute, outputs, report.export) are imported only when a brief
# is to be built: "nothing changed" is decided without them.


class BuildError(RuntimeError):
    """The build could not start (bad parameters, missing kernel or Chromium)."""


@dataclass
class BriefResult:
    brief: Brief
    runs: list = field(default_factory=list)  # execute.NotebookRun, in the brief's order
    seconds: float = 0.0  # kernel and export time spent on this brief (0 when reused)
    pages: int | None = None
    status: str = "pending"
    error: str | None = None
    reused_from: dict[str, Any] | None = None  # the edition (and build time) its files come from


@dataclass
class BuildResult:
    edition: str
    briefs: list[BriefResult]
    location: Path | None
    ok: bool

    @property
    def rebuilt(self) -> list[str]:
        return [r.brief.id for r in self.briefs if r.reused_from is None]

    @property
    def reused(self) -> list[str]:
        return [r.brief.id for r in self.briefs if r.reused_from is not None]


@dataclass(frozen=True)
class Plan:
    """Every notebook run, with checked parameters, decided before any kernel starts."""

    edition: str
    steps: dict[str, list[tuple[Path, dict[str, Any]]]]


def refuse_build_owned(overrides: dict[str, str]) -> None:
    owned = [name for name in overrides if name in params.BUILD_OWNED]
    if owned:  # the edition is checked by the build and cited in every brief: one source only
        raise params.ParameterError(
            f"-p {owned[0]}=…: '{owned[0]}' is set by the build, not a parameter; use --{owned[0]} instead"
        )


def bound_parameters(brief: Brief, spec: buildfile.BuildFile) -> list[str]:
    """The parameters that say what a brief is about (its region, its country): those whose value
    tells it apart from the build file's other briefs of the same notebooks (a `for_each`), and
    those whose value its id spells (`executive-global` for region Global)."""
    family = [b for b in spec.briefs if b.notebooks == brief.notebooks and b.id != brief.id]
    bound = []
    for name, value in brief.parameters.items():
        varies = any(str(b.parameters.get(name)) != str(value) for b in family)
        if varies or _spells(brief.id, buildfile.slug(str(value))):
            bound.append(name)
    return bound


def _spells(brief_id: str, value_slug: str) -> bool:
    return bool(value_slug) and f"-{value_slug}-" in f"-{brief_id}-"


def _changed_bound(brief: Brief, spec: buildfile.BuildFile, overrides: dict[str, str]) -> dict[str, str]:
    return {
        name: overrides[name]
        for name in bound_parameters(brief, spec)
        if name in overrides and str(overrides[name]) != str(brief.parameters[name])
    }


def _sibling(brief: Brief, spec: buildfile.BuildFile, changes: dict[str, str]) -> Brief | None:
    """The build file's brief of the same notebooks whose parameters are `brief`'s with `changes`."""
    wanted = {k: str(v) for k, v in {**brief.parameters, **changes}.items()}
    for other in spec.briefs:
        if other.notebooks == brief.notebooks and {k: str(v) for k, v in other.parameters.items()} == wanted:
            return other
    return None


def refuse_bound_overrides(
    spec: buildfile.BuildFile, briefs: tuple[Brief, ...], overrides: dict[str, str]
) -> None:
    """A build publishes under the brief's id and title: `-p region=Europe` on executive-global would
    publish Europe's content as the Global brief. Refused (one line), naming the brief, the parameter,
    the build file's brief that has that value if there is one, and `preview`, which renames."""
    hit = [(b, _changed_bound(b, spec, overrides)) for b in briefs]
    hit = [(b, changes) for b, changes in hit if changes]
    if not hit:
        return
    brief, changes = hit[0]
    name, value = next(iter(changes.items()))
    ids = [b.id for b, _ in hit]
    which = (
        f"brief {brief.id} is {spec.path.name}'s brief for {name} {brief.parameters[name]!r}"
        if len(ids) == 1
        else f"briefs {', '.join(ids)} are each {spec.path.name}'s brief for their own {name}"
    )
    sibling = _sibling(brief, spec, {name: value})
    instead = (
        f"brief {sibling.id} already has {name}={value}: build --brief {sibling.id}"
        if sibling is not None
        else f"no brief in {spec.path.name} has {name}={value}: add it to {spec.path.name}"
    )
    as_id = renamed(brief, spec, {name: value}).id if buildfile.slug(str(value)) else brief.id
    raise params.ParameterError(
        f"-p {name}={value}: {which}, and a build would publish {name}={value} under that id and title; "
        f"{instead}, or preview it as {as_id} in reports/{publish.DRAFTS_DIR}/: "
        f"strategy-brief preview {brief.id} -p {name}={value}"
    )


def renamed(brief: Brief, spec: buildfile.BuildFile, overrides: dict[str, str]) -> Brief:
    """The brief a preview with `overrides` builds: where an override changes what the brief is about
    (a bound parameter), its id, title and parameters follow. The build file's brief with those values
    if there is one (`executive-global -p region="Southern Asia"` is executive-southern-asia); else the
    value in the id and title is replaced (executive-global, "Executive brief: Global" with
    region=Europe: executive-europe, "Executive brief: Europe")."""
    changes = _changed_bound(brief, spec, overrides)
    if not changes:
        return brief
    sibling = _sibling(brief, spec, changes)
    if sibling is not None:
        return dataclasses.replace(
            brief, id=sibling.id, title=sibling.title, parameters=dict(sibling.parameters)
        )
    brief_id, title = brief.id, brief.title
    family = [b.title for b in spec.briefs if b.notebooks == brief.notebooks]
    for name, value in changes.items():
        old, new = str(brief.parameters[name]), str(value)
        if not buildfile.slug(new):
            raise params.ParameterError(
                f"-p {name}={value}: a preview of brief {brief.id} is named after its {name}, and "
                f"{value!r} has no letter or digit to name it with"
            )
        if _spells(brief_id, buildfile.slug(old)):
            brief_id = f"-{brief_id}-".replace(f"-{buildfile.slug(old)}-", f"-{buildfile.slug(new)}-", 1)
            brief_id = brief_id.strip("-")
        else:
            brief_id = f"{brief_id}-{buildfile.slug(new)}"
        title = _retitle(title, name, old, new, family)
    return dataclasses.replace(brief, id=brief_id, title=title, parameters={**brief.parameters, **changes})


def _retitle(title: str, name: str, old: str, new: str, family: list[str]) -> str:
    """The title with the new value: in place of the old value, else of the part the family's titles
    differ in (a label such as a country's name), else added in brackets."""
    if old in title:
        return title.replace(old, new, 1)
    if len(family) > 1:
        prefix = _common_start(family)
        suffix = _common_start([t[::-1] for t in family])[::-1]
        prefix = prefix[: max((i + 1 for i, c in enumerate(prefix) if not c.isalnum()), default=0)]
        suffix = suffix[min((i for i, c in enumerate(suffix) if not c.isalnum()), default=len(suffix)) :]
        if title.startswith(prefix) and title.endswith(suffix) and len(prefix) + len(suffix) < len(title):
            return f"{prefix}{new}{suffix}"
    return f"{title} ({name}: {new})"


def _common_start(texts: list[str]) -> str:
    """The characters every text starts with."""
    start = []
    for chars in zip(*texts, strict=False):
        if len(set(chars)) > 1:
            break
        start.append(chars[0])
    return "".join(start)


def plan(
    build: buildfile.BuildFile, briefs: tuple[Brief, ...], edition: str, overrides: dict[str, str]
) -> Plan:
    """Validate each brief's parameters against each of its notebooks' signatures."""
    refuse_build_owned(overrides)
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


class _Preparation:
    """What must hold before any kernel starts, done once and only for briefs that will build:
    their parameters checked (the plan), the processed tables valid, the kernel and Chromium there."""

    def __init__(self, spec, edition, overrides, root, kernel_name, pdf, executor) -> None:
        self.spec, self.edition, self.overrides, self.root = spec, edition, overrides, root
        self.kernel_name, self.pdf, self.executor = kernel_name, pdf, executor
        self.steps: dict[str, list[tuple[Path, dict[str, Any]]]] = {}
        self.checked = False
        self.chromium: str | None = None

    def ready(self, briefs: list[Brief]) -> None:
        new = tuple(b for b in briefs if b.id not in self.steps)
        if not new:
            return
        self.steps.update(plan(self.spec, new, self.edition, self.overrides).steps)  # raises before kernels
        if self.checked:
            return
        from strategy_brief.build import execute  # papermill: only now that something is to run
        from strategy_brief.data import refresh  # the data side, loaded only by a build
        from strategy_brief.report import export

        if problems := refresh.validate_for_build(self.root):  # a bad table must not publish with exit 0
            raise BuildError("processed data is invalid; nothing was built:\n" + "\n".join(problems))
        try:
            if self.executor == "local":  # Dask workers check their own kernel when they run
                execute.require_kernel(self.kernel_name)
            self.chromium = export.find_chromium() if self.pdf else None
        except (execute.KernelMissingError, RuntimeError) as exc:
            raise BuildError(str(exc)) from exc
        self.checked = True


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
    force: bool = False,
    executor: str = "local",
    scheduler: str | None = None,
    warm_kernels: bool | None = None,
) -> BuildResult:
    """Build the selected briefs (default: all) as one edition and publish it atomically. A brief whose
    inputs are unchanged since it was published in this edition is republished as it is, unless
    `force`. Paths left out are the project's (config), resolved at the call."""
    # Absolute: papermill changes the working directory while a kernel runs.
    build_file = Path(os.path.abspath(build_file or config.build_file()))
    reports_dir = Path(reports_dir) if reports_dir else config.reports_dir()
    root = Path(root) if root else config.project_root()
    # Only an absent --edition means today: an empty one is a mistake, refused by check_edition.
    edition = publish.check_edition(dt.date.today().isoformat() if edition is None else edition)
    publish.check_reports_dir(reports_dir)
    if executor not in executors.EXECUTORS:
        raise BuildError(f"--executor {executor}: expected one of {', '.join(executors.EXECUTORS)}")
    if scheduler and executor != "dask":
        raise BuildError(f"--scheduler {scheduler}: only with --executor dask")
    out = out or sys.stdout  # looked up per call, so that redirected output (tests, callers) is seen
    overrides = dict(overrides or {})
    spec = buildfile.load(build_file, root / "notebooks")
    briefs = spec.select(brief_ids)
    # Never publish this edition with fewer briefs than it has, unless removed explicitly.
    listed = {b.id for b in spec.briefs}
    publish.check_removals(reports_dir, edition, listed, set(remove_briefs or ()), spec.path.name)
    refuse_build_owned(overrides)
    refuse_bound_overrides(spec, briefs, overrides)  # a published brief's id and title say what it is

    lock = threading.Lock()

    def say(text: str) -> None:
        with lock:
            print(text, file=out, flush=True)

    # Absolute, as papermill changes the working directory while a kernel runs (in a worker
    # thread, for the whole process). The lock is taken before staging: a build that waited
    # stages from what the other published.
    reports_dir = Path(os.path.abspath(reports_dir))
    inputs = cache.project_inputs(root)
    series = {"title": spec.title, "publisher": spec.publisher, "licence": spec.licence}
    options = {
        "pdf": pdf,
        "kernel": kernel_name,
        "chromium": cache.chromium_identity(cache.chromium_path()) if pdf else None,
    }
    notebook_digests: dict[Path, str] = {}

    def decide() -> tuple[dict[str, cache.Key], dict[str, cache.Reusable]]:
        """Each brief's key, and the published copy to reuse where its key is unchanged."""
        previous = publish.previous_edition(reports_dir, edition)
        keys = {
            b.id: cache.brief_key(
                b,
                inputs,
                series=series,
                edition=edition,
                overrides=overrides,
                options=options,
                previous=cache.previous_figures(reports_dir, previous, b.id),
                notebook_digests=notebook_digests,
            )
            for b in briefs
        }
        if force:
            return keys, {}
        found = {b.id: cache.find_reusable(reports_dir, edition, b.id, keys[b.id], pdf) for b in briefs}
        return keys, {i: r for i, r in found.items() if r is not None}

    prep = _Preparation(spec, edition, overrides, root, kernel_name, pdf, executor)
    _, reuse = decide()
    prep.ready([b for b in briefs if b.id not in reuse])  # bad input stops here, before the lock

    with processes.stop_on_signals() as guard, buildlock.hold(reports_dir, "build", wait=wait, say=say):
        buildlock.clean_stale(reports_dir, buildlock.REPORTS_LEFTOVERS, say)
        started = time.perf_counter()
        keys, reuse = decide()  # again: a build we waited for may have published meanwhile
        todo = [b for b in briefs if b.id not in reuse]
        prep.ready(todo)
        keep = {b.id for b in spec.briefs} - {b.id for b in briefs}
        runs = sum(len(b.notebooks) for b in todo)
        jobs = max(1, min(jobs or default_jobs(), runs or 1))
        schedule: _Schedule | None = None
        if todo:  # connecting to a Dask scheduler can fail: before anything is staged
            schedule = _Schedule(todo, prep, spec, edition, reports_dir, build_file, root, keys, say, started)
            try:
                schedule.connect(executor, jobs, scheduler, inputs, _warm(warm_kernels))
            except (RuntimeError, ValueError, OSError) as exc:
                raise BuildError(str(exc)) from exc
        location: Path | None = None
        published = False
        try:
            staging = publish.new_staging(reports_dir, edition, keep)
            results = {b.id: BriefResult(b) for b in briefs}
            for brief_id, reusable in reuse.items():
                cache.republish(reusable, staging / brief_id)
                result = results[brief_id]
                result.status, result.pages = "ok", reusable.manifest.get("pdf_pages")
                result.reused_from = reusable.origin
            where = (
                f"Dask scheduler {schedule.runner.address}" if executor == "dask" and schedule else "local"
            )
            say(
                f"Edition {edition}: {len(briefs)} brief(s), {len(reuse)} unchanged and reused, "
                f"{len(todo)} to build: {runs} notebook run(s), {jobs} at a time ({where}) "
                f"→ {reports_dir}/{edition}"
            )
            for b in briefs:
                say(_decision(b.id, reuse.get(b.id), force, reports_dir, edition, keys[b.id]))
            if schedule is not None:
                with _project_env(root):
                    results.update(schedule.run(staging, cell_timeout))
            ordered = [results[b.id] for b in briefs]
            ok = all(r.status == "ok" for r in ordered)
            with guard.critical():  # a signal now waits until the renames are done
                if ok:
                    index = _write_edition_index(
                        staging,
                        edition,
                        spec,
                        ordered,
                        publish.read_index(reports_dir, edition),  # under the lock: the one replaced
                        force=force,
                        removed=tuple(remove_briefs or ()),
                    )
                    location = publish.publish(staging, reports_dir, edition)
                    published = True
                    say(_published_line(index, location, reports_dir))
                    site.write(reports_dir, say=say)  # the index, edition pages and feed of the site
                else:
                    location = publish.keep_failed(staging, reports_dir, edition)
                    say(f"Build FAILED; nothing published. Executed notebooks kept in {location}")
            say(_summary(ordered, time.perf_counter() - started))
        except processes.Interrupted as stop:
            _stopped(stop, schedule, reports_dir, edition, location if published else None, say)
            raise
        finally:
            if schedule is not None and not processes.stopping():
                schedule.close()
    return BuildResult(edition, ordered, location, ok)


def preview(
    brief_id: str,
    *,
    build_file: Path | None = None,
    edition: str | None = None,
    overrides: dict[str, str] | None = None,
    reports_dir: Path | None = None,
    root: Path | None = None,
    kernel_name: str = config.KERNEL_NAME,
    pdf: bool = True,
    jobs: int | None = None,
    out: TextIO | None = None,
    cell_timeout: int | None = None,
    warm_kernels: bool | None = None,
) -> BuildResult:
    """Build one brief as a draft in `reports/_drafts/<brief>-<UTC time>/` (the brief folder itself),
    never touching a published edition, `latest` or the cache: no reports lock, no edition.json, no
    SHA256SUMS. Overrides that change what the brief is about rename it (`renamed`); its manifest's
    `draft` says which brief of the build file it comes from and with which overrides. A failed
    preview is kept as `<brief>-<time>-failed/`. Parameters, data, kernel and Chromium are checked
    before anything is written, as for a build."""
    # Absolute: papermill changes the working directory while a kernel runs.
    build_file = Path(os.path.abspath(build_file or config.build_file()))
    reports_dir = Path(os.path.abspath(reports_dir or config.reports_dir()))
    root = Path(root) if root else config.project_root()
    edition = publish.check_edition(dt.date.today().isoformat() if edition is None else edition)
    publish.check_reports_dir(reports_dir)
    out = out or sys.stdout
    overrides = dict(overrides or {})
    refuse_build_owned(overrides)
    spec = buildfile.load(build_file, root / "notebooks")
    [original] = spec.select([brief_id])
    brief = renamed(original, spec, overrides)
    prep = _Preparation(spec, edition, overrides, root, kernel_name, pdf, "local")
    prep.ready([brief])  # bad input stops here, before anything is written

    lock = threading.Lock()

    def say(text: str) -> None:
        with lock:
            print(text, file=out, flush=True)

    drafts = reports_dir / publish.DRAFTS_DIR
    drafts.mkdir(parents=True, exist_ok=True)
    buildlock.clean_stale(drafts, buildlock.REPORTS_LEFTOVERS[:1], say)  # a killed preview's staging
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    staging = drafts / f".staging-{brief.id}-{stamp}-{os.getpid()}"
    staging.mkdir()
    facts = {
        "of": original.id,
        "renamed_from": original.id if brief.id != original.id else None,
        "overrides": overrides,
    }
    what = f" ({original.id} with {', '.join(f'{k}={v}' for k, v in overrides.items())})" if overrides else ""
    say(f"Preview of {brief.id}{what}, edition {edition}: {len(prep.steps[brief.id])} notebook run(s)")
    started = time.perf_counter()
    schedule = _Schedule(
        [brief], prep, spec, edition, reports_dir, build_file, root, {}, say, started, draft={brief.id: facts}
    )
    target = None
    with processes.stop_on_signals() as guard:
        try:
            try:
                schedule.connect(
                    "local",
                    max(1, min(jobs or default_jobs(), len(brief.notebooks))),
                    None,
                    {},
                    _warm(warm_kernels),
                )
            except (RuntimeError, ValueError, OSError) as exc:
                raise BuildError(str(exc)) from exc
            with _project_env(root):
                result = schedule.run(staging, cell_timeout)[brief.id]
            ok = result.status == "ok"
            folder = staging / brief.id
            folder.mkdir(exist_ok=True)
            if ok:
                publish.link_stable_names(folder, brief.id, edition)
            with guard.critical():  # a signal now waits until the draft is in place
                target = _unused(drafts / f"{brief.id}-{stamp}{'' if ok else '-failed'}")
                os.replace(folder, target)
                shutil.rmtree(staging, ignore_errors=True)
        except processes.Interrupted as stop:
            _stopped(stop, schedule, drafts, edition, None, say)
            raise
        finally:
            if not processes.stopping():
                schedule.close()
    if ok:
        page = target / publish.stable_name(brief.id, publish.HTML)
        say(f"Preview written to {target} ({page.name}); no published edition or {publish.LATEST} changed")
    else:
        say(f"Preview FAILED: {result.error}. Executed notebooks kept in {target}")
    say(_summary([result], time.perf_counter() - started))
    return BuildResult(edition, [result], target, ok)


def _unused(path: Path) -> Path:
    """`path`, or `path-2`, `path-3`, … if it exists (two previews of one brief in one second)."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}-{n}")
    return candidate


def _decision(brief_id, reusable, force, reports_dir, edition, key) -> str:
    """One log line: a brief reused (from which build) or built, and why."""
    if reusable is not None:
        origin = reusable.origin
        built = f"{origin.get('built_at')} ({origin.get('edition')})"
        return f"  reused {brief_id}: unchanged since its build of {built}"
    if force:
        return f"  build  {brief_id}: --force"
    why = cache.changed(reports_dir, edition, brief_id, key)
    return f"  build  {brief_id}: {', '.join(why)}" + (" changed" if key.components.keys() & set(why) else "")


def _write_edition_index(staging, edition, spec, results, previous, **kwargs) -> dict[str, Any]:
    from strategy_brief.build import outputs

    return outputs.write_edition_index(staging, edition, spec, results, previous, **kwargs)


def _published_line(index: dict[str, Any], location: Path, reports_dir: Path) -> str:
    """What was published: the revision and why, what lacks a PDF, and where `latest` points."""
    revision = index["revisions"][-1]
    number, reason = revision["number"], revision["reason"]
    line = f"Published edition {index['edition']} (revision {number}: {reason}) → {location}"
    if index["html_only"]:
        line += f"; incomplete, HTML only: {', '.join(index['html_only'])}"
    link = reports_dir / publish.LATEST
    if link.is_symlink():
        line += f"; {publish.LATEST} → {os.readlink(link)}"
    return line


def _summary(results: list[BriefResult], seconds: float) -> str:
    from strategy_brief.build import outputs

    return outputs.summary_table(results, seconds)


class _Schedule:
    """Every notebook run of the briefs to build as one task each, the longest brief's first; a brief
    is merged and exported (here, one Chromium printing every PDF) as soon as its last run is done.
    On Dask, a one-notebook brief is merged and exported to HTML in its task, where the notebook ran
    (the build's cores are then free for the runs): here its files are only written, and its PDF
    printed from that HTML."""

    def __init__(
        self, briefs, prep, spec, edition, reports_dir, build_file, root, keys, say, started, draft=None
    ) -> None:
        from strategy_brief.build import execute, manifest, outputs
        from strategy_brief.report import export

        self.execute, self.outputs, self.export = execute, outputs, export
        self.briefs, self.prep, self.spec, self.edition = briefs, prep, spec, edition
        self.reports_dir, self.build_file, self.root = reports_dir, build_file, root
        self.keys, self.say, self.started = keys, say, started
        # A preview: {brief id: its manifest's `draft` facts}; it never keeps a published PDF.
        self.draft = draft is not None
        self.extra = {i: {"draft": facts} for i, facts in (draft or {}).items()}
        self.versions = manifest.versions(prep.chromium)  # the same for every brief of this build
        # Taken once, as the cache keys were: the commit and the data this build started from (per brief,
        # they cost two git processes and a hash of every data file: seconds over a country edition).
        self.git = manifest.git_commit(root)
        self.data_inputs = manifest.data_input_hashes(root)
        self.counter = itertools.count(1)
        self.total = sum(len(prep.steps[b.id]) for b in briefs)
        self.results = {b.id: BriefResult(b, runs=[None] * len(prep.steps[b.id])) for b in briefs}
        self.remaining = {b.id: len(prep.steps[b.id]) for b in briefs}
        self.futures: dict[concurrent.futures.Future, tuple[str, Any]] = {}
        self.by_brief: dict[str, list[concurrent.futures.Future]] = {b.id: [] for b in briefs}
        self.runner = None
        self.printer = None
        self.exporting: concurrent.futures.ThreadPoolExecutor | None = None
        self.staging: Path | None = None

    def connect(
        self, executor: str, jobs: int, scheduler: str | None, inputs: dict[str, str], warm: bool = True
    ) -> None:
        """Start the runner (threads, a LocalCluster or a client of a Dask scheduler) and the exporters."""
        self.runner = executors.make_runner(
            executor,
            jobs,
            root=self.root,
            inputs=inputs,
            scheduler=scheduler,
            on_start=self._starting,
            warm=warm,
        )
        self.printer = self.export.Printer(self.prep.chromium) if self.prep.pdf else None
        self.exporting = concurrent.futures.ThreadPoolExecutor(
            max_workers=max(1, min(jobs, len(self.briefs))), thread_name_prefix="export"
        )

    def _starting(self, job: executors.RunJob) -> None:
        elapsed = time.perf_counter() - self.started
        self.say(f"[{next(self.counter)}/{self.total}] {job.label} … (elapsed {elapsed:.1f} s)")

    def _jobs(self, staging: Path, cell_timeout: int | None) -> list[executors.RunJob]:
        jobs = []
        for brief in sorted(self.briefs, key=lambda b: -len(b.notebooks)):  # the critical path first
            timeout = (
                cell_timeout
                or brief.cell_timeout
                or self.spec.cell_timeout
                or self.execute.DEFAULT_CELL_TIMEOUT
            )
            steps = self.prep.steps[brief.id]
            for position, (nb, values) in enumerate(steps, start=1):
                target = staging / brief.id / "notebooks" / f"{position:02d}_{nb.name}"
                jobs.append(
                    executors.RunJob(
                        brief.id,
                        position,
                        nb,
                        target,
                        values,
                        self.prep.kernel_name,
                        self.root / "notebooks",
                        timeout,
                        render=self._render_request(brief, values) if len(steps) == 1 else None,
                    )
                )
        return jobs

    def _render_request(self, brief: Brief, values: dict[str, Any]) -> dict[str, Any] | None:
        """For a runner that renders in its tasks: what the task needs to render this one-notebook
        brief, the previous edition's key figures read here, where reports/ is."""
        if not self.runner.exports_in_task:
            return None
        previous, earlier = self.outputs.earlier_edition(self.reports_dir, self.edition, brief.id)
        meta = self.outputs.brief_meta(brief, self.spec, self.edition, values)
        return executors.render_request(meta, earlier, previous, self.prep.pdf)

    def run(self, staging: Path, cell_timeout: int | None) -> dict[str, BriefResult]:
        self.staging = staging
        for brief in self.briefs:  # copied from the existing edition by new_staging; rebuilt now
            if (staging / brief.id).exists():
                shutil.rmtree(staging / brief.id)
        for job in self._jobs(staging, cell_timeout):
            future = self.runner.submit(job)
            self.futures[future] = ("run", job)
            self.by_brief[job.brief_id].append(future)
        while self.futures:  # short waits, so that the main thread keeps handling signals
            done, _ = concurrent.futures.wait(
                list(self.futures), timeout=0.5, return_when=concurrent.futures.FIRST_COMPLETED
            )
            for future in done:
                kind, item = self.futures.pop(future)
                if kind == "run":
                    self._ran(item, future)
                else:
                    self._exported(item, future)
        return self.results

    def _outcome(self, job: executors.RunJob, future: concurrent.futures.Future):
        if future.cancelled():
            return None
        try:
            return future.result()
        except Exception as exc:  # run_notebook reports failures; this is a bug or a lost worker
            return self.execute.NotebookRun(
                job.notebook, job.output, job.parameters, 0.0, "failed", error=f"{type(exc).__name__}: {exc}"
            )

    def _ran(self, job: executors.RunJob, future: concurrent.futures.Future) -> None:
        result = self.results[job.brief_id]
        run = self._outcome(job, future)
        in_task = self.runner.exported(job)  # the brief, when its task rendered it
        if run is not None:
            result.runs[job.position - 1] = run
            result.seconds += run.seconds
            self.say(f"        {job.label}: {run.status} in {run.seconds:.1f} s")
            if run.status != "ok" and result.error is None:
                result.error = f"{run.where()}: {run.error}"
                self.say(f"  FAILED brief '{job.brief_id}', notebook {result.error}")
                for other in self.by_brief[job.brief_id]:  # its other sections need not run
                    if other is not future and not other.done():
                        self.runner.cancel(other)
        elif result.error is None:
            result.error = "stopped by a signal" if processes.stopping() else "not run"
        self.remaining[job.brief_id] -= 1
        if self.remaining[job.brief_id]:
            return
        result.runs = [r for r in result.runs if r is not None]
        if result.error is None and in_task is not None:
            result.seconds += in_task.seconds
            if in_task.error is not None:  # as an export failure here: the brief fails, named
                result.error = f"export: {in_task.error}"
                self.say(f"  FAILED brief '{result.brief.id}' while exporting: {result.error}")
        if result.error is None and not processes.stopping():
            if in_task is not None:
                future = self.exporting.submit(self._write, result, in_task.rendered)
            else:
                future = self.exporting.submit(self._export, result)
            self.futures[future] = ("export", result)
        else:
            self._finish(result)

    def _export(self, result: BriefResult) -> float:
        t0 = time.perf_counter()
        result.pages = self.outputs.export_brief(
            result.brief,
            result,
            self.spec,
            self.edition,
            self.staging / result.brief.id,
            self.prep.pdf,
            self.say,
            self.reports_dir,
            printer=self.printer,
        )
        return time.perf_counter() - t0

    def _write(self, result: BriefResult, rendered) -> float:
        """The files of a brief its task rendered (`outputs.RenderedBrief`), and its PDF."""
        t0 = time.perf_counter()
        result.pages = self.outputs.write_brief(
            rendered,
            result.brief.id,
            self.edition,
            self.staging / result.brief.id,
            self.prep.pdf,
            self.say,
            printer=self.printer,
        )
        return time.perf_counter() - t0

    def _exported(self, result: BriefResult, future: concurrent.futures.Future) -> None:
        try:
            result.seconds += future.result()
        except Exception as exc:  # an export failure fails the brief, not the process
            result.error = f"export: {type(exc).__name__}: {exc}"
            self.say(f"  FAILED brief '{result.brief.id}' while exporting: {result.error}")
        self._finish(result)

    def _finish(self, result: BriefResult) -> None:
        result.status = "ok" if result.error is None else "failed"
        if processes.stopping():  # the staging folder is being removed
            result.status = "stopped"
            return
        brief_dir = self.staging / result.brief.id
        key = self.keys.get(result.brief.id) if result.status == "ok" else None
        pdf_facts = None
        if result.status == "ok" and not self.prep.pdf:  # keep the published PDF, or say HTML only
            published = None if self.draft else self.reports_dir / self.edition / result.brief.id
            pdf_facts = self.outputs.settle_pdf(result.brief.id, self.edition, brief_dir, published)
            if "kept_from" in pdf_facts:
                result.pages = pdf_facts.get("pages")
                built = pdf_facts["kept_from"].get("built_at")
                self.say(f"        {result.brief.id}: HTML unchanged, published PDF kept (built {built})")
            elif published is not None:
                self.say(f"        {result.brief.id}: HTML only ({pdf_facts['html_only']})")
        self.outputs.write_manifest(
            result,
            self.edition,
            brief_dir,
            self.build_file,
            self.root,
            self.versions,
            git=self.git,
            data_inputs=self.data_inputs,
            cache_key=key,
            pdf_facts=pdf_facts,
            extra=self.extra.get(result.brief.id),
        )

    def close(self, wait: bool = True) -> None:
        if self.runner is not None:
            self.runner.close(wait=wait)
        if self.exporting is not None:
            self.exporting.shutdown(wait=wait, cancel_futures=not wait)
        if self.printer is not None:
            self.printer.close(wait=wait)


STOP_GRACE = 3.0  # seconds to let worker threads notice their kernels are dead


def _stopped(stop, schedule, reports_dir: Path, edition: str, published: Path | None, say) -> None:
    """After SIGINT/SIGTERM (children already killed): let workers finish, remove this build's
    staging, and say what state everything is in."""
    if schedule is not None:
        futures = list(schedule.futures)
        schedule.close(wait=False)
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


def _warm(asked: bool | None) -> bool:
    """Warm kernels (build.kernels) unless asked for cold ones, by argument or environment."""
    if asked is not None:
        return asked
    from strategy_brief.build import kernels

    return not kernels.cold_by_default()


def default_jobs() -> int:
    """Notebooks run at once: one kernel per core, at most two (the build also exports and prints)."""
    return max(1, min(2, os.cpu_count() or 1))
