"""A real server per test module or test: uvicorn in a subprocess on 127.0.0.1, a free port."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from server_harness import SAMPLE, Gate, Server


@pytest.fixture
def start_server(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    """Start servers with given settings; all are stopped after the test."""
    started: list[Server] = []

    def start(data_dir: Path | None = None, **settings: Any) -> Server:
        server = Server(data_dir or tmp_path / "data", **settings).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One plain server shared by the tests of a module that do not change its settings."""
    running = Server(tmp_path_factory.mktemp("server") / "data").start()
    yield running
    running.stop()


@pytest.fixture
def gate(tmp_path: Path) -> Gate:
    return Gate(tmp_path)


@pytest.fixture(scope="session")
def sample_markdown() -> str:
    import pagemill

    return pagemill.convert(SAMPLE).markdown
