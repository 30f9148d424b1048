"""Command line: `sitegen build|check|serve|new`; each parses arguments and makes one call."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from sitegen import __version__
from sitegen.report import WARNINGS_PER_KIND, brief_warnings


def main(argv: list[str] | None = None) -> int:
    """Run a sitegen command; content mistakes print located messages and return 1."""
    # Imported here, not at the top: an image worker started by "spawn" re-imports the module
    # that launched sitegen, and must not pay for the whole pipeline (templates, Markdown, ...).
    from sitegen.build import BuildFailed

    args = _parser().parse_args(argv)
    try:
        return args.handler(args)
    except BuildFailed as failure:
        for message in failure.messages:
            print(message, file=sys.stderr)
        print(failure.strings.t("cli.failed", count=len(failure.messages)), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sitegen", description="Static product catalogues with WhatsApp ordering.")
    parser.add_argument("--version", action="version", version=f"sitegen {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, handler, help_text in (
        ("build", _build, "build ./content into ./output"),
        ("check", _check, "validate everything, write nothing"),
        ("serve", _serve, "build, serve on localhost, rebuild and reload on change"),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("--project", type=Path, default=Path("."), help="catalogue folder (default: .)")
        command.add_argument("--cache-dir", type=Path, help="image cache (default: PROJECT/.sitegen-cache)")
        if name != "check":
            command.add_argument("--output", type=Path, help="output folder (default: PROJECT/output; "
                                 "for serve PROJECT/.sitegen-cache/preview)")
            command.add_argument("--base-url", help="public URL, e.g. https://user.github.io/repo/")
        if name == "serve":
            command.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
            command.add_argument("--bind", default="127.0.0.1", help="address to listen on; 0.0.0.0 lets a phone "
                                 "on the same Wi-Fi open the preview (default 127.0.0.1: this computer only)")
        else:
            command.add_argument("--all-warnings", action="store_true",
                                 help=f"print every warning (default: {WARNINGS_PER_KIND} of each kind)")
        command.set_defaults(handler=handler)
    _add_new(commands)
    return parser


def _add_new(commands: argparse._SubParsersAction) -> None:
    new = commands.add_parser("new", help="create a ready-to-edit product or group, or a new catalogue")
    new.add_argument("kind", choices=("product", "group", "site"))
    new.add_argument("name", help='display name, e.g. "Keripik Pare"; for `new site` the new folder')
    new.add_argument("--group", help="group slug (required for a product)")
    new.add_argument("--whatsapp", help='a new group\'s order number, e.g. "0812-3456-7890"')
    new.add_argument("--project", type=Path, default=Path("."))
    new.add_argument("--example", action="store_true", help="new site: start from the bundled example catalogue")
    new.add_argument("--language", choices=("id", "en"), help="new site: id (default) or en")
    new.set_defaults(handler=_new)


def _build(args: argparse.Namespace) -> int:
    from sitegen.build import build
    from sitegen.report import make_progress, size_report

    started = time.perf_counter()
    progress = make_progress(sys.stderr, sys.stdout)
    result = build(args.project, args.output, args.base_url, args.cache_dir, progress=progress)
    seconds = time.perf_counter() - started
    print_warnings(result, args.all_warnings)
    print(size_report(result, str(args.output or args.project / "output"), seconds))
    return 0


def _check(args: argparse.Namespace) -> int:
    from sitegen.build import build
    from sitegen.report import count_phrases, make_progress

    progress = make_progress(sys.stderr, sys.stdout)
    result = build(args.project, cache_dir=args.cache_dir, check_only=True, progress=progress)
    print_warnings(result, args.all_warnings)
    print(result.strings.t("cli.checked", **count_phrases(result)))
    return 0


def print_warnings(result: BuildResult, every: bool = False) -> None:
    """Warnings go to stderr like errors, a few of each kind (`every`: all), with their count;
    they never change the exit status."""
    for line in brief_warnings(result, every):
        print(line, file=sys.stderr)
    if result.warnings and result.strings:
        print(result.strings.t("cli.warnings", count=len(result.warnings)), file=sys.stderr)


def _serve(args: argparse.Namespace) -> int:
    from sitegen.serve import serve

    return serve(args.project, args.output, args.port, args.cache_dir, args.bind)


def _new(args: argparse.Namespace) -> int:
    from sitegen.newsite import create_site
    from sitegen.scaffold import NewRefused, create

    if args.kind != "site" and (args.example or args.language):
        print("sitegen new: --example and --language are for `sitegen new site DIR`", file=sys.stderr)
        return 2
    try:
        if args.kind == "site":
            print(create_site(Path(args.name), args.example, args.language))
        else:
            print(create(args.project, args.kind, args.name, args.group, args.whatsapp))
    except NewRefused as refusal:
        print(refusal.message, file=sys.stderr)
        return 1
    return 0
