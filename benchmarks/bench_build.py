"""Benchmark: our one-process build vs the naive loop of papermill and nbconvert CLI calls.

Both build the same briefs from briefs.yml (default: all) into throw-away folders, HTML and PDF,
with the same kernel and exporters; prints wall times, their ratio and Σ cell time.
Usage: python benchmarks/bench_build.py [--brief ID ...]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from strategy_brief import config
from strategy_brief.build import buildfile, manifest

BIN = Path(sys.executable).parent
EDITION = "2000-01-01"


def ours(reports: Path, briefs: list[str]) -> float:
    cmd = [str(BIN / "strategy-brief"), "build", "--edition", EDITION, "--reports-dir", str(reports)]
    for brief in briefs:
        cmd += ["--brief", brief]
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def cli_loop(work: Path, briefs: list[buildfile.Brief]) -> float:
    start = time.perf_counter()
    for brief in briefs:
        for nb in brief.notebooks:
            out = work / brief.id / nb.name
            out.parent.mkdir(parents=True, exist_ok=True)
            params = []
            for name, value in {"edition": EDITION, **brief.parameters}.items():
                params += ["-p", name, str(value)]
            run([str(BIN / "papermill"), str(nb), str(out), "-k", config.KERNEL_NAME, *params])
            for fmt in ("brief_html", "brief_pdf"):
                run([str(BIN / "jupyter"), "nbconvert", "--to", fmt, str(out)])
    return time.perf_counter() - start


def run(cmd: list[str]) -> None:
    subprocess.run(
        cmd, check=True, cwd=config.NOTEBOOKS_DIR, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--brief", action="append", dest="briefs")
    args = parser.parse_args()
    briefs = buildfile.load().select(args.briefs)
    runs = sum(len(b.notebooks) for b in briefs)
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmp = Path(tmp)
        t_ours = ours(tmp / "ours", [b.id for b in briefs])
        t_cli = cli_loop(tmp / "cli", briefs)
        executed = sorted((tmp / "ours" / EDITION).glob("*/notebooks/*.ipynb"))
        cells = sum(manifest.cell_seconds(nbformat.read(p, as_version=4)) for p in executed)
    print(f"briefs: {len(briefs)}, notebook runs: {runs} (HTML + PDF each)")
    print(f"ours (strategy-brief build, one process): {t_ours:7.1f} s")
    print(f"naive (papermill + 2 x jupyter nbconvert CLI per notebook): {t_cli:7.1f} s")
    print(f"ratio naive / ours: {t_cli / t_ours:.2f}x")
    print(f"sum of cell execution time (papermill metadata): {cells:.1f} s")


if __name__ == "__main__":
    main()
