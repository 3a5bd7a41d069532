"""A read-only snapshot of the store, so a running server never blocks an ingest.

DuckDB lets one process write a file and refuses it to everyone while that
process has it open -- and refuses the writer while a reader has it open.
The server therefore never opens the store itself: it copies the file (and
its write-ahead log, if any) into a private directory when no writer holds
it, opens the copy read-only and answers from it.  Before a request it looks
(at most once per ``check_every`` seconds, by ``stat``) whether the store
changed; if so and no ingest is running, it takes a fresh copy.  While an
ingest runs the last snapshot keeps serving; new events appear once the
ingest has committed and closed the store.
"""
from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, cast

from tieline.errors import StoreError
from tieline.store.database import EventStore

logger = logging.getLogger(__name__)


def _signature(path: Path) -> tuple[int, int, int, int] | None:
    """(mtime, size) of the store and of its WAL; None when the store is missing."""
    try:
        main = path.stat()
    except FileNotFoundError:
        return None
    wal = path.with_name(path.name + ".wal")
    try:
        w = wal.stat()
        extra = (w.st_mtime_ns, w.st_size)
    except FileNotFoundError:
        extra = (0, 0)
    return (main.st_mtime_ns, main.st_size, *extra)


def writer_active(path: Path) -> bool:
    """Whether an ingest holds the store: a writable :class:`EventStore` keeps
    its pid in ``<db>.lock`` while open (read without taking the lock, so the
    check never stands in a writer's way)."""
    lock = path.with_name(path.name + ".lock")
    try:
        holder = lock.read_text(encoding="ascii", errors="replace").strip()
    except (FileNotFoundError, PermissionError):
        return False
    if not holder.isdigit():
        return False
    try:
        os.kill(int(holder), 0)
    except ProcessLookupError:
        return False  # a crashed writer left its pid behind
    except PermissionError:
        return True
    return True


class StoreSnapshot:
    """Serves read-only :class:`EventStore` views of a private copy of ``path``."""

    def __init__(self, path: str | os.PathLike[str], *, check_every: float = 1.0,
                 directory: str | None = None, threads: int | None = None) -> None:
        self.path = Path(path)
        self.check_every = check_every
        self.threads = threads  # DuckDB threads of the copy's connection (None: one per core)
        self._dir = tempfile.mkdtemp(prefix="tieline-serve-", dir=directory)
        self._lock = threading.Lock()
        self._store: EventStore | None = None
        self._retired: list[EventStore] = []
        self._signature: tuple[int, int, int, int] | None = None
        self._checked = 0.0
        self._generation = 0
        self._serving = 0  # the generation of the copy in use
        self.refresh(force=True)

    def refresh(self, *, force: bool = False) -> bool:
        """Take a new copy if the store changed and no writer holds it.
        Returns whether a new snapshot is in use."""
        with self._lock:
            now = time.monotonic()
            if not force and now - self._checked < self.check_every:
                return False
            self._checked = now
            signature = _signature(self.path)
            if signature is None:
                if self._store is None:
                    raise StoreError(f"no event store at {self.path} (run `tieline ingest` first)")
                return False
            if signature == self._signature and self._store is not None:
                return False
            if writer_active(self.path):
                if self._store is None:
                    raise StoreError(f"{self.path} is being written (an ingest is running); "
                                     "try again when it has finished")
                return False
            return self._copy(signature)

    def _copy(self, signature: tuple[int, int, int, int]) -> bool:
        self._generation += 1
        target = Path(self._dir) / f"store-{self._generation}.duckdb"
        wal = self.path.with_name(self.path.name + ".wal")
        try:
            shutil.copyfile(self.path, target)
            if wal.exists():
                shutil.copyfile(wal, target.with_name(target.name + ".wal"))
        except OSError as exc:
            if self._store is None:
                raise StoreError(f"cannot read {self.path}: {exc}") from exc
            logger.warning("cannot copy %s: %s", self.path, exc)
            return False
        if _signature(self.path) != signature or writer_active(self.path):
            self._remove(target)  # an ingest started while copying: keep the old snapshot
            if self._store is None:
                raise StoreError(f"{self.path} changed while being read; try again")
            return False
        try:
            fresh = self._open(target, self.threads)
        except StoreError as exc:
            self._remove(target)
            if self._store is None:
                raise StoreError(str(exc).replace(str(target), str(self.path))) from exc
            return False
        if self._store is not None:
            self._retired.append(self._store)
        while len(self._retired) > 2:  # requests still reading an old one finish first
            old = self._retired.pop(0)
            old.close()
            self._remove(old.path)
        self._store, self._signature, self._serving = fresh, signature, self._generation
        logger.info("serving snapshot %d of %s", self._generation, self.path)
        return True

    @staticmethod
    def _open(target: Path, threads: int | None = None) -> EventStore:
        """The copy, read-only; a store of an older schema is migrated in the copy
        first (the original is never written)."""
        import duckdb

        from tieline.store.migrations import MIGRATIONS, pending_migrations

        try:
            con = duckdb.connect(str(target), read_only=True)
            try:
                pending = pending_migrations(con, MIGRATIONS)
            finally:
                con.close()
        except duckdb.Error as exc:
            raise StoreError(f"cannot read {target}: {exc}") from exc
        if pending:
            EventStore(target).close()  # applies the migrations to the private copy
            target.with_name(target.name + ".lock").unlink(missing_ok=True)
        return EventStore(target, read_only=True, threads=threads)

    @staticmethod
    def _remove(target: Path) -> None:
        for path in (target, target.with_name(target.name + ".wal")):
            try:
                path.unlink()
            except FileNotFoundError:
                pass

    @property
    def store(self) -> EventStore:
        """The current snapshot (checking first whether the store changed)."""
        self.refresh()
        assert self._store is not None
        return self._store

    def generation(self) -> int:
        """Which copy is in use (changes whenever a fresh copy is taken); checks first."""
        self.refresh()
        return self._serving

    def cursor(self) -> EventStore:
        """A per-request view: an :class:`EventStore`-like object whose ``con``
        is a fresh cursor on the current snapshot (DuckDB cursors are safe to
        use from one thread each)."""
        return cast(EventStore, _CursorStore(self.store))

    def close(self) -> None:
        with self._lock:
            for store in [*self._retired, *([self._store] if self._store else [])]:
                store.close()
            self._retired, self._store = [], None
            shutil.rmtree(self._dir, ignore_errors=True)


class _CursorStore:
    """An open snapshot seen through its own cursor: the reading side of
    :class:`EventStore` (``con``, ``path``, ``counts``), opening no file."""

    read_only = True
    memory = False
    snapshot = None

    def __init__(self, parent: EventStore) -> None:
        self.path = parent.path
        self._con: Any = parent.con.cursor()

    @property
    def con(self) -> Any:
        if self._con is None:
            raise StoreError("the event store is closed")
        return self._con

    def counts(self) -> dict[str, int]:
        return EventStore.counts(self)  # type: ignore[arg-type]

    def require_writable(self) -> None:
        raise StoreError("the server reads the store only")

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None
