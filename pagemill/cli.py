"""The command line: ``pagemill convert INPUT... -o OUTDIR``, ``pagemill status OUTDIR``, ``pagemill doctor``.

The conversion flags are generated from ``Options``, so the CLI, the API and
the server accept the same settings with the same descriptions. The batch
flags (workers, limits, resume, dataset, Ray) belong to the batch runner
(``pagemill/batch/``): every file converts in a worker process that is killed on
a timeout, a memory cap or a crash, and a journal in OUTDIR makes a rerun resume.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from tqdm import tqdm

from . import __version__
from .batch.dataset import DatasetFormatError, dataset_format
from .batch.journal import Journal, Row
from .batch.runner import BatchBusy, BatchSettings, BatchSummary, exclusive, run_batch
from .batch.worker import DONE, Outcome
from .debug import add_debug_command
from .doctor import add_doctor_command
from .options import Options
from .output import find_inputs
from .server.command import add_serve_command

#: a single document this long gets a page progress bar
LONG_DOCUMENT = 50
#: how many failed files ``pagemill status`` lists unless told
FAILED_SHOWN = 20

_MEMORY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*$", re.IGNORECASE)
_MEMORY_UNITS_MB = {"": 1.0, "k": 1 / 1024, "m": 1.0, "g": 1024.0, "t": 1024.0**2}


def memory_mb(text: str) -> float:
    """'512M', '2G', '1.5GB' or a plain number of megabytes -> megabytes."""
    match = _MEMORY.match(text)
    if not match or float(match.group(1)) <= 0:
        raise argparse.ArgumentTypeError(f"bad memory size {text!r} (use e.g. 512M or 2G)")
    return float(match.group(1)) * _MEMORY_UNITS_MB[match.group(2).lower()]


def _positive(kind: type) -> Any:
    def parse(text: str) -> Any:
        value = kind(text)
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be above 0, not {text}")
        return value

    return parse


def _add_option_flags(parser: argparse.ArgumentParser) -> None:
    for name, field in Options.model_fields.items():
        flag = "--" + name.replace("_", "-")
        help_text = field.description or ""
        if field.annotation is bool:
            parser.add_argument(flag, dest=name, action=argparse.BooleanOptionalAction, default=None, help=help_text)
        elif get_origin(field.annotation) is Literal:  # --furniture keep|drop, --math latex|unicode|off
            parser.add_argument(flag, dest=name, choices=get_args(field.annotation), default=None, help=help_text)
        else:
            kind: type = field.annotation if field.annotation in (int, float) else str  # type: ignore[assignment]
            parser.add_argument(flag, dest=name, type=kind, default=None, help=help_text)


def _add_batch_flags(parser: argparse.ArgumentParser) -> None:
    batch = parser.add_argument_group("batch", "isolation, limits and resuming (a journal in OUTDIR)")
    batch.add_argument(
        "--workers", type=_positive(int), default=None, help="worker processes (default: CPUs, at most one per file)"
    )
    batch.add_argument(
        "--timeout", type=_positive(float), default=None, help="seconds one file may take; its worker is then killed"
    )
    batch.add_argument(
        "--max-memory", type=memory_mb, default=None, help="memory one worker may use, e.g. 2G; it is then killed"
    )
    batch.add_argument(
        "--retry-failed", action="store_true", help="convert again the files an earlier run recorded as failed"
    )
    batch.add_argument("--dataset", default=None, help="also write one row per file to this .parquet or .jsonl file")
    batch.add_argument(
        "--ray",
        nargs="?",
        const="",
        default=None,
        metavar="ADDRESS",
        help="run on Ray: a local instance, or the cluster at ADDRESS (needs pagemill[ray])",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pagemill", description="PDFs and other documents to clean Markdown and a JSON block tree."
    )
    parser.add_argument("--version", action="version", version=f"pagemill {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    convert = commands.add_parser(
        "convert", help="convert documents (PDF, images, DOCX, ODT, PPTX, XLSX, CSV, HTML, EPUB) or folders of them"
    )
    convert.add_argument(
        "inputs", nargs="*", help="files or folders (searched recursively for the endings pagemill reads)"
    )
    convert.add_argument("-o", "--output", required=True, help="output folder")
    convert.add_argument("--format", choices=["markdown", "json", "both"], default="markdown")
    convert.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    _add_batch_flags(convert)
    _add_option_flags(convert)
    status = commands.add_parser("status", help="summarise the journal of an output folder")
    status.add_argument("output", help="output folder of an earlier `pagemill convert`")
    status.add_argument("--all", action="store_true", help=f"list every failed file, not the first {FAILED_SHOWN}")
    add_serve_command(commands)
    add_debug_command(commands, _add_option_flags)
    add_doctor_command(commands)
    return parser


def _options(args: argparse.Namespace) -> Options:
    given: dict[str, Any] = {
        name: getattr(args, name) for name in Options.model_fields if getattr(args, name, None) is not None
    }
    return Options(**given)


def _settings(args: argparse.Namespace, options: Options, files: int) -> BatchSettings:
    workers = args.workers or max(1, min(os.cpu_count() or 1, files))
    return BatchSettings(
        outdir=Path(args.output),
        options=options,
        fmt=args.format,
        workers=workers,
        timeout=args.timeout,
        max_memory_mb=args.max_memory,
        retry_failed=args.retry_failed,
        dataset=Path(args.dataset) if args.dataset else None,
        ray_address=args.ray or None,
        use_ray=args.ray is not None,
    )


class _Printer:
    """Reports each file as the runner finishes it: the CLI's output format."""

    def __init__(self, bar: tqdm, show: bool) -> None:
        self.bar = bar
        self.show = show

    def converted(self, source: Path, outcome: Outcome, written: list[Path]) -> None:
        self.bar.update(1)
        if not outcome.done:
            tqdm.write(f"FAILED {source}: {outcome.reason} [{outcome.status}]", file=sys.stderr)
            return
        for error in outcome.errors:
            tqdm.write(f"WARNING {source}: {error}", file=sys.stderr)
        if not self.show:
            print(f"{source} -> {', '.join(map(str, written))} [{outcome.status}]")

    def skipped(self, source: Path, row: Row) -> None:
        self.bar.update(1)
        if row.status not in DONE:
            tqdm.write(
                f"FAILED {source}: {row.reason} [{row.status}] (an earlier run; --retry-failed converts it again)",
                file=sys.stderr,
            )


def run_convert(args: argparse.Namespace) -> int:
    try:
        options = _options(args)
    except ValueError as exc:
        print(f"pagemill: invalid options: {exc}", file=sys.stderr)
        return 2
    problem = _dataset_problem(args)
    if problem:
        print(f"pagemill: {problem}", file=sys.stderr)
        return 2
    inputs = list(find_inputs(args.inputs))
    settings = _settings(args, options, len(inputs))
    show = not args.quiet and sys.stderr.isatty()
    bar = tqdm(total=len(inputs), unit="file", disable=not show or len(inputs) < 2)
    try:
        summary = run_batch(inputs, settings, _Printer(bar, show), _page_bar(show and len(inputs) == 1))
    except (BatchBusy, ImportError, ValueError) as exc:
        print(f"pagemill: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("pagemill: interrupted; run the same command again to resume", file=sys.stderr)
        return 130
    finally:
        bar.close()
    _print_summary(summary, settings)
    return 1 if summary.failed else 0


def _dataset_problem(args: argparse.Namespace) -> str | None:
    """Refuse a dataset that could not be written before converting anything."""
    if not args.dataset:
        return None
    if args.format == "json":
        return "--dataset takes the Markdown: use --format markdown or both"
    try:
        dataset_format(Path(args.dataset))
    except DatasetFormatError as exc:
        return str(exc)
    return None


def _print_summary(summary: BatchSummary, settings: BatchSettings) -> None:
    if summary.skipped:
        print(f"pagemill: {summary.skipped} files unchanged since an earlier run, skipped", file=sys.stderr)
    if summary.failed:
        print(f"pagemill: {summary.failed} of {summary.total} files failed", file=sys.stderr)
    if settings.dataset and summary.dataset_rows is not None:
        print(f"pagemill: dataset {settings.dataset}: {summary.dataset_rows} rows", file=sys.stderr)


def _page_bar(enabled: bool):  # type: ignore[no-untyped-def]
    if not enabled:
        return None
    bar: dict[str, tqdm] = {}

    def update(_source: Path, done: int, total: int) -> None:
        if total < LONG_DOCUMENT:
            return
        if "bar" not in bar:
            bar["bar"] = tqdm(total=total, unit="page", leave=False)
        bar["bar"].n = done
        bar["bar"].refresh()
        if done == total:
            bar["bar"].close()

    return update


def run_status(args: argparse.Namespace) -> int:
    journal = Journal.open_existing(Path(args.output))
    if journal is None:
        print(f"pagemill: no journal in {args.output} (not the output folder of `pagemill convert`?)", file=sys.stderr)
        return 2
    try:
        _print_status(journal, args.all)
    finally:
        journal.close()
    return 0


def _print_status(journal: Journal, show_all: bool) -> None:
    rows = journal.summary()
    # a row left "running" by a run that no longer holds the lock was cut off (kill -9, power)
    running = "running" if _run_in_progress(journal.path.parent) else "interrupted"
    print(f"journal {journal.path}: {journal.runs()} runs, {journal.option_sets()} option sets")
    print(f"{'status':<16}{'files':>8}{'pages':>10}{'seconds':>10}")
    for status, count, pages, seconds in rows:
        label = running if status == "running" else status
        print(f"{label:<16}{count:>8}{pages:>10}{seconds:>10.1f}")
    files = sum(row[1] for row in rows)
    pages = sum(row[2] for row in rows)
    seconds = sum(row[3] for row in rows)
    print(f"{'total':<16}{files:>8}{pages:>10}{seconds:>10.1f}")
    languages = journal.pages_per_language()
    if languages:
        print("pages per language: " + ", ".join(f"{code} {count}" for code, count in languages))
    for shown, row in enumerate(journal.failed_rows()):
        if shown == 0:
            print("not converted:")
        if shown == FAILED_SHOWN and not show_all:
            print("  ... (--all lists every one)")
            break
        print(f"  {row.source}: {row.reason or running} [{running if row.status == 'running' else row.status}]")


def _run_in_progress(outdir: Path) -> bool:
    try:
        with exclusive(outdir):
            return False
    except BatchBusy:
        return True


_RAY_ADDRESS = re.compile(r"^(auto|local|ray://\S+|[\w.-]+:\d+)$")


def _ray_address_or_input(args: argparse.Namespace) -> None:
    """``--ray in/ -o out``: argparse takes ``in/`` for the address; give it back to the inputs."""
    if args.ray and not (_RAY_ADDRESS.match(args.ray) and not os.path.exists(args.ray)):
        args.inputs.insert(0, args.ray)
        args.ray = ""


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "convert":
        _ray_address_or_input(args)
        if not args.inputs:
            parser.error("convert: give at least one file or folder")
        return run_convert(args)
    if args.command == "status":
        return run_status(args)
    if args.command in ("serve", "debug", "doctor"):
        return int(args.run(args))
    return 2


if __name__ == "__main__":
    sys.exit(main())
