"""`make bench`: our build against the Ploomber peer and the naive CLI loop, measured in one run.

All three run the same notebook runs (the default set of briefs.yml) on a throw-away copy of the project
(notebooks, build file, data), HTML only (the peer exports HTML), on the same kernel:

- ours: `strategy-brief build --no-pdf` (notebook runs scheduled across `-j` kernels, cache of briefs);
- the peer: Ploomber 0.23.3 (../shared/peers/ploomber_pipeline.py writes its project), installed pinned
  in its own environment under .bench/, never in the project's .venv;
- the CLI loop: `papermill` then `jupyter nbconvert --to brief_html` per notebook run, no cache.

Columns: cold with 2 workers, nothing changed, one notebook changed, cold serial; ratios are ours / peer
(below 1: ours is faster). Then ours with PDFs, the changed notebook's brief alone (cold), and the Dask
executor on the country fan-out (the whole `countries` set, `build --set countries`, one notebook each;
`--fanout N` samples every N-th brief instead) with 1 and 2 local workers, with a projection (labelled
as such) to 8 and 32 workers from the measured task times. Ours runs warm kernels (one per worker,
reset between runs); `--cold-kernels` is shown too. Timed builds are never observed: the peak memory
of the cold builds comes from builds of their own. Absolute times move with the machine's load: read
the ratios, which compare runs of the same window.

Usage: python benchmarks/bench_build.py [--only ours,peer,cli,dask] [--change NOTEBOOK] [--root PATH]
       [--fanout N]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import datetime as dt
import heapq
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import psutil

from strategy_brief import config
from strategy_brief.build import buildfile

BIN = Path(sys.executable).parent
EDITION = dt.date.today().isoformat()  # notebooks compare dates in the data with the edition
PLOOMBER = "ploomber==0.23.3"
COLUMNS = ("cold, 2 workers", "nothing changed", "one changed", "cold, serial")


def run(cmd: list, *, cwd: Path | None = None, env: dict | None = None) -> float:
    """Seconds `cmd` took, unobserved; its output is shown only if it fails."""
    seconds, _ = _run(cmd, cwd=cwd, env=env, sample=False)
    return seconds


def peak_memory(cmd: list, *, cwd: Path | None = None, env: dict | None = None) -> float:
    """The peak memory (GiB) of `cmd` and every process it started (kernels, Chromium), summed, sampled
    every 50 ms. Memory is the proportional set size (PSS): pages several processes share (Chromium's)
    count once in all, where summing resident sizes would count them once per process. Reading every
    process's PSS 20 times a second costs CPU a timed run would lose (7 s of a 50 s Dask build on 2
    cores): memory is measured in a run of its own, never in a timed one."""
    _, peak = _run(cmd, cwd=cwd, env=env, sample=True)
    return peak / 2**30


def _run(cmd: list, *, cwd: Path | None, env: dict | None, sample: bool) -> tuple[float, int]:
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as log:
        proc = subprocess.Popen([str(c) for c in cmd], cwd=cwd, env=env, stdout=log, stderr=log, text=True)
        peak = 0
        while proc.poll() is None:
            if sample:
                peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.05)
        seconds = time.perf_counter() - start
        if proc.returncode != 0:
            log.seek(0)
            sys.stderr.write(log.read()[-6000:])
            raise SystemExit(f"bench: {' '.join(map(str, cmd[:4]))} … failed (exit {proc.returncode})")
    return seconds, peak


def _tree_rss(pid: int) -> int:
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for proc in procs:
        with contextlib.suppress(psutil.Error):
            info = proc.memory_full_info()
            total += getattr(info, "pss", info.rss)
    return total


def project_copy(source: Path, dest: Path) -> Path:
    """The inputs a build reads, copied: notebooks, build file, data (not the package: it is installed)."""
    dest.mkdir(parents=True)
    shutil.copytree(source / "notebooks", dest / "notebooks", ignore=shutil.ignore_patterns(".ipynb_*"))
    for folder in ("raw", "processed", "sources"):
        if (source / "data" / folder).is_dir():
            shutil.copytree(source / "data" / folder, dest / "data" / folder)
    for name in ("briefs.yml", "constraints.txt"):
        shutil.copy2(source / name, dest / name)
    return dest


def change_notebook(path: Path) -> None:
    """A change to a notebook's code that alters nothing it shows: a new code cell at the end."""
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(f"_bench_change = {time.time_ns()}"))
    nbformat.write(nb, path)


class Ours:
    def __init__(self, root: Path, reports: Path) -> None:
        self.root, self.reports = root, reports

    def command(self, *args: str, reports: Path | None = None) -> list:
        return [
            BIN / "strategy-brief",
            "build",
            "--build-file",
            self.root / "briefs.yml",
            "--edition",
            EDITION,
            "--reports-dir",
            reports or self.reports,
            *args,
        ]

    def build(self, *args: str, reports: Path | None = None) -> float:
        return run(self.command(*args, reports=reports))

    def peak_memory(self) -> dict[str, float]:
        """The peak memory (GiB) of the cold builds, HTML only and with PDFs, each in a run of its own."""
        reports = self.reports.with_name("memory")
        return {
            label: peak_memory(self.command(*args, "--force", "-j", "2", reports=reports))
            for label, args in (("cold, HTML only", ("--no-pdf",)), ("cold with PDFs", ()))
        }

    def measure(self, change: str, brief_of_change: str) -> dict[str, float]:
        t = {"cold, 2 workers": self.build("--no-pdf", "--force", "-j", "2")}
        t["nothing changed"] = self.build("--no-pdf", "-j", "2")
        change_notebook(self.root / "notebooks" / change)
        t["one changed"] = self.build("--no-pdf", "-j", "2")
        t["that brief alone, cold"] = self.build(
            "--no-pdf",
            "--force",
            "-j",
            "2",
            "--brief",
            brief_of_change,
            reports=self.reports.with_name("alone"),
        )
        t["cold, serial"] = self.build("--no-pdf", "--force", "-j", "1")
        t["cold, 2 workers, --cold-kernels"] = self.build("--no-pdf", "--force", "-j", "2", "--cold-kernels")
        t["cold with PDFs, 2 workers"] = self.build("--force", "-j", "2")
        t["nothing changed, with PDFs"] = self.build("-j", "2")
        return t


class Peer:
    """Ploomber 0.23.3 in .bench/ploomber-venv (created on first use)."""

    def __init__(self, project: Path, root: Path, work: Path, briefs: list[str]) -> None:
        self.venv = project / ".bench" / "ploomber-venv"
        self.root, self.work = root, work
        script = project.parent / "shared" / "peers" / "ploomber_pipeline.py"
        if not script.exists():
            raise SystemExit(f"bench: the peer's project writer {script} is missing")
        self._install()
        only = [arg for brief in briefs for arg in ("--only", brief)]
        run(
            [
                self.venv / "bin" / "python",
                script,
                root,
                work,
                "--edition",
                EDITION,
                "--processes",
                "2",
                *only,
            ]
        )
        # The peer finds the project's kernel (registered inside .venv) and reads the same data.
        self.env = {
            **os.environ,
            "STRATEGY_BRIEF_ROOT": str(root),
            "JUPYTER_PATH": str(Path(sys.prefix) / "share" / "jupyter"),
        }

    def _install(self) -> None:
        ploomber = self.venv / "bin" / "ploomber"
        if ploomber.exists():
            return
        print(f"installing the peer ({PLOOMBER}) into {self.venv} …", flush=True)
        run([sys.executable, "-m", "venv", self.venv])
        run([self.venv / "bin" / "pip", "install", "--quiet", "--disable-pip-version-check", PLOOMBER])

    def build(self, pipeline: str, force: bool) -> float:
        cmd = [self.venv / "bin" / "ploomber", "build", "-e", pipeline, *(["--force"] if force else [])]
        return run(cmd, cwd=self.work, env=self.env)

    def measure(self, change: str) -> dict[str, float]:
        shutil.rmtree(self.work / "out", ignore_errors=True)
        t = {"cold, 2 workers": self.build("pipeline.yaml", force=True)}
        t["nothing changed"] = self.build("pipeline.yaml", force=False)
        change_notebook(self.work / "nbs" / change)
        t["one changed"] = self.build("pipeline.yaml", force=False)
        shutil.rmtree(self.work / "out", ignore_errors=True)
        t["cold, serial"] = self.build("pipeline-serial.yaml", force=True)
        return t


def cli_loop(root: Path, work: Path, briefs: list[buildfile.Brief], workers: int) -> float:
    """papermill then nbconvert (HTML, our exporter) per notebook run, `workers` runs at a time; no cache."""
    env = {**os.environ, "STRATEGY_BRIEF_ROOT": str(root)}

    def one(task: tuple[buildfile.Brief, Path]) -> None:
        brief, nb = task
        out = work / brief.id / nb.name
        out.parent.mkdir(parents=True, exist_ok=True)
        params = [a for k, v in {"edition": EDITION, **brief.parameters}.items() for a in ("-p", k, str(v))]
        papermill = [BIN / "papermill", nb, out, "-k", config.KERNEL_NAME, "--cwd", root / "notebooks"]
        run([*papermill, *params], env=env)
        run([BIN / "jupyter", "nbconvert", "--to", "brief_html", out], env=env)

    tasks = [(brief, nb) for brief in briefs for nb in brief.notebooks]
    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(one, tasks))
    return time.perf_counter() - start


def makespan(durations: list[float], workers: int) -> float:
    """Longest-first list scheduling of the tasks on `workers`: the wall time of the runs alone."""
    loads = [0.0] * workers
    for d in sorted(durations, reverse=True):
        heapq.heapreplace(loads, loads[0] + d)
    return max(loads)


def dask_fanout(ours: Ours, briefs: list[str], brief_set: str | None) -> dict[str, float | list[float]]:
    """The fan-out built by the Dask executor (LocalCluster) with 1 and 2 worker processes: the whole
    named set `brief_set` (`--set`), else `briefs` asked for by id (`--brief`, which any set allows).

    This host's speed drifts by up to a fifth over minutes, more than the difference measured. The builds
    run 1, 2, 2, 1 workers, so that a drift that is steady over the four counts alike against both, and
    each side's time is the mean of its two runs; the task times are the last 1-worker build's."""
    flags = ["--set", brief_set] if brief_set else [a for b in briefs for a in ("--brief", b)]
    reports = ours.reports.with_name("dask")
    walls: dict[int, list[float]] = {1: [], 2: []}
    for w in (1, 2, 2, 1):
        walls[w].append(
            ours.build("--no-pdf", "--force", "--executor", "dask", "-j", str(w), *flags, reports=reports)
        )
    tasks = []
    for brief in briefs:
        manifest = json.loads((reports / EDITION / brief / "manifest.json").read_text())
        tasks += [nb["seconds"] for nb in manifest["notebooks"]]
    return {
        "1 worker": statistics.mean(walls[1]),
        "2 workers": statistics.mean(walls[2]),
        "runs": walls,
        "tasks": tasks,
    }


def _spin(_: int) -> int:
    total = 0
    for i in range(15_000_000):
        total += i * i % 7
    return total


def machine_scaling() -> float:
    """How much faster 2 processes do 4 equal pure-Python jobs than 1 on this machine (2.0 would be two
    independent cores; this host's vCPUs give less, and vary): the ceiling of a 2-worker speed-up here."""
    import multiprocessing

    def wall(workers: int) -> float:
        started = time.perf_counter()
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            pool.map(_spin, range(4))
        return time.perf_counter() - started

    return max(wall(1) / wall(2) for _ in range(3))  # the best of three: the host's noise only lowers it


def projection(result: dict, workers: int, runs: int) -> float:
    """Projected wall time on `workers` for `runs` task runs drawn in turn from the measured ones:
    fixed cost + longest-first makespan + per-task scheduling overhead, both fitted to the 1- and
    2-worker walls. A projection, not a measurement."""
    tasks = result["tasks"]
    n = len(tasks)
    gap = result["1 worker"] - result["2 workers"] - (sum(tasks) - makespan(tasks, 2))
    overhead = max(0.0, gap / max(1, n - math.ceil(n / 2)))
    fixed = max(0.0, result["1 worker"] - sum(tasks) - overhead * n)
    drawn = [tasks[i % n] for i in range(runs)]
    return fixed + makespan(drawn, workers) + overhead * math.ceil(runs / workers)


def table(rows: dict[str, dict[str, float]], columns: tuple[str, ...]) -> str:
    head = ["", *columns]
    body = [[name, *(f"{t[c]:.1f} s" if c in t else "–" for c in columns)] for name, t in rows.items()]
    if "ours" in rows and "Ploomber 0.23.3" in rows:
        ours, peer = rows["ours"], rows["Ploomber 0.23.3"]
        body.append(
            [
                "ours / peer",
                *(f"{ours[c] / peer[c]:.2f}×" if c in ours and c in peer else "–" for c in columns),
            ]
        )
    widths = [max(len(r[i]) for r in [head, *body]) for i in range(len(head))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)) for r in [head, *body]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", default="ours,peer,cli,dask", help="comma-separated: ours, peer, cli, dask")
    parser.add_argument("--change", default="30_cost.ipynb", help="the notebook changed for 'one changed'")
    parser.add_argument("--root", type=Path, default=config.project_root(), help="the project to copy")
    parser.add_argument(
        "--fanout",
        type=int,
        default=1,
        help="Dask fan-out: every N-th country brief (default 1: the whole countries set, about 100)",
    )
    args = parser.parse_args()
    only = set(args.only.split(","))
    spec = buildfile.load(args.root / "briefs.yml", args.root / "notebooks")
    briefs = list(spec.select(None))
    runs = sum(len(b.notebooks) for b in briefs)
    changed_brief = next(b.id for b in briefs if any(nb.name == args.change for nb in b.notebooks))
    countries = spec.in_set("countries") if "countries" in spec.sets else ()
    if args.fanout < 1:
        raise SystemExit(f"bench: --fanout {args.fanout}: expected a whole number of at least 1")
    fanout = [b.id for b in countries][:: args.fanout] or [b.id for b in briefs if len(b.notebooks) == 1]
    fanout_set = "countries" if countries and args.fanout == 1 else None  # the whole set: `--set`
    rows: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmp = Path(tmp)
        print(
            f"{len(briefs)} briefs, {runs} notebook runs, HTML only; one changed: {args.change}", flush=True
        )
        extra: dict[str, float] = {}
        memory: dict[str, float] = {}
        if "ours" in only or "dask" in only:
            ours = Ours(project_copy(args.root, tmp / "ours-project"), tmp / "reports" / "ours")
        if "ours" in only:
            t = ours.measure(args.change, changed_brief)
            rows["ours"] = {c: t[c] for c in COLUMNS}
            extra = {k: v for k, v in t.items() if k not in COLUMNS}
            memory = ours.peak_memory()
        if "peer" in only:
            peer = Peer(
                config.project_root(),
                project_copy(args.root, tmp / "peer-project"),
                tmp / "peer",
                [b.id for b in briefs],
            )
            rows["Ploomber 0.23.3"] = peer.measure(args.change)
        if "cli" in only:
            root = project_copy(args.root, tmp / "cli-project")
            cold = cli_loop(root, tmp / "cli", briefs, 2)
            serial = cli_loop(root, tmp / "cli-serial", briefs, 1)
            # No cache: a second run, changed or not, redoes every run, as cold does.
            rows["CLI loop (no cache)"] = {
                "cold, 2 workers": cold,
                "nothing changed": cold,
                "one changed": cold,
                "cold, serial": serial,
            }
        print()
        print(table(rows, COLUMNS))
        for name, seconds in extra.items():
            print(f"ours, {name}: {seconds:.1f} s")
        for label, gib in memory.items():
            print(f"ours, peak memory, {label}, 2 workers (build, kernels, Chromium): {gib:.2f} GiB")
        if "one changed" in rows.get("ours", {}) and "that brief alone, cold" in extra:
            ratio = rows["ours"]["one changed"] / extra["that brief alone, cold"]
            print(f"ours, one changed / {changed_brief} alone cold: {ratio:.2f}× (target ≤ 1.3×)")
        if "dask" in only and fanout:
            result = dask_fanout(ours, fanout, fanout_set)
            speedup = result["1 worker"] / result["2 workers"]
            which = f"the whole {fanout_set} set" if fanout_set else f"every {args.fanout}-th, {fanout[0]} …"
            print(f"\nDask LocalCluster, fan-out of {len(fanout)} briefs ({which}), HTML only:")
            runs = result["runs"]
            print(
                f"  1 worker {result['1 worker']:.1f} s, 2 workers {result['2 workers']:.1f} s: "
                f"{speedup:.2f}× (target ≥ 1.7×); the means of builds run in the order 1, 2, 2, 1 workers: "
                f"{runs[1][0]:.1f}, {runs[2][0]:.1f}, {runs[2][1]:.1f}, {runs[1][1]:.1f} s"
            )
            ceiling = machine_scaling()
            print(
                f"  this machine's ceiling: 2 processes of pure-Python work run {ceiling:.2f}× as fast as 1 "
                f"(the 2 workers reach {speedup / ceiling:.0%} of it)"
            )
            tasks = result["tasks"]
            print(
                f"  measured notebook runs (1 worker): {len(tasks)} runs, {sum(tasks):.1f} s in all, "
                f"{sum(tasks) / max(1, len(tasks)):.2f} s each"
            )
            for n in (len(result["tasks"]), 200):
                shown = ", ".join(f"{w} workers {projection(result, w, n):.1f} s" for w in (8, 32))
                print(f"  PROJECTION for {n} runs (measured task times, fitted overheads): {shown}")


if __name__ == "__main__":
    main()
