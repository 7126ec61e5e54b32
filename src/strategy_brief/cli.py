"""The `strategy-brief` command."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import buildfile, config, params


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="strategy-brief", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build briefs from the build file as one edition")
    b.add_argument("--build-file", type=Path, default=config.BUILD_FILE)
    b.add_argument("--edition", help="edition date YYYY-MM-DD (default: today)")
    b.add_argument("--brief", action="append", dest="briefs", help="build only this brief (repeatable)")
    b.add_argument(
        "-p",
        "--parameter",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a notebook parameter for every brief (checked against each notebook)",
    )
    b.add_argument("--reports-dir", type=Path, default=config.REPORTS_DIR)
    b.add_argument("--kernel", default=config.KERNEL_NAME, help="Jupyter kernel name")
    b.add_argument("--no-pdf", action="store_true", help="skip the PDF (HTML only)")
    b.add_argument("-j", "--jobs", type=int, help="briefs built at once (default: 2, or 1 on one core)")

    ls = sub.add_parser("list", help="list the briefs in the build file")
    ls.add_argument("--build-file", type=Path, default=config.BUILD_FILE)

    sig = sub.add_parser("params", help="show the parameters a notebook accepts")
    sig.add_argument("notebook", type=Path)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "params":
        signature = params.read_signature(args.notebook)
        for p in signature.parameters.values():
            print(p.describe() + (f"  # {p.help}" if p.help and not p.choices else ""))
        return 0
    if args.command == "list":
        spec = buildfile.load(args.build_file)
        for brief in spec.briefs:
            names = ", ".join(nb.name for nb in brief.notebooks)
            print(f"{brief.id}\t{brief.title}\t{names}\t{brief.parameters}")
        return 0

    from .build import BuildError, build
    from .publish import EditionError

    try:
        overrides = params.parse_cli_overrides(args.parameter)
        result = build(
            build_file=args.build_file,
            edition=args.edition,
            brief_ids=args.briefs,
            overrides=overrides,
            reports_dir=args.reports_dir,
            root=args.build_file.resolve().parent,
            kernel_name=args.kernel,
            pdf=not args.no_pdf,
            jobs=args.jobs,
        )
    except (params.ParameterError, buildfile.BuildFileError, EditionError, BuildError) as exc:
        print(f"strategy-brief build: error: {exc}", file=sys.stderr)
        return 2
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
