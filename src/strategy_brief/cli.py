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
    _add_run_options(b)
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
        "--wait",
        action="store_true",
        help="if another build is using the reports folder, wait for it instead of exiting with 75",
    )
    b.add_argument(
        "--quiet",
        action="store_true",
        help="print only problems (on stderr); the full log, every line timestamped, is in reports/_logs/",
    )
    b.add_argument(
        "--on-failure",
        metavar="CMD",
        help="shell command run when the build does not succeed (STRATEGY_BRIEF_EXIT, _EDITION, _LOG, "
        "_FAILED in its environment)",
    )
    b.add_argument(
        "--notify-url",
        metavar="URL",
        help="POST a JSON summary here when the build does not succeed (a webhook)",
    )
    b.add_argument(
        "--force",
        action="store_true",
        help="rebuild every selected brief, even those whose inputs are unchanged since they were published",
    )
    b.add_argument(
        "--executor",
        choices=("local", "dask"),
        default="local",
        help="where notebooks run: kernels on this machine (default), or tasks on Dask workers",
    )
    b.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --executor dask: an existing cluster's scheduler (tcp://HOST:8786); default: a "
        "LocalCluster of --jobs worker processes",
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
    _add_prune_and_verify(sub)
    _add_preview(sub)
    _add_site_commands(sub)
    return parser


def _add_prune_and_verify(sub) -> None:
    """`prune` (retention of the reports folder) and `verify` (an edition against its SHA256SUMS)."""
    pr = sub.add_parser(
        "prune",
        help="remove old editions, failed runs and drafts; never `latest` or the newest final edition",
    )
    pr.add_argument("--keep", type=_count, required=True, metavar="N", help="keep the N newest editions")
    pr.add_argument(
        "--keep-monthly",
        type=_count,
        default=0,
        metavar="M",
        help="also keep the newest edition of each of the M most recent months that have one",
    )
    pr.add_argument("--keep-failed", type=_count, metavar="N", help="failed runs to keep (default: --keep)")
    pr.add_argument("--keep-drafts", type=_count, metavar="N", help="drafts to keep (default: --keep)")
    pr.add_argument("--dry-run", action="store_true", help="print what would be removed, remove nothing")
    pr.add_argument("--reports-dir", type=Path, default=config.reports_dir())
    pr.add_argument("--wait", action="store_true", help="wait for a running build instead of exiting 75")
    ver = sub.add_parser("verify", help="check an edition's files against its SHA256SUMS")
    ver.add_argument("edition", help="edition (YYYY-MM-DD, or latest) in the reports folder, or its path")
    ver.add_argument("--reports-dir", type=Path, default=config.reports_dir())


def _add_site_commands(sub) -> None:
    """`site` (rebuild the static site of the editions), `serve` (preview it) and `open` (a brief)."""
    st = sub.add_parser("site", help="rebuild reports/index.html, each edition's page and feed.xml")
    st.add_argument("--reports-dir", type=Path, default=config.reports_dir())
    st.add_argument("--wait", action="store_true", help="wait for a running build instead of exiting 75")
    sv = sub.add_parser("serve", help="serve the reports folder on http://127.0.0.1:PORT/ (Ctrl-C stops)")
    sv.add_argument("--port", type=_port, default=8000, help="port (default: 8000; 0: any free port)")
    sv.add_argument("--reports-dir", type=Path, default=config.reports_dir())
    op = sub.add_parser("open", help="open a published brief's HTML in the web browser")
    op.add_argument("brief", help="brief id, e.g. executive-global")
    op.add_argument("--edition", help="edition YYYY-MM-DD[-suffix] (default: latest)")
    op.add_argument("--reports-dir", type=Path, default=config.reports_dir())


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    """What `build` and `preview` both take: where the briefs come from and go, the edition, parameter
    overrides and how notebooks run."""
    parser.add_argument("--build-file", type=Path, default=config.build_file())
    parser.add_argument("--edition", help="edition date YYYY-MM-DD (default: today)")
    parser.add_argument(
        "-p",
        "--parameter",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a notebook parameter for every brief built (checked against each notebook)",
    )
    parser.add_argument("--reports-dir", type=Path, default=config.reports_dir())
    parser.add_argument("--kernel", default=config.KERNEL_NAME, help="Jupyter kernel name")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF (HTML only)")
    parser.add_argument("-j", "--jobs", type=int, help="notebooks run at once (default: 2, or 1 on one core)")
    parser.add_argument(
        "--cell-timeout",
        type=_seconds,
        metavar="SECONDS",
        help="stop a notebook cell that runs longer (default: briefs.yml `cell_timeout`, else 600)",
    )
    parser.add_argument(
        "--cold-kernels",
        action="store_true",
        help="a new kernel for every notebook run (default: each worker reuses one warm kernel, reset "
        "between runs; also STRATEGY_BRIEF_COLD_KERNELS=1)",
    )


def _add_preview(sub) -> None:
    """`preview BRIEF`: one brief into reports/_drafts/, never into a published edition."""
    pv = sub.add_parser(
        "preview",
        help="build one brief as a draft in reports/_drafts/<brief>-<UTC time>/; published editions and "
        "`latest` are never changed, and -p on what the brief is about (its region) renames it",
    )
    pv.add_argument("brief", help="brief id in the build file, e.g. executive-global")
    _add_run_options(pv)


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
    if args.command == "prune":
        return _prune(args)
    if args.command == "verify":
        return _verify(args)
    if args.command == "preview":
        return _preview(args)
    if args.command in ("site", "serve", "open"):
        return {"site": _site, "serve": _serve, "open": _open}[args.command](args)
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

    from strategy_brief.build import log as buildlog

    log = buildlog.BuildLog(buildlog.log_path(args.reports_dir, args.edition), sys.stdout, quiet=args.quiet)
    if log.path:
        print(f"strategy-brief build: log {log.path}", file=log)
    failed: list[str] = []
    try:
        code = _build(args, log, failed)
    finally:
        log.flush()
    if code != 0 and (args.on_failure or args.notify_url):
        for problem in buildlog.notify(
            code,
            edition=args.edition,
            log=log.path,
            failed=failed,
            command=args.on_failure,
            url=args.notify_url,
        ):
            log.problem(f"strategy-brief build: warning: {problem}", sys.stderr)
    log.close()
    return code


def _build(args, log, failed: list[str]) -> int:
    """Run the build, its output to `log`; problems on stderr (and in the log). Returns the exit code."""
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
            warm_kernels=False if args.cold_kernels else None,
            force=args.force,
            executor=args.executor,
            scheduler=args.scheduler,
            out=log,
        )
    except (params.ParameterError, buildfile.BuildFileError, EditionError, BuildError) as exc:
        log.problem(f"strategy-brief build: error: {exc}", sys.stderr)
        return 2
    except buildlock.Busy as exc:
        log.problem(f"strategy-brief build: error: {exc}", sys.stderr)
        return buildlock.EXIT_BUSY
    except processes.Interrupted as stop:
        log.problem(f"strategy-brief build: stopped by {stop.name}; {stop.detail}", sys.stderr)
        if stop.workers_left:  # a thread still stuck would keep the interpreter from exiting
            log.flush()
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(stop.exit_code)
        return stop.exit_code
    failed += [r.brief.id for r in result.briefs if r.status != "ok"]
    for brief in failed:
        log.problem(f"strategy-brief build: brief {brief} failed; see the log", sys.stderr)
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


def _count(text: str) -> int:
    """A whole number, 0 or more."""
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number 0 or more, got {text!r}")
    return int(text)


def _prune(args) -> int:
    from strategy_brief.build import retention

    if not args.reports_dir.is_dir():
        print(
            f"strategy-brief prune: error: reports folder {args.reports_dir} does not exist", file=sys.stderr
        )
        return 2
    try:
        retention.prune(
            args.reports_dir,
            args.keep,
            args.keep_monthly,
            args.keep_failed,
            args.keep_drafts,
            dry_run=args.dry_run,
            wait=args.wait,
        )
    except buildlock.Busy as exc:
        print(f"strategy-brief prune: error: {exc}", file=sys.stderr)
        return buildlock.EXIT_BUSY
    except (ValueError, OSError) as exc:
        print(f"strategy-brief prune: error: {exc}", file=sys.stderr)
        return 2
    return 0


def _verify(args) -> int:
    from strategy_brief.build import checksums, publish, retention

    named = args.edition == publish.LATEST or publish.EDITION_PATTERN.fullmatch(args.edition)
    folder = args.reports_dir / args.edition if named else Path(args.edition)
    if not folder.is_dir():
        known = retention.editions(args.reports_dir) if args.reports_dir.is_dir() else []
        print(
            f"strategy-brief verify: error: no edition folder {folder} "
            f"(editions in {args.reports_dir}: {', '.join(known) or 'none'})",
            file=sys.stderr,
        )
        return 2
    problems = checksums.verify(folder)
    for problem in problems:
        print(f"{folder}: {problem}", file=sys.stderr)
    if problems:
        print(f"{folder}: FAILED, {len(problems)} problem(s)", file=sys.stderr)
        return 1
    listed, _ = checksums.read_sums(folder)
    print(f"{folder}: OK, {len(listed)} files match {checksums.SUMS}")
    return 0


def _port(text: str) -> int:
    """A TCP port, 0 (any free one) to 65535."""
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"expected a port 0-65535, got {text!r}")
    return int(text)


def _no_reports_dir(command: str, folder: Path) -> int:
    print(f"strategy-brief {command}: error: reports folder {folder} does not exist", file=sys.stderr)
    return 2


def _site(args) -> int:
    from strategy_brief.build import site

    if not args.reports_dir.is_dir():
        return _no_reports_dir("site", args.reports_dir)
    try:
        with buildlock.hold(args.reports_dir, "build", wait=args.wait):
            result = site.write(args.reports_dir)
    except buildlock.Busy as exc:
        print(f"strategy-brief site: error: {exc}", file=sys.stderr)
        return buildlock.EXIT_BUSY
    for problem in result.problems:
        print(f"strategy-brief site: warning: {problem}", file=sys.stderr)
    print(
        f"Site of {len(result.editions)} edition(s) in {args.reports_dir}: {site.INDEX}, {site.FEED} "
        f"and {len(result.editions)} edition page(s); {len(result.written)} file(s) changed"
    )
    return 1 if result.problems else 0


def _serve(args) -> int:
    from strategy_brief.build import site

    if not args.reports_dir.is_dir():
        return _no_reports_dir("serve", args.reports_dir)
    if not (args.reports_dir / site.INDEX).exists():  # a folder built before the site existed
        site.write(args.reports_dir, say=lambda text: print(text, file=sys.stderr))
    try:
        httpd = site.server(args.reports_dir, args.port)
    except OSError as exc:
        print(
            f"strategy-brief serve: error: cannot listen on 127.0.0.1:{args.port} ({exc.strerror or exc}); "
            "pass --port another port",
            file=sys.stderr,
        )
        return 2
    host, port = httpd.server_address[:2]
    print(f"Serving {args.reports_dir} at http://{host}:{port}/ (Ctrl-C to stop)", flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
    return 0


def _open(args) -> int:
    import webbrowser

    from strategy_brief.build import site

    try:
        path = site.brief_html(args.reports_dir, args.brief, args.edition)
    except ValueError as exc:
        print(f"strategy-brief open: error: {exc}", file=sys.stderr)
        return 2
    url = path.absolute().as_uri()
    print(path)
    print(url)
    if not webbrowser.open(url):
        print("strategy-brief open: no web browser could be started; open the path above", file=sys.stderr)
    return 0


def _preview(args) -> int:
    """Exit codes as for build: 0 draft written, 1 the brief failed (kept as a -failed draft), 2 bad
    input, 130/143 stopped."""
    from strategy_brief.build import log as buildlog
    from strategy_brief.build.edition import BuildError, preview
    from strategy_brief.build.publish import EditionError

    log = buildlog.BuildLog(None, sys.stdout)  # timestamped lines; a draft keeps no log file
    try:
        result = preview(
            args.brief,
            build_file=args.build_file,
            edition=args.edition,
            overrides=params.parse_cli_overrides(args.parameter),
            reports_dir=args.reports_dir,
            root=args.build_file.resolve().parent,
            kernel_name=args.kernel,
            pdf=not args.no_pdf,
            jobs=args.jobs,
            cell_timeout=args.cell_timeout,
            warm_kernels=False if args.cold_kernels else None,
            out=log,
        )
    except (params.ParameterError, buildfile.BuildFileError, EditionError, BuildError) as exc:
        log.problem(f"strategy-brief preview: error: {exc}", sys.stderr)
        return 2
    except processes.Interrupted as stop:
        log.problem(f"strategy-brief preview: stopped by {stop.name}; {stop.detail}", sys.stderr)
        return stop.exit_code
    finally:
        log.flush()
    if not result.ok:
        failed = result.briefs[0].brief.id
        log.problem(f"strategy-brief preview: brief {failed} failed; see above", sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
