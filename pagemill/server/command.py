"""``pagemill serve``: its flags, and starting uvicorn. FastAPI is imported only when it runs."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from .settings import TOKEN_ENV, ServerSettings


def add_serve_command(commands: Any) -> None:
    """Register ``pagemill serve`` on the CLI's subcommands."""
    serve = commands.add_parser("serve", help="run the HTTP API and the web viewer")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--data-dir", default="pagemill-data", help="where jobs and their files are kept")
    serve.add_argument("--token", default=None, help=f"API token required on every route but /health (or ${TOKEN_ENV})")
    serve.add_argument("--max-upload-mb", type=float, default=100.0, help="larger uploads are refused with 413")
    serve.add_argument("--max-concurrent", type=int, default=2, help="synchronous conversions at once (more: 503)")
    serve.add_argument("--workers", type=int, default=2, help="job worker processes at once")
    serve.add_argument("--max-jobs", type=int, default=100, help="queued and running jobs at once (more: 503)")
    serve.add_argument("--convert-timeout", type=float, default=60.0, help="seconds for one POST /convert")
    serve.add_argument("--job-timeout", type=float, default=600.0, help="seconds for one job")
    serve.set_defaults(run=run_serve)


def settings_from_args(args: argparse.Namespace) -> ServerSettings:
    return ServerSettings(
        data_dir=Path(args.data_dir),
        token=args.token or os.environ.get(TOKEN_ENV) or None,
        max_upload_mb=args.max_upload_mb,
        max_concurrent=args.max_concurrent,
        workers=args.workers,
        max_jobs=args.max_jobs,
        convert_timeout_s=args.convert_timeout,
        job_timeout_s=args.job_timeout,
    )


def run_serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from .app import create_app
    except ImportError as exc:
        print(f"pagemill serve needs the server extra: pip install 'pagemill[server]' ({exc})", file=sys.stderr)
        return 2
    app = create_app(settings_from_args(args))
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return 0
