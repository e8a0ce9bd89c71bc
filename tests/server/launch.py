"""Start the pagemill server for a test: ``python launch.py SETTINGS_JSON``.

It binds 127.0.0.1 on a free port itself and prints the port, so a test never
races another process for a port. ``worker_argv`` in the settings lets a test put
a slow worker (gated_worker.py) in place of the real one.
"""

import json
import socket
import sys
from pathlib import Path

import uvicorn

from pagemill.server.app import create_app
from pagemill.server.settings import ServerSettings


def main() -> None:
    given = json.loads(sys.argv[1])
    given["data_dir"] = Path(given["data_dir"])
    if "worker_argv" in given:
        given["worker_argv"] = tuple(given["worker_argv"])
    app = create_app(ServerSettings(**given))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    print(sock.getsockname()[1], flush=True)
    uvicorn.Server(uvicorn.Config(app, log_level="warning")).run(sockets=[sock])


if __name__ == "__main__":
    main()
