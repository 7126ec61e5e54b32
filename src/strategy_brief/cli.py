"""The `strategy-brief` command."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from strategy_brief import config
from strategy_brief.build import buildfile, params, processes
from strategy_brief.build import lock as buildlock


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="strategy-brief", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build briefs from the build file as one edition")
    b.add_argument("--build-file", type=Path, default=config.build_file())
    b.add_argument("--edition", help="edition date YYYY-MM-DD (default: today)")
    b.add_argument("--brief", action="append", dest="briefs", help="build only this brief (repeatable)")
    b.add_argument(
        "--set",
        dest="brief_set",
        metavar="NAME",
        help="build the briefs of this named set of the build file (e.g. countries; 'all': every brief); "
        "default: the default set",
    )
    b.add_argument(
        "--remove-brief",
        action="append",
        dest="remove_briefs",
        metavar="ID",
        help="drop this brief, no longer in the build file, from the published edition (repeatable)",
    )
    b.add_argument(
        "-p",
        "--parameter",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a notebook parameter for every brief (checked against each notebook)",
    )
    b.add_argument("--reports-dir", type=Path, default=config.reports_dir())
    b.add_argument("--kernel", default=config.KERNEL_NAME, help="Jupyter kernel name")
    b.add_argument("--no-pdf", action="store_true", help="skip the PDF (HTML only)")
    b.add_argument("-j", "--jobs", type=int, help="briefs built at once (default: 2, or 1 on one core)")
    b.add_argument(
        "--wait",
        action="store_true",
        help="if another build is using the reports folder, wait for it instead of exiting with 75",
    )
    b.add_argument(
        "--cell-timeout",
        type=_seconds,
        metavar="SECONDS",
        help="stop a notebook cell that runs longer (default: briefs.yml `cell_timeout`, else 600)",
    )

    ls = sub.add_parser("list", help="list the briefs in the build file")
    ls.add_argument("--build-file", type=Path, default=config.build_file())

    sig = sub.add_parser("params", help="show the parameters a notebook accepts")
    sig.add_argument("notebook", type=Path)

    data = sub.add_parser("data", help="snapshots of upstream sources and the processed tables")
    data_sub = data.add_subparsers(dest="data_command", required=True)
    refresh = data_sub.add_parser(
        "refresh", help="fetch sources into dated snapshots, rebuild data/processed"
    )
    refresh.add_argument("--source", action="append", dest="sources", help="only this source (repeatable)")
    refresh.add_argument(
        "--mirror", type=Path, help="read files from a local mirror laid out like ../shared/data"
    )
    refresh.add_argument("--timeout", type=float, default=60, help="seconds per download attempt")
    refresh.add_argument("--retries", type=int, default=3, help="retries after a failed download")
    refresh.add_argument(
        "--allow-shrink",
        action="store_true",
        help="accept a file that lost more rows than its source's max_shrink against the previous snapshot",
    )
    data_sub.add_parser("check", help="validate every processed table and raw input")
    data_sub.add_parser("sources", help="list the source registry")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "params":
        try:
            signature = params.read_signature(args.notebook)
        except params.ParameterError as exc:
            print(f"strategy-brief params: error: {exc}", file=sys.stderr)
            return 2
        for p in signature.parameters.values():
            print(p.describe() + (f"  # {p.help}" if p.help and not p.choices else ""))
        return 0
    if args.command == "data":
        return _data(args)
    if args.command == "list":
        try:
            spec = buildfile.load(args.build_file)
        except buildfile.BuildFileError as exc:
            print(f"strategy-brief list: error: {exc}", file=sys.stderr)
            return 2
        for brief in spec.briefs:
            names = ", ".join(nb.name for nb in brief.notebooks)
            print(f"{brief.id}\t{brief.set}\t{brief.title}\t{names}\t{brief.parameters}")
        return 0

    from strategy_brief.build.edition import BuildError, build
    from strategy_brief.build.publish import EditionError

    try:
        overrides = params.parse_cli_overrides(args.parameter)
        brief_ids = args.briefs
        if args.brief_set:
            if brief_ids:
                raise buildfile.BuildFileError("give --brief or --set, not both")
            brief_ids = [b.id for b in buildfile.load(args.build_file).in_set(args.brief_set)]
        result = build(
            build_file=args.build_file,
            edition=args.edition,
            brief_ids=brief_ids,
            overrides=overrides,
            remove_briefs=args.remove_briefs,
            reports_dir=args.reports_dir,
            root=args.build_file.resolve().parent,
            kernel_name=args.kernel,
            pdf=not args.no_pdf,
            jobs=args.jobs,
            wait=args.wait,
            cell_timeout=args.cell_timeout,
        )
    except (params.ParameterError, buildfile.BuildFileError, EditionError, BuildError) as exc:
        print(f"strategy-brief build: error: {exc}", file=sys.stderr)
        return 2
    except buildlock.Busy as exc:
        print(f"strategy-brief build: error: {exc}", file=sys.stderr)
        return buildlock.EXIT_BUSY
    except processes.Interrupted as stop:
        print(f"strategy-brief build: stopped by {stop.name}; {stop.detail}", file=sys.stderr)
        if stop.workers_left:  # a thread still stuck would keep the interpreter from exiting
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(stop.exit_code)
        return stop.exit_code
    return 0 if result.ok else 1


def _seconds(text: str) -> int:
    """A whole number of seconds above 0 (papermill takes whole seconds)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a whole number of seconds above 0, got {text!r}")
    return value


def _data(args) -> int:
    from strategy_brief.data import refresh, snapshot, sources

    if args.data_command == "sources":
        for source in sources.load_all():
            print(f"{source.name}\t{source.producer}\t{source.licence}\t{source.url}")
        return 0
    if args.data_command == "check":
        problems = refresh.check()
        for problem in problems:
            print(problem, file=sys.stderr)
        verdict = f"FAILED, {len(problems)} problem(s)" if problems else "all tables valid"
        print(f"data check: {verdict}")
        return 1 if problems else 0
    try:  # one refresh of data/ at a time; what a killed one left behind goes first
        with buildlock.hold(config.data_dir(), "refresh"):
            buildlock.clean_stale_data(config.data_dir())
            report = refresh.refresh(
                args.sources,
                mirror=args.mirror,
                allow_shrink=args.allow_shrink,
                timeout=args.timeout,
                retries=args.retries,
            )
    except buildlock.Busy as exc:
        print(f"strategy-brief data refresh: error: {exc}", file=sys.stderr)
        return buildlock.EXIT_BUSY
    except (snapshot.SnapshotError, sources.SourceError, RuntimeError, ValueError) as exc:
        print(f"strategy-brief data refresh: error: {exc}", file=sys.stderr)
        print("Nothing was changed in data/external or data/processed.", file=sys.stderr)
        return 1
    for snap in report.added:
        print(f"new snapshot {snap.source} {snap.date} {snap.path.name} ({snap.bytes:,} bytes)")
    for name, rows in sorted(report.tables.items()):
        print(f"{name}: {rows} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
