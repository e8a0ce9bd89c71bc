"""A worker that waits for a gate file before converting: a slow conversion on demand.

    python gated_worker.py GATE PID_DIR INPUT OUTDIR < options.json

It writes its process id into PID_DIR (so a test can check it was killed), waits
until GATE exists, then converts like the real worker. With the gate never
opened it runs until it is killed: a conversion that never ends.
"""

import os
import sys
import time
from pathlib import Path

if __name__ == "__main__":
    gate, pid_dir, *rest = sys.argv[1:]
    (Path(pid_dir) / str(os.getpid())).touch()  # first, before the slower imports

    from pagemill.server.worker import exit_with_parent, main

    exit_with_parent()
    while not Path(gate).exists():
        time.sleep(0.05)
    sys.exit(main(rest))
