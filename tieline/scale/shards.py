"""Splitting the input into partitions, and reading one partition back.

The driver (the process that runs ``tieline ingest --engine dask``) lists the
inputs the way :func:`tieline.ingest.readers.read_paths` would -- directories
walked in the same sorted order, the same rejections for missing paths -- and
cuts them into *units*: a whole file, or a range of lines of a JSON Lines
file (cut at line boundaries, with its first line number and byte offset, so
ids and rejection details are the same as when the whole file is read).
Consecutive units are grouped into partitions of about equal size in bytes.

A partition's name carries a digest of what it covers (paths, sizes,
modification times, byte ranges) and of the settings that change the output,
so a re-run over the same input finds the partitions it already wrote and a
changed input gets new ones.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import os
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from tieline.errors import InputError
from tieline.model import Article, Rejection

FORMAT_VERSION = 1  # bump when the partition file layout changes
BYTES_PER_PARTITION = 1 << 20  # the default: one partition per MiB of input ...
MIN_PARTITIONS = 8  # ... and at least this many (when the input can be split that far)


@dataclass(frozen=True)
class Unit:
    """A piece of input read by one call: ``file`` (a whole file, as
    :func:`~tieline.ingest.readers.read_file` reads it), ``lines`` (bytes
    ``[start, stop)`` of a JSON Lines file), ``rowgroups`` (row groups
    ``[start, stop)`` of a Parquet file, ``nbytes`` long) or ``path`` (a path
    that is not a file: read by :func:`~tieline.ingest.readers.read_paths`,
    which rejects it)."""

    path: str  # absolute: a worker's working directory is not the driver's
    kind: str
    explicit: bool = False
    start: int = 0
    stop: int = 0
    first_line: int = 1
    stamp: str = ""  # "size:mtime_ns" of the file when planned
    shown: str = ""  # the path as the user named it (origins and ids say this, as locally)
    nbytes: int = -1  # for row groups: their compressed size

    @property
    def size(self) -> int:
        return self.nbytes if self.nbytes >= 0 else max(self.stop - self.start, 0)


@dataclass(frozen=True)
class Partition:
    """Consecutive units, extracted by one task into one file."""

    index: int
    units: tuple[Unit, ...]
    key: str

    @property
    def name(self) -> str:
        return f"part-{self.index:05d}-{self.key}.parquet"

    @property
    def size(self) -> int:
        return sum(u.size for u in self.units)


def _stamp(path: Path) -> tuple[int, str]:
    st = path.stat()
    return st.st_size, f"{st.st_size}:{st.st_mtime_ns}"


def _units(paths: Sequence[str | os.PathLike[str]]) -> list[Unit]:
    """Whole-file units in the order ``read_paths`` reads them."""
    from tieline.ingest.readers import STDIN, input_format, walk

    units: list[Unit] = []
    for item in paths:
        if str(item) == STDIN:
            raise InputError("standard input cannot be split across a cluster; "
                             "save it to a file and name the file")
        path = Path(item)
        files: list[tuple[Path, bool]]
        if path.is_dir():
            files = [(f, False) for f in walk(path)]
        elif path.is_file() and input_format(path) is not None:
            files = [(path, True)]
        else:  # missing, a broken link, a special file or an unknown type: read_paths rejects it
            units.append(Unit(_absolute(path), "path", explicit=True, shown=str(path)))
            continue
        for file, explicit in files:
            try:
                size, stamp = _stamp(file)
            except OSError:
                units.append(Unit(_absolute(file), "file", explicit=explicit, shown=str(file)))
                continue
            units.append(Unit(_absolute(file), "file", explicit=explicit, stop=size, stamp=stamp,
                              shown=str(file)))
    return units


def _absolute(path: Path) -> str:
    return str(path if path.is_absolute() else Path.cwd() / path)


def _is_splittable(unit: Unit, max_bytes: int) -> bool:
    from tieline.ingest.common import sniff_binary
    from tieline.ingest.readers import input_format

    if unit.kind != "file" or unit.size == 0 or input_format(Path(unit.path)) != "jsonl":
        return False
    try:
        with open(unit.path, "rb") as fh:
            return sniff_binary(fh.read(8192)) is None
    except OSError:
        return False


def _line_cuts(unit: Unit, first_room: int, target: int) -> list[Unit]:
    """Cut a JSON Lines file into line ranges: the first about ``first_room``
    bytes long (to fill the partition in progress), the rest about ``target``."""
    pieces: list[Unit] = []
    start, first_line, lineno, pos = 0, 1, 1, 0
    room = max(first_room, 1)
    with open(unit.path, "rb") as fh:
        for raw in fh:
            pos += len(raw)
            lineno += 1
            if pos - start >= room:
                pieces.append(Unit(unit.path, "lines", unit.explicit, start, pos, first_line,
                                   unit.stamp, unit.shown))
                start, first_line, room = pos, lineno, target
    if pos > start or not pieces:
        pieces.append(Unit(unit.path, "lines", unit.explicit, start, pos, first_line, unit.stamp,
                           unit.shown))
    return pieces


def _is_parquet(unit: Unit) -> bool:
    from tieline.ingest.readers import input_format

    return unit.kind == "file" and input_format(Path(unit.path)) == "parquet"


def _group_cuts(unit: Unit, first_room: int, target: int) -> list[Unit]:
    """Cut a Parquet file at row-group boundaries, like :func:`_line_cuts`."""
    from tieline.ingest.parquet import row_group_sizes

    groups = row_group_sizes(Path(unit.path))
    if len(groups) < 2:
        return [unit]  # nothing to cut (or not Parquet: the reader rejects it)
    pieces: list[Unit] = []
    start, size, room = 0, 0, max(first_room, 1)
    for index, (_, nbytes) in enumerate(groups):
        size += nbytes
        if size >= room:
            pieces.append(Unit(unit.path, "rowgroups", unit.explicit, start, index + 1,
                               stamp=unit.stamp, shown=unit.shown, nbytes=size))
            start, size, room = index + 1, 0, target
    if start < len(groups):
        pieces.append(Unit(unit.path, "rowgroups", unit.explicit, start, len(groups),
                           stamp=unit.stamp, shown=unit.shown, nbytes=size))
    return pieces


def default_partitions(total_bytes: int) -> int:
    return max(MIN_PARTITIONS, math.ceil(total_bytes / BYTES_PER_PARTITION))


def plan_partitions(paths: Sequence[str | os.PathLike[str]], *, partitions: int | None = None,
                    fingerprint: str = "", max_bytes: int = 10_000_000) -> tuple[Partition, ...]:
    """The input cut into about ``partitions`` partitions of similar size
    (default: one per MiB of input, at least 8); never more than the input
    has files and JSON Lines lines."""
    if partitions is not None and partitions < 1:
        raise InputError("--partitions must be at least 1")
    units = _units(paths)
    if not units:
        raise InputError("no input files found")
    total = sum(u.size for u in units)
    n = partitions or default_partitions(total)
    target = max(math.ceil(total / n), 1)
    groups: list[list[Unit]] = [[]]
    filled = 0
    for unit in units:
        pieces = [unit]
        if unit.size > target - filled and _is_splittable(unit, max_bytes):
            pieces = _line_cuts(unit, target - filled, target)
        elif unit.size > target - filled and _is_parquet(unit):
            pieces = _group_cuts(unit, target - filled, target)
        for piece in pieces:
            if filled >= target and piece.size > 0:  # the partition is full: start the next
                groups.append([])
                filled = 0
            groups[-1].append(piece)
            filled += piece.size
    groups = [g for g in groups if g]
    return tuple(Partition(i, tuple(g), _key(g, fingerprint)) for i, g in enumerate(groups))


def _key(units: list[Unit], fingerprint: str) -> str:
    digest = hashlib.sha256(f"v{FORMAT_VERSION}|{fingerprint}".encode())
    for unit in units:
        digest.update(json.dumps(asdict(unit), sort_keys=True).encode())
    return digest.hexdigest()[:16]


def read_unit(unit: Unit, *, published: dt.date | None = None,
              max_bytes: int = 10_000_000) -> Iterator[Article | Rejection]:
    """The articles and rejections of one unit, exactly as a local read of the
    path as the user named it gives them."""
    for item in _read(unit, published=published, max_bytes=max_bytes):
        yield _relabel(item, unit.path, unit.shown) if unit.shown and unit.shown != unit.path \
            else item


def _read(unit: Unit, *, published: dt.date | None,
          max_bytes: int) -> Iterator[Article | Rejection]:
    from tieline.ingest.readers import read_file, read_paths

    if unit.kind == "path":
        yield from read_paths([unit.path], published=published, max_bytes=max_bytes)
    elif unit.kind == "rowgroups":
        from tieline.ingest.parquet import read_parquet

        path = Path(unit.path)
        yield from read_parquet(path, source=str(path), stem=path.stem, published=published,
                                max_bytes=max_bytes, row_groups=(unit.start, unit.stop))
    elif unit.kind == "file":
        yield from read_file(Path(unit.path), published=published, max_bytes=max_bytes,
                             explicit=unit.explicit)
    else:
        yield from _read_lines(unit, published=published, max_bytes=max_bytes)


def _relabel(item: Article | Rejection, path: str, shown: str) -> Article | Rejection:
    """Origins (and ids made of them) as a read of ``shown`` names them."""
    def swap(value: str | None) -> str | None:
        return shown + value[len(path):] if value and value.startswith(path) else value

    if isinstance(item, Article):
        return replace(item, id=swap(item.id) or item.id, origin=swap(item.origin))
    return replace(item, origin=swap(item.origin), article_id=swap(item.article_id),
                   detail=item.detail.replace(path, shown))


def _read_lines(unit: Unit, *, published: dt.date | None,
                max_bytes: int) -> Iterator[Article | Rejection]:
    from tieline.ingest.common import reject
    from tieline.ingest.jsonl import read_jsonl

    path = Path(unit.path)

    def lines(fh: object) -> Iterator[bytes]:
        pos = unit.start
        while pos < unit.stop:
            raw = fh.readline()  # type: ignore[attr-defined]
            if not raw:
                return
            pos += len(raw)
            yield raw

    try:
        with path.open("rb") as fh:
            fh.seek(unit.start)
            yield from read_jsonl(lines(fh), source=str(path), stem=path.stem,
                                  published=published, max_bytes=max_bytes,
                                  first_line=unit.first_line, first_offset=unit.start)
    except OSError as exc:
        yield reject("UNREADABLE", f"cannot read: {exc.strerror or exc}", str(path), path.stem)
