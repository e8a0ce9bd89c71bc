"""The worker process: ``python -m pagemill.server.worker``, started by workers.py.

It imports the converter, then reads requests from standard input, one JSON line
each, ``{"source": PDF, "outdir": FOLDER, "options": {...}}`` (so a password never
shows in ``ps``), converts, and answers each with one line, ``{"exit": CODE}``.
It ends when its input ends.

Into the folder it writes ``result.md`` and ``result.json``, or ``error.json``
(``{"status": ..., "message": ...}``) when the document cannot be converted. Each
file is written under a temporary name and renamed, so a reader never sees half
a file, even when the worker is killed mid-write.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from ..output import write_atomic

#: exit codes the server reads
EXIT_CONVERTED = 0
EXIT_REFUSED = 1  # the document has a stated problem: error.json says which
EXIT_CRASHED = 2  # an error no document should cause: the traceback is on standard error
#: the environment variable that carries the server's process id
PARENT_ENV = "PAGEMILL_WORKER_PARENT"


def exit_with_parent() -> None:
    """End this process when the server that started it is gone.

    A server killed with SIGKILL cannot stop its workers; the restarted server
    runs the job again, so an orphan must not go on writing into the job folder.
    The server names itself in ``PARENT_ENV``: asking ``getppid()`` here could be
    too late, when the server died while this process was still starting.
    """
    parent = int(os.environ.get(PARENT_ENV) or os.getppid())

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(EXIT_CRASHED)

    threading.Thread(target=watch, daemon=True).start()


def convert(source: Path, outdir: Path, options: dict[str, Any]) -> int:
    """Convert ``source`` into ``outdir``; the return value is the exit code.

    The conversion itself is the batch runner's (``pagemill.batch.worker.run_job``),
    so a document fails with the same status words under ``pagemill convert`` and here.
    """
    from ..batch.worker import Job, run_job
    from ..options import Options

    job = Job(source.stem, source.name, Options.model_validate(options), want_tree=True, path=str(source))
    outcome = run_job(job)
    if not outcome.done or outcome.tree is None or outcome.markdown is None:
        error = {"status": outcome.status, "message": outcome.reason or outcome.status}
        write_atomic(outdir / "error.json", json.dumps(error))
        return EXIT_REFUSED
    tree = outcome.tree
    tree["source"] = source.name  # the generated upload name, never a server path
    write_atomic(outdir / "result.md", outcome.markdown)
    write_atomic(outdir / "result.json", json.dumps(tree, ensure_ascii=False))
    return EXIT_CONVERTED


def reply_channel() -> TextIO:
    """Standard output, kept for the answers; anything else printed goes to standard error."""
    replies = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # a stray print in the converter must not be read as an answer
    sys.stdout = sys.stderr
    return replies


def serve(requests: TextIO, replies: TextIO, before: Callable[[dict[str, Any]], None] | None = None) -> int:
    """Convert one document per request line until the input ends."""
    for line in iter(requests.readline, ""):
        request = json.loads(line)
        if before:
            before(request)
        try:
            code = convert(Path(request["source"]), Path(request["outdir"]), request["options"])
        except Exception:  # noqa: BLE001 - report it, and stay ready for the next document
            traceback.print_exc()
            code = EXIT_CRASHED
        replies.write(json.dumps({"exit": code}) + "\n")
        replies.flush()
    return EXIT_CONVERTED


def main(argv: list[str]) -> int:
    if argv:
        print("usage: python -m pagemill.server.worker < requests.jsonl", file=sys.stderr)
        return EXIT_CRASHED
    exit_with_parent()
    import pagemill.batch.worker  # noqa: F401 - the slow imports, done before the first request

    return serve(sys.stdin, reply_channel())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
