"""The batch journal: one SQLite file inside OUT that says how every document went.

A document's row is keyed by its content hash, the options it was converted with
(``Options.cache_key()``, which leaves the password out) and where its outputs go.
So a rerun skips what is finished, a changed file or changed options convert again,
and the journal survives ``kill -9`` at any moment (SQLite's write-ahead log).

Order of events for one document, which is what makes a rerun exact:
``start`` (status ``running``) -> outputs renamed into place -> ``finish``.
A row left ``running`` was interrupted; the next run converts it again, and its
outputs, if they were already renamed into place, are simply replaced.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..options import Options
from .worker import Outcome

#: the journal lives here, inside OUT
JOURNAL_NAME = ".pagemill-journal.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    content_hash TEXT NOT NULL,
    options_key TEXT NOT NULL,
    output TEXT NOT NULL,
    source TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT,
    page_count INTEGER,
    language TEXT,
    seconds REAL,
    attempts INTEGER NOT NULL DEFAULT 0,
    started_at REAL,
    finished_at REAL,
    errors TEXT,
    run_id INTEGER,
    languages TEXT,
    PRIMARY KEY (content_hash, options_key, output)
);
CREATE TABLE IF NOT EXISTS file_hashes (
    source TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    content_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS options (
    options_key TEXT PRIMARY KEY,
    description TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    run_id INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at REAL NOT NULL,
    command TEXT
);
"""


def options_key(options: Options) -> str:
    """A short stable name for a set of options (the password is not part of it)."""
    return hashlib.sha256(options.cache_key().encode()).hexdigest()[:16]


def hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def hash_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Entry:
    """One input document as the journal knows it."""

    content_hash: str
    options_key: str
    output: str  # output path relative to OUT, without suffix
    source: str


@dataclass(frozen=True)
class Row:
    """A journal row: how a document went last time."""

    source: str
    output: str
    content_hash: str
    status: str
    reason: str | None
    page_count: int | None
    language: str | None
    seconds: float | None
    attempts: int


class Journal:
    """The SQLite journal of one output folder."""

    def __init__(self, outdir: Path) -> None:
        outdir.mkdir(parents=True, exist_ok=True)
        self.path = outdir / JOURNAL_NAME
        self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")  # durable across a killed process; WAL keeps it consistent
        self.db.executescript(_SCHEMA)
        self._add_missing_columns()
        self.run_id: int | None = None

    def _add_missing_columns(self) -> None:
        """A journal written by an older pagemill lacks the pages-per-language column: add it."""
        columns = {row[1] for row in self.db.execute("PRAGMA table_info(documents)")}
        if "languages" not in columns:
            self.db.execute("ALTER TABLE documents ADD COLUMN languages TEXT")

    @classmethod
    def open_existing(cls, outdir: Path) -> Journal | None:
        return cls(outdir) if (outdir / JOURNAL_NAME).exists() else None

    def close(self) -> None:
        self.db.close()

    def begin_run(self, options: Options, command: str) -> str:
        """Record a new run and its options; returns the options key."""
        key = options_key(options)
        self.db.execute(
            "INSERT OR IGNORE INTO options (options_key, description) VALUES (?, ?)", (key, options.cache_key())
        )
        cursor = self.db.execute("INSERT INTO runs (started_at, command) VALUES (?, ?)", (time.time(), command))
        self.run_id = cursor.lastrowid
        return key

    # -- content hashes, cached by size and modification time --------------------

    def content_hash(self, path: Path) -> str:
        stat = path.stat()
        source = str(path)
        found = self.db.execute(
            "SELECT content_hash FROM file_hashes WHERE source = ? AND size = ? AND mtime_ns = ?",
            (source, stat.st_size, stat.st_mtime_ns),
        ).fetchone()
        if found:
            return str(found[0])
        digest = hash_file(path)
        self.db.execute(
            "INSERT OR REPLACE INTO file_hashes (source, size, mtime_ns, content_hash) VALUES (?, ?, ?, ?)",
            (source, stat.st_size, stat.st_mtime_ns, digest),
        )
        return digest

    # -- documents ---------------------------------------------------------------

    def lookup(self, entry: Entry) -> Row | None:
        found = self.db.execute(
            f"SELECT {_ROW_COLUMNS} FROM documents WHERE content_hash = ? AND options_key = ? AND output = ?",
            (entry.content_hash, entry.options_key, entry.output),
        ).fetchone()
        return Row(*found) if found else None

    def seen(self, entry: Entry) -> None:
        """Mark a document as part of this run without converting it (it was finished before)."""
        self.db.execute(
            "UPDATE documents SET run_id = ?, source = ? WHERE content_hash = ? AND options_key = ? AND output = ?",
            (self.run_id, entry.source, entry.content_hash, entry.options_key, entry.output),
        )

    def start(self, entry: Entry) -> None:
        self.db.execute(
            """INSERT INTO documents (content_hash, options_key, output, source, status, attempts, started_at, run_id)
               VALUES (?, ?, ?, ?, 'running', 1, ?, ?)
               ON CONFLICT (content_hash, options_key, output) DO UPDATE SET
                 status = 'running', source = excluded.source, attempts = attempts + 1,
                 started_at = excluded.started_at, run_id = excluded.run_id""",
            (entry.content_hash, entry.options_key, entry.output, entry.source, time.time(), self.run_id),
        )

    def finish(self, entry: Entry, outcome: Outcome) -> None:
        self.db.execute(
            """UPDATE documents SET status = ?, reason = ?, page_count = ?, language = ?, seconds = ?,
                 finished_at = ?, errors = ?, languages = ?
               WHERE content_hash = ? AND options_key = ? AND output = ?""",
            (
                outcome.status,
                outcome.reason,
                outcome.page_count,
                outcome.language,
                round(outcome.seconds, 4),
                time.time(),
                json.dumps(outcome.errors[:50]) if outcome.errors else None,
                json.dumps(outcome.languages) if outcome.languages else None,
                entry.content_hash,
                entry.options_key,
                entry.output,
            ),
        )

    def rows_of_run(self, run_id: int | None = None) -> Iterator[Row]:
        """The documents of a run (this one by default), in the order they were given."""
        cursor = self.db.execute(
            f"SELECT {_ROW_COLUMNS} FROM documents WHERE run_id = ? ORDER BY source, output",
            (run_id if run_id is not None else self.run_id,),
        )
        for found in cursor:
            yield Row(*found)

    def failed_rows(self) -> Iterator[Row]:
        cursor = self.db.execute(
            f"SELECT {_ROW_COLUMNS} FROM documents WHERE status NOT IN ('ok', 'partial') ORDER BY source"
        )
        for found in cursor:
            yield Row(*found)

    def summary(self) -> list[tuple[str, int, int, float]]:
        """(status, documents, pages, seconds) per status, most common first."""
        return [
            (str(status), int(count), int(pages or 0), float(seconds or 0.0))
            for status, count, pages, seconds in self.db.execute(
                """SELECT status, COUNT(*), SUM(page_count), SUM(seconds) FROM documents
                   GROUP BY status ORDER BY COUNT(*) DESC"""
            )
        ]

    def pages_per_language(self) -> list[tuple[str, int]]:
        """(language, pages) over the converted documents, most pages first."""
        totals: dict[str, int] = {}
        for (languages,) in self.db.execute(
            "SELECT languages FROM documents WHERE languages IS NOT NULL AND status IN ('ok', 'partial')"
        ):
            for code, pages in json.loads(languages).items():
                totals[code] = totals.get(code, 0) + int(pages)
        return sorted(totals.items(), key=lambda item: (-item[1], item[0]))

    def option_sets(self) -> int:
        return int(self.db.execute("SELECT COUNT(DISTINCT options_key) FROM documents").fetchone()[0])

    def runs(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM runs").fetchone()[0])


_ROW_COLUMNS = "source, output, content_hash, status, reason, page_count, language, seconds, attempts"
