"""A cache of raw chat completions in SQLite, keyed by everything in a request that decides its answer.

A hit hands back the completion JSON exactly as the server sent it, and the caller validates it as if
it were fresh, so a cached run passes every check a live one does. The store is one SQLite file in
WAL mode with a busy timeout: two runs (or processes) can read and write it at once, and each write is
its own transaction, so a run killed halfway leaves every answer it had received readable by the next.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import platformdirs

from summarizer.errors import ConfigError

R = TypeVar("R")

FILENAME = "calls.sqlite3"

# Set while a cassette replays: its answers are the run's, so the cache is written but never read (an
# answer cached by a live run or an older recording would take the cassette's place and change the run).
_unread: ContextVar[bool] = ContextVar("summarizer_cache_unread", default=False)


@contextmanager
def unread() -> Iterator[None]:
    """Within the block (and the tasks it starts) every lookup misses; answers are still stored."""
    token = _unread.set(True)
    try:
        yield
    finally:
        _unread.reset(token)


# Bumped when what a key covers or how a row is stored changes: old entries then simply miss.
KEY_VERSION = "summarizer-call-v1"
SCHEMA_VERSION = 1
# How long a write waits for another process's write to finish before giving up (ms).
BUSY_TIMEOUT_MS = 30_000

# Request kwargs that say how to reach a server, not what to ask it: never part of the key, so a
# cache filled against one endpoint or key serves the same requests sent to another.
TRANSPORT_KEYS = frozenset(
    {"api_key", "base_url", "headers", "extra_headers", "extra_query", "timeout", "default_headers"}
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS calls (
    key TEXT PRIMARY KEY,
    model TEXT NOT NULL,
    response TEXT NOT NULL,
    created REAL NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS calls_created ON calls (created);
"""


def default_directory() -> Path:
    """Where the cache lives unless told otherwise: the user cache directory (platformdirs)."""
    return Path(platformdirs.user_cache_dir("summarizer"))


def canonical(request: Mapping[str, Any]) -> str:
    """The request as canonical JSON: sorted keys, no whitespace, transport settings left out."""
    kept = {k: v for k, v in request.items() if k not in TRANSPORT_KEYS}
    return json.dumps(
        kept, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False, default=_plain
    )


def request_key(request: Mapping[str, Any]) -> str:
    """The cache key of a chat-completion request: sha256 of its canonical JSON under a version prefix."""
    return hashlib.sha256(f"{KEY_VERSION}\n{canonical(request)}".encode()).hexdigest()


def _plain(value: Any) -> Any:
    # A Pydantic model can reach the kwargs (a schema object); anything else unknown is a bug to surface.
    dump = getattr(value, "model_dump", None)
    if callable(dump):
        return dump(mode="json")
    raise TypeError(f"a request value of type {type(value).__name__} cannot be part of a cache key")


@dataclass(frozen=True)
class CacheInfo:
    """What the cache holds: where, how many entries, how big, how old, and for which models."""

    path: Path
    entries: int
    size_bytes: int
    oldest: datetime | None
    newest: datetime | None
    models: dict[str, int]


class CallCache:
    """Raw chat completions by request key, in one SQLite file shared safely between runs."""

    def __init__(self, directory: Path | None = None) -> None:
        self.path = (directory if directory is not None else default_directory()) / FILENAME
        self._conn: sqlite3.Connection | None = None
        self._pid = 0
        self._lock = threading.Lock()

    def __enter__(self) -> CallCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def open(self) -> None:
        """Open (creating if need be) the database now; a ConfigError says why it cannot be used."""
        with self._lock:
            self._connection()

    def get(self, key: str) -> str | None:
        """The stored completion JSON for `key`, or None (always None within `unread`)."""
        if _unread.get():
            return None
        with self._lock:
            row = self._run(
                lambda c: c.execute("SELECT response FROM calls WHERE key = ?", (key,)).fetchone()
            )
        return str(row[0]) if row else None

    def put(self, key: str, response: str, *, model: str) -> None:
        """Store a completion's JSON under `key`, in its own transaction (a later answer replaces it)."""
        with self._lock:
            self._run(
                lambda c: c.execute(
                    "INSERT INTO calls (key, model, response, created) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET model = excluded.model, "
                    "response = excluded.response, created = excluded.created",
                    (key, model, response, time.time()),
                )
            )

    def delete(self, key: str) -> None:
        """Remove the entry under `key`, if there is one."""
        with self._lock:
            self._run(lambda c: c.execute("DELETE FROM calls WHERE key = ?", (key,)))

    def info(self) -> CacheInfo:
        """Entries, size on disk (database and its WAL), oldest and newest entry, entries per model."""
        with self._lock:
            count, oldest, newest = self._run(
                lambda c: c.execute("SELECT count(*), min(created), max(created) FROM calls").fetchone()
            )
            models = self._run(
                lambda c: c.execute(
                    "SELECT model, count(*) FROM calls GROUP BY model ORDER BY model"
                ).fetchall()
            )
        size = sum(
            p.stat().st_size
            for p in (
                self.path,
                self.path.with_name(FILENAME + "-wal"),
                self.path.with_name(FILENAME + "-shm"),
            )
            if p.is_file()
        )
        return CacheInfo(
            path=self.path,
            entries=int(count),
            size_bytes=size,
            oldest=_when(oldest),
            newest=_when(newest),
            models={str(m): int(n) for m, n in models},
        )

    def clear(self) -> int:
        """Remove every entry; how many there were."""
        with self._lock:
            removed = self._run(lambda c: c.execute("DELETE FROM calls").rowcount)
            # Give the space back; another run holding the database only means it shrinks later.
            with suppress(ConfigError):
                self._run(lambda c: c.execute("VACUUM"))
        return int(removed)

    def close(self) -> None:
        """Close the connection; the next use opens it again."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    # --- plumbing ---------------------------------------------------------------------------------

    def _run(self, op: Callable[[sqlite3.Connection], R]) -> R:
        conn = self._connection()
        try:
            return op(conn)
        except sqlite3.DatabaseError as e:
            raise self._error(e) from None

    def _connection(self) -> sqlite3.Connection:
        if self._conn is not None and self._pid == os.getpid():
            return self._conn
        # A connection inherited across fork() must not be used by the child; it opens its own.
        self._conn = None
        if self.path.parent.exists() and not self.path.parent.is_dir():
            raise ConfigError(f"{self.path.parent}: is not a directory; cannot keep the call cache there")
        if self.path.is_dir():
            raise ConfigError(
                f"{self.path}: is not a cache database (a directory); remove it or pass --cache-dir"
            )
        try:
            # Answers are the user's articles restated: a directory made here is theirs alone.
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as e:
            raise ConfigError(
                f"{self.path.parent}: cannot create the call cache directory ({e.strerror or e}); "
                "pass --cache-dir"
            ) from None
        if not os.access(self.path.parent, os.W_OK) or (
            self.path.exists() and not os.access(self.path, os.W_OK)
        ):
            raise ConfigError(f"{self.path}: the call cache is read-only here; pass --cache-dir")
        try:
            # Created private (SQLite gives its -wal and -shm files the database's own mode).
            with suppress(FileExistsError):
                os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except OSError as e:
            raise ConfigError(
                f"{self.path}: cannot create the call cache ({e.strerror or e}); pass --cache-dir"
            ) from None
        conn: sqlite3.Connection | None = None
        try:
            # Autocommit: each statement is its own transaction, so a kill loses at most the one in flight.
            conn = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
            )
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()
            if not mode or str(mode[0]).lower() != "wal":
                raise sqlite3.OperationalError(f"journal mode stayed {mode and mode[0]!r}, not WAL")
            # In WAL mode NORMAL survives a killed process; only a power cut can lose the last writes.
            conn.execute("PRAGMA synchronous = NORMAL")
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if version not in (0, SCHEMA_VERSION):
                raise ConfigError(
                    f"{self.path}: is a call cache of another version ({version}); "
                    "remove it or pass --cache-dir"
                )
            if version == 0:
                conn.executescript(
                    f"BEGIN IMMEDIATE; {_SCHEMA} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
                )
        except sqlite3.DatabaseError as e:
            if conn is not None:
                conn.close()
            raise self._error(e) from None
        except ConfigError:
            if conn is not None:
                conn.close()
            raise
        self._conn, self._pid = conn, os.getpid()
        return conn

    def _error(self, e: sqlite3.DatabaseError) -> ConfigError:
        """One line naming the file and what is wrong with it."""
        text = str(e)
        if "not a database" in text or "malformed" in text or type(e) is sqlite3.DatabaseError:
            return ConfigError(
                f"{self.path}: is not a cache database ({text}); remove it or pass --cache-dir"
            )
        if "readonly" in text or "read-only" in text or "unable to open" in text:
            return ConfigError(f"{self.path}: the call cache cannot be written ({text}); pass --cache-dir")
        if "locked" in text or "busy" in text:
            return ConfigError(
                f"{self.path}: the call cache stayed locked by another run "
                f"for {BUSY_TIMEOUT_MS // 1000} s ({text})"
            )
        return ConfigError(f"{self.path}: the call cache failed ({text}); remove it or pass --cache-dir")


def _when(ts: float | None) -> datetime | None:
    return datetime.fromtimestamp(ts, UTC) if ts is not None else None
