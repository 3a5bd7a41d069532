"""Read articles from files, directories and standard input.

:func:`read_paths` dispatches on the file extension:

========================  =============================================
``.txt``, no extension    plain UTF-8 text (first line = title if it looks like one)
``.html``, ``.htm``       an HTML page (main text by trafilatura)
``.jsonl``, ``.ndjson``   JSON Lines, one article per line
``.xml``, ``.rss``,       an RSS or Atom feed, one article per entry
``.atom``
``.warc``, ``.warc.gz``   a web archive, one article per HTML response
``.parquet``              Parquet of articles, one per row (the JSON Lines fields)
========================  =============================================

Every input gives articles or :class:`Rejection` records; a rejection never
stops the iteration.
"""
from __future__ import annotations

import datetime as dt
import io
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from tieline.ingest.common import date_from_filename, file_size_rejection, reject, sniff_binary
from tieline.ingest.feeds import read_feed
from tieline.ingest.html import article_from_html_bytes
from tieline.ingest.jsonl import read_jsonl
from tieline.ingest.parquet import read_parquet
from tieline.ingest.text import article_from_string, article_from_text_bytes
from tieline.ingest.warc import read_warc
from tieline.model import Article, Rejection

logger = logging.getLogger(__name__)

STDIN = "-"
STDIN_ORIGIN = "<stdin>"
DEFAULT_MAX_BYTES = 10_000_000
_CHUNK = 1 << 16

TEXT_EXTENSIONS = frozenset({".txt", ""})
HTML_EXTENSIONS = frozenset({".html", ".htm"})
JSONL_EXTENSIONS = frozenset({".jsonl", ".ndjson"})
FEED_EXTENSIONS = frozenset({".xml", ".rss", ".atom"})
WARC_EXTENSIONS = frozenset({".warc", ".warc.gz"})
PARQUET_EXTENSIONS = frozenset({".parquet"})


def input_format(path: Path) -> str | None:
    """``"text"``, ``"html"``, ``"jsonl"``, ``"feed"``, ``"warc"`` or ``"parquet"``
    for a file name, or ``None`` for an extension tieline does not read."""
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return "warc"
    suffix = path.suffix.lower()
    for kind, extensions in (("text", TEXT_EXTENSIONS), ("html", HTML_EXTENSIONS),
                             ("jsonl", JSONL_EXTENSIONS), ("feed", FEED_EXTENSIONS),
                             ("warc", WARC_EXTENSIONS), ("parquet", PARQUET_EXTENSIONS)):
        if suffix in extensions:
            return kind
    return None


def read_text(text: str, *, article_id: str | None = None, title: str | None = None,
              published: dt.date | None = None, url: str | None = None,
              outlet: str | None = None, origin: str | None = None) -> Article | Rejection:
    """An article from a Python string, kept exactly as given.

    Without ``title`` the first line is taken when it looks like a title;
    without ``article_id`` the id is a stable hash of the text.  Empty,
    binary-looking and non-English texts give a :class:`Rejection`.
    """
    return article_from_string(text, article_id=article_id, title=title, published=published,
                               url=url, outlet=outlet, origin=origin)


def read_paths(paths: Iterable[str | Path], *, published: dt.date | None = None,
               max_bytes: int = DEFAULT_MAX_BYTES,
               stdin: BinaryIO | None = None) -> Iterator[Article | Rejection]:
    """Articles (and rejections) from files, directories and ``-`` (standard
    input, or the binary stream ``stdin`` when given).

    Directories are walked recursively in sorted order, skipping hidden
    files and directories and (silently) files of unknown type.
    ``published``, when given, is the publication date of every article;
    otherwise each format's own date is used (for text files: a
    ``YYYY-MM-DD`` date in the file name).  Files over ``max_bytes`` are
    rejected before they are read (for JSON Lines and WARC the limit applies
    to each line or record instead).
    """
    for item in paths:
        if str(item) == STDIN:
            stream = stdin if stdin is not None else _stdin_bytes()
            yield from read_stream(stream, published=published, max_bytes=max_bytes)
            continue
        path = Path(item)
        if path.is_dir():
            for file in walk(path):
                yield from read_file(file, published=published, max_bytes=max_bytes)
        elif path.exists():
            yield from read_file(path, published=published, max_bytes=max_bytes, explicit=True)
        else:
            detail = "broken symbolic link" if path.is_symlink() else "no such file or directory"
            yield reject("MISSING", detail, str(path), path.stem or None)


def walk(root: Path) -> Iterator[Path]:
    """The readable files under ``root``, recursively, sorted by their path
    relative to ``root``; hidden files and directories are skipped, and so
    are (silently, with a debug log) unknown extensions."""
    found: list[Path] = []
    for directory, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if name.startswith("."):
                continue
            path = Path(directory) / name
            if input_format(path) is None:
                logger.debug("skipping %s: unknown file type", path)
                continue
            found.append(path)
    yield from sorted(found, key=lambda p: p.relative_to(root).parts)


def read_file(path: Path, *, published: dt.date | None = None,
              max_bytes: int = DEFAULT_MAX_BYTES,
              explicit: bool = False) -> Iterator[Article | Rejection]:
    """Articles from one file, by its extension.  ``explicit`` is for a file
    named by the user: an unknown extension is then ``UNSUPPORTED``."""
    source = str(path)
    kind = input_format(path)
    if kind is None:
        if explicit:
            yield reject("UNSUPPORTED", f"unknown file type {path.suffix or path.name!r} (expected "
                         ".txt, .html, .jsonl, .ndjson, .xml, .rss, .atom, .warc, .warc.gz "
                         "or .parquet)",
                         source, path.stem)
        return
    if not path.is_file():
        yield reject("UNSUPPORTED", "not a regular file", source, path.stem)
        return
    try:
        if kind == "warc":
            yield from read_warc(path, source=source, published=published, max_bytes=max_bytes)
        elif kind == "jsonl":
            yield from _read_jsonl_file(path, published=published, max_bytes=max_bytes)
        elif kind == "parquet":
            yield from read_parquet(path, source=source, stem=path.stem, published=published,
                                    max_bytes=max_bytes)
        else:
            yield from _read_whole_file(path, kind, published=published, max_bytes=max_bytes)
    except OSError as exc:
        yield reject("UNREADABLE", f"cannot read: {exc.strerror or exc}", source, path.stem)


def _read_whole_file(path: Path, kind: str, *, published: dt.date | None,
                     max_bytes: int) -> Iterator[Article | Rejection]:
    source = str(path)
    too_large = file_size_rejection(path, max_bytes, source)
    if too_large is not None:
        yield too_large
        return
    data = path.read_bytes()
    if kind == "feed":
        yield from read_feed(data, source=source, published=published)
    elif kind == "html":
        yield article_from_html_bytes(data, origin=source, article_id=path.stem,
                                      published=published,
                                      fallback_published=date_from_filename(path.name))
    else:
        yield article_from_text_bytes(data, article_id=path.stem, origin=source,
                                      published=published or date_from_filename(path.name))


def _read_jsonl_file(path: Path, *, published: dt.date | None,
                     max_bytes: int) -> Iterator[Article | Rejection]:
    source = str(path)
    with path.open("rb") as stream:
        binary = sniff_binary(stream.read(8192))
        if binary:
            yield reject("BINARY", binary, source, path.stem)
            return
        stream.seek(0)
        yield from read_jsonl(stream, source=source, stem=path.stem, published=published,
                              max_bytes=max_bytes)


def _stdin_bytes() -> BinaryIO:
    """The binary standard input (a text-only replacement is re-encoded)."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return buffer
    return io.BytesIO(sys.stdin.read().encode("utf-8"))


def _lines(head: bytes, stream: BinaryIO) -> Iterator[bytes]:
    """The lines of ``head`` followed by the rest of ``stream``."""
    pending = head
    while True:
        *complete, pending = pending.split(b"\n")
        for line in complete:
            yield line + b"\n"
        chunk = stream.read(_CHUNK)
        if not chunk:
            break
        pending += chunk
    if pending:
        yield pending


def read_stream(stream: BinaryIO, *, published: dt.date | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | Rejection]:
    """Articles from a binary stream (standard input): JSON Lines when its
    first non-blank character is ``{``, otherwise one plain-text article."""
    head = b""
    while True:
        chunk = stream.read(_CHUNK)
        head += chunk
        if not chunk or head.lstrip(b"\xef\xbb\xbf \t\r\n"):
            break
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        yield from read_jsonl(_lines(head, stream), source=STDIN_ORIGIN, stem="stdin",
                              published=published, max_bytes=max_bytes)
        return
    data = head + stream.read(max(0, max_bytes + 1 - len(head)))
    if len(data) > max_bytes:
        yield reject("TOO_LARGE", f"more than {max_bytes} bytes on standard input", STDIN_ORIGIN)
        return
    yield article_from_text_bytes(data, article_id=None, origin=STDIN_ORIGIN,
                                  published=published, id_prefix="stdin")
