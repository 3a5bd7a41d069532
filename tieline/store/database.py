"""Opening the DuckDB event store: migrations, one writer, many readers.

A writable :class:`EventStore` holds an exclusive ``fcntl`` lock on
``<db>.lock`` for as long as it is open, so two ingests never write the same
store; closing (also after Ctrl-C) removes the lock file.  DuckDB lets no
other process open a file that one process writes, so a read-only store
opened while a tieline ingest writes reads a snapshot: a copy of the file
and its write-ahead log, i.e. every batch committed so far (``snapshot`` is
the copy's path; it is removed on close).  Any other conflict raises
:class:`~tieline.errors.StoreError` with a readable message.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path
from types import TracebackType
from typing import Any

from tieline.errors import StoreError
from tieline.store.migrations import MIGRATIONS, apply_migrations, pending_migrations

logger = logging.getLogger(__name__)

DEFAULT_DB = "tieline.duckdb"
ENV_DB = "TIELINE_DB"


def _is_lock_conflict(exc: Exception) -> bool:
    text = str(exc).lower()
    return "could not set lock" in text or "conflicting lock" in text


def corrupt_message(path: Path | str, detail: str) -> str:
    """What to say about a store DuckDB cannot read, and what to do."""
    return (f"the store {path} is corrupt ({detail}); restore it from a backup, or ingest "
            "the sources again into a new file (--db NEW.duckdb)")


def default_db_path() -> Path:
    """``$TIELINE_DB`` if set, else ``./tieline.duckdb``."""
    return Path(os.environ.get(ENV_DB) or DEFAULT_DB)


class EventStore:
    """A tieline event store in one DuckDB file.

    ``EventStore(path)`` opens (creating if needed) for writing and applies
    pending migrations; ``EventStore(path, read_only=True)`` opens an existing
    store for queries.  ``path=":memory:"`` gives a private in-memory store.
    Use as a context manager or call :meth:`close`.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, read_only: bool = False,
                 threads: int | None = None) -> None:
        import duckdb

        self.memory = str(path) == ":memory:"
        self.path = Path(":memory:") if self.memory else Path(path or default_db_path())
        self.read_only = read_only and not self.memory
        self._lock_fd: int | None = None
        self._con: Any = None
        self.snapshot: Path | None = None  # the copy read while an ingest writes the store
        if not self.memory:
            if self.read_only and not self.path.exists():
                raise StoreError(f"no event store at {self.path} (run `tieline ingest` first)")
            if not self.read_only:
                if self.path.parent and not self.path.parent.exists():
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                self._lock()
        config: dict[str, Any] = {}
        if threads:
            config["threads"] = threads
        try:
            self._con = duckdb.connect(
                ":memory:" if self.memory else str(self.path),
                read_only=self.read_only, config=config)
        except duckdb.Error as exc:
            self._unlock()
            if not (self.read_only and _is_lock_conflict(exc) and self._writer_is_tieline()):
                raise StoreError(self._open_error(exc)) from exc
            self._con = self._open_snapshot(config, exc)
        try:
            if self.read_only:
                pending = pending_migrations(self._con, MIGRATIONS)
                if pending:
                    raise StoreError(
                        f"{self.path} needs migration {pending[0].name}; "
                        "open it for writing once (e.g. `tieline ingest`) to upgrade it")
            else:
                apply_migrations(self._con, MIGRATIONS)
        except StoreError:
            self.close()
            raise
        except duckdb.Error as exc:
            self.close()
            raise StoreError(self._open_error(exc)) from exc

    # -- reading while an ingest writes ------------------------------------------------
    def _writer_is_tieline(self) -> bool:
        """True when a tieline writer holds ``<db>.lock`` right now."""
        import fcntl

        try:
            fd = os.open(self.lock_path, os.O_RDONLY)
        except OSError:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            return True
        else:
            fcntl.flock(fd, fcntl.LOCK_UN)
            return False
        finally:
            os.close(fd)

    def _open_snapshot(self, config: dict[str, Any], first: Exception) -> Any:
        """DuckDB lets no other process open a file being written, so a reader
        copies the store file and its write-ahead log (committed batches) and
        reads the copy.  A copy torn by a concurrent checkpoint fails DuckDB's
        checksums and is taken again."""
        import shutil
        import tempfile

        import duckdb

        folder = Path(tempfile.mkdtemp(prefix="tieline-snapshot-"))
        copy = folder / self.path.name
        wal = self.path.with_name(self.path.name + ".wal")
        error: Exception = first
        for _ in range(5):
            try:
                shutil.copyfile(self.path, copy)
                try:
                    shutil.copyfile(wal, copy.with_name(copy.name + ".wal"))
                except FileNotFoundError:
                    copy.with_name(copy.name + ".wal").unlink(missing_ok=True)
                con = duckdb.connect(str(copy), read_only=True, config=config)
                con.execute("SELECT count(*) FROM events").fetchall()
            except (OSError, duckdb.Error) as exc:
                error = exc
                continue
            self.snapshot = copy
            logger.info("%s is being written by an ingest: reading a snapshot of its "
                        "committed batches", self.path)
            return con
        shutil.rmtree(folder, ignore_errors=True)
        raise StoreError(self._open_error(error)) from error

    # -- locking -----------------------------------------------------------------------
    @property
    def lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    def _lock(self) -> None:
        """Take ``<db>.lock`` (exclusive, non-blocking).  The file is removed on
        close; a lock taken on a file another process just removed is retried."""
        import fcntl

        for _ in range(10):
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                holder = ""
                try:
                    holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
                except OSError:
                    pass
                os.close(fd)
                who = f" (pid {holder})" if holder else ""
                raise StoreError(
                    f"{self.path} is being written by another process{who}; one writer at a time"
                ) from exc
            try:
                same = os.stat(self.lock_path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)  # the holder removed it as we opened it: take the new one
        else:
            raise StoreError(f"cannot take the lock {self.lock_path}")
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        self._lock_fd = fd

    def _unlock(self) -> None:
        if self._lock_fd is None:
            return
        import fcntl

        try:
            try:
                if os.stat(self.lock_path).st_ino == os.fstat(self._lock_fd).st_ino:
                    os.unlink(self.lock_path)
            except FileNotFoundError:
                pass
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
        finally:
            os.close(self._lock_fd)
            self._lock_fd = None

    def _open_error(self, exc: Exception) -> str:
        text = str(exc)
        first = (text.strip().splitlines() or [""])[0]
        lowered = text.lower()
        if _is_lock_conflict(exc):
            return (f"{self.path} is open for writing by another process "
                    f"(an ingest still running?): {first}")
        if any(w in lowered for w in ("corrupt", "checksum", "not a valid duckdb",
                                       "invalid", "serializ", "deserializ")):
            return corrupt_message(self.path, first)
        return f"cannot open {self.path}: {first}"

    # -- access ------------------------------------------------------------------------
    @property
    def con(self) -> Any:
        """The DuckDB connection (raises once the store is closed)."""
        if self._con is None:
            raise StoreError("the event store is closed")
        return self._con

    def require_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path} was opened read-only")

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables."""
        return {table: int(self.con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])
                for table in ("articles", "mentions", "events", "rejections")}

    def close(self) -> None:
        if self._con is not None:
            try:
                self._con.close()
            finally:
                self._con = None
        self._unlock()
        if self.snapshot is not None:
            import shutil

            shutil.rmtree(self.snapshot.parent, ignore_errors=True)
            self.snapshot = None

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "r" if self.read_only else "rw"
        return f"EventStore({str(self.path)!r}, {mode})"
