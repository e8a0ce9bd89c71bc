"""A worker that waits for a gate file before converting: a slow conversion on demand.

    python gated_worker.py GATE PID_DIR < request.json

Given its request, it writes its process id into PID_DIR (so a test can check it
was killed), waits until GATE exists, then converts like the real worker. With the
gate never opened it runs until it is killed: a conversion that never ends.
"""

import json
import os
import sys
import time
from pathlib import Path

from pagemill.server.worker import convert, exit_with_parent

if __name__ == "__main__":
    gate, pid_dir = sys.argv[1:]
    exit_with_parent()
    request = json.loads(sys.stdin.read() or "null")
    if request is None:
        sys.exit(0)
    (Path(pid_dir) / str(os.getpid())).touch()
    while not Path(gate).exists():
        time.sleep(0.05)
    sys.exit(convert(Path(request["source"]), Path(request["outdir"]), request["options"]))
