"""The command line: ``pagemill convert INPUT... -o OUTDIR``.

The conversion flags are generated from ``Options``, so the CLI, the API and
the server accept the same settings with the same descriptions.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tqdm import tqdm

from . import __version__
from .api import Converter
from .debug import add_debug_command
from .errors import PagemillError
from .options import Options
from .output import find_inputs, write_outputs
from .server.command import add_serve_command

#: a single document this long gets a page progress bar
LONG_DOCUMENT = 50


def _add_option_flags(parser: argparse.ArgumentParser) -> None:
    for name, field in Options.model_fields.items():
        flag = "--" + name.replace("_", "-")
        help_text = field.description or ""
        if field.annotation is bool:
            parser.add_argument(flag, dest=name, action=argparse.BooleanOptionalAction, default=None, help=help_text)
        else:
            kind: type = field.annotation if field.annotation in (int, float) else str  # type: ignore[assignment]
            parser.add_argument(flag, dest=name, type=kind, default=None, help=help_text)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pagemill", description="PDFs to clean Markdown and a JSON block tree.")
    parser.add_argument("--version", action="version", version=f"pagemill {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    convert = commands.add_parser("convert", help="convert PDF files or folders of PDFs")
    convert.add_argument("inputs", nargs="+", help="PDF files or folders (searched recursively)")
    convert.add_argument("-o", "--output", required=True, help="output folder")
    convert.add_argument("--format", choices=["markdown", "json", "both"], default="markdown")
    convert.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    _add_option_flags(convert)
    add_serve_command(commands)
    add_debug_command(commands, _add_option_flags)
    return parser


def _options(args: argparse.Namespace) -> Options:
    given: dict[str, Any] = {
        name: getattr(args, name) for name in Options.model_fields if getattr(args, name, None) is not None
    }
    return Options(**given)


def run_convert(args: argparse.Namespace) -> int:
    try:
        options = _options(args)
    except ValueError as exc:
        print(f"pagemill: invalid options: {exc}", file=sys.stderr)
        return 2
    converter = Converter(options)
    outdir = Path(args.output)
    inputs = list(find_inputs(args.inputs))
    failures = 0
    show = not args.quiet and sys.stderr.isatty()
    files = tqdm(inputs, unit="file", disable=not show or len(inputs) < 2)
    for path, relative in files:
        try:
            result = converter.convert(path, progress=_page_bar(show and len(inputs) == 1))
            written = write_outputs(outdir, relative, result.markdown, result.json(), args.format)
        except PagemillError as exc:
            failures += 1
            tqdm.write(f"FAILED {path}: {exc.message} [{exc.status}]", file=sys.stderr)
            continue
        except Exception as exc:  # noqa: BLE001 - report, keep converting the other files
            failures += 1
            tqdm.write(f"FAILED {path}: {type(exc).__name__}: {exc} [failed]", file=sys.stderr)
            continue
        for error in result.errors:
            tqdm.write(f"WARNING {path}: {error}", file=sys.stderr)
        if not show:
            print(f"{path} -> {', '.join(map(str, written))} [{result.status}]")
    if failures:
        print(f"pagemill: {failures} of {len(inputs)} files failed", file=sys.stderr)
    return 1 if failures else 0


def _page_bar(enabled: bool):  # type: ignore[no-untyped-def]
    if not enabled:
        return None
    bar: dict[str, tqdm] = {}

    def update(done: int, total: int) -> None:
        if total < LONG_DOCUMENT:
            return
        if "bar" not in bar:
            bar["bar"] = tqdm(total=total, unit="page", leave=False)
        bar["bar"].update(1)
        if done == total:
            bar["bar"].close()

    return update


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "convert":
        return run_convert(args)
    if args.command in ("serve", "debug"):
        return int(args.run(args))
    return 2


if __name__ == "__main__":
    sys.exit(main())
