"""A worker that waits for a gate file before each conversion: a slow conversion on demand.

    python gated_worker.py GATE PID_DIR < requests.jsonl

Given a request, it writes its process id into PID_DIR (so a test can check it
was killed), waits until GATE exists, then converts like the real worker. With the
gate never opened it runs until it is killed: a conversion that never ends.
"""

import os
import sys
import time
from pathlib import Path

from pagemill.server.worker import exit_with_parent, reply_channel, serve

if __name__ == "__main__":
    gate, pid_dir = (Path(arg) for arg in sys.argv[1:])

    def wait_for_the_gate(request: dict) -> None:
        (pid_dir / str(os.getpid())).touch()
        while not gate.exists():
            time.sleep(0.05)

    exit_with_parent()
    sys.exit(serve(sys.stdin, reply_channel(), before=wait_for_the_gate))
