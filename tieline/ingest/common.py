"""Checks and helpers shared by the readers: byte sniffing, decoding, dates,
ids, HTML fragments, and the final checks that turn a text into an
:class:`Article` or a :class:`Rejection`."""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import unicodedata
from pathlib import Path

from tieline.clean.furniture import is_furniture
from tieline.clean.lines import first_nonblank_line, looks_like_title, normalise_newlines
from tieline.ingest.language import guess_english
from tieline.model import Article, Rejection

logger = logging.getLogger(__name__)

SNIFF_BYTES = 8192
CONTROL_SHARE_LIMIT = 0.30
UTF8_BOM = b"\xef\xbb\xbf"

# Control characters that are normal in text: tab, newline, vertical tab,
# form feed, carriage return.
_TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r")
_FILENAME_DATE = re.compile(r"(?<!\d)(\d{4})[-_.](\d{2})[-_.](\d{2})(?!\d)")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def reject(reason: str, detail: str, origin: str | None, article_id: str | None = None) -> Rejection:
    """Build a :class:`Rejection` and log it at debug level."""
    logger.debug("rejected %s (%s): %s", origin, reason, detail)
    return Rejection(reason=reason, detail=detail, origin=origin, article_id=article_id)


def sniff_binary(data: bytes) -> str | None:
    """A description of why ``data`` looks binary (a NUL byte, or more than 30%
    control bytes in the first 8 KB), or ``None`` when it looks like text."""
    sample = data[:SNIFF_BYTES]
    if not sample:
        return None
    nul = sample.find(b"\x00")
    if nul >= 0:
        return f"NUL byte at offset {nul}"
    controls = sum(1 for b in sample if (b < 0x20 and b not in _TEXT_CONTROLS) or b == 0x7F)
    if controls / len(sample) > CONTROL_SHARE_LIMIT:
        return f"{controls} of the first {len(sample)} bytes are control characters"
    return None


def sniff_binary_text(text: str) -> str | None:
    """:func:`sniff_binary` for an already decoded string."""
    sample = text[:SNIFF_BYTES]
    if not sample:
        return None
    nul = sample.find("\x00")
    if nul >= 0:
        return f"NUL character at offset {nul}"
    controls = sum(
        1 for ch in sample
        if ch not in "\t\n\x0b\x0c\r" and unicodedata.category(ch) == "Cc"
    )
    if controls / len(sample) > CONTROL_SHARE_LIMIT:
        return f"{controls} of the first {len(sample)} characters are control characters"
    return None


def decode_utf8(data: bytes, *, origin: str | None, article_id: str | None = None,
                offset: int = 0) -> str | Rejection:
    """Decode UTF-8 (a leading BOM is dropped).  Invalid bytes give an
    ``ENCODING`` rejection naming the byte offset (``offset`` is added, for
    data that starts inside a larger file)."""
    skip = len(UTF8_BOM) if data.startswith(UTF8_BOM) else 0
    try:
        return data[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        at = offset + skip + exc.start
        bad = data[skip + exc.start: skip + exc.start + 4].hex(" ")
        return reject("ENCODING", f"not valid UTF-8 at byte offset {at} (bytes {bad})",
                      origin, article_id)


def decode_text_bytes(data: bytes, *, origin: str | None, article_id: str | None = None) -> str | Rejection:
    """The text of a file's bytes: ``BINARY`` for binary-looking data, else :func:`decode_utf8`."""
    binary = sniff_binary(data)
    if binary:
        return reject("BINARY", binary, origin, article_id)
    return decode_utf8(data, origin=origin, article_id=article_id)


def stable_id(prefix: str, text: str) -> str:
    """A short id derived from the content, stable across runs."""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"{prefix}-{digest}"


def date_from_filename(name: str) -> dt.date | None:
    """A ``YYYY-MM-DD`` (or ``YYYY_MM_DD``/``YYYY.MM.DD``) date in a file name."""
    for match in _FILENAME_DATE.finditer(name):
        try:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            continue
    return None


def parse_date(value: object) -> dt.date | None:
    """An ISO date or datetime string (or a ``date``/``datetime``) as a date;
    ``None`` for anything else."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    match = _ISO_DATE.match(text)
    if match:
        try:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            return None
    return None


def detect_title(text: str) -> str | None:
    """The first non-blank line of ``text`` when it looks like a title and
    more text follows it."""
    found = first_nonblank_line(text)
    if found is None:
        return None
    index, line = found
    if not looks_like_title(line):
        return None
    rest = normalise_newlines(text).split("\n")[index + 1:]
    if not any(part.strip() for part in rest):
        return None
    if is_furniture(line):
        return None
    return line.strip()


def with_title(title: str | None, body: str) -> str:
    """``title`` as the first line, then ``body`` (without its own copy of the
    title when it already starts with it)."""
    if not title:
        return body
    title = title.strip()
    body = normalise_newlines(body)
    lines = body.split("\n")
    first = first_nonblank_line(body)
    if first is not None and first[1].strip() == title:
        lines = lines[first[0] + 1:]
    while lines and not lines[0].strip():
        lines.pop(0)
    rest = "\n".join(lines)
    return f"{title}\n{rest}" if rest else title


_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote section article tr table pre dd dt figcaption".split()
)


def html_fragment_to_text(markup: str) -> str:
    """Plain text from an HTML fragment (a feed summary): block elements become
    paragraph breaks, entities are decoded, whitespace inside a line is
    collapsed.  Text without tags is only unescaped."""
    import html as html_lib

    if "<" not in markup:
        paragraphs = [" ".join(p.split()) for p in html_lib.unescape(markup).split("\n")]
        return "\n\n".join(p for p in paragraphs if p)
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (lxml.etree.ParserError, ValueError) as exc:
        logger.debug("HTML fragment did not parse (%s); unescaping it instead", exc)
        return " ".join(html_lib.unescape(re.sub(r"<[^>]*>", " ", markup)).split())
    for element in root.iter("script", "style"):
        element.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
            if element.tag.lower() != "br":
                element.text = "\n" + (element.text or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n\n".join(line for line in lines if line)


def finish_article(text: str, *, article_id: str, origin: str | None, title: str | None = None,
                   published: dt.date | None = None, url: str | None = None,
                   outlet: str | None = None) -> Article | Rejection:
    """The checks every reader ends with: ``EMPTY``, ``BINARY`` (for strings)
    and ``NOT_ENGLISH``; otherwise the :class:`Article`."""
    if not text.strip():
        return reject("EMPTY", "no text", origin, article_id)
    binary = sniff_binary_text(text)
    if binary:
        return reject("BINARY", binary, origin, article_id)
    guess = guess_english(text)
    if not guess.is_english:
        return reject("NOT_ENGLISH", guess.detail, origin, article_id)
    return Article(id=article_id, text=text, title=title or None, published=published,
                   url=url or None, outlet=outlet or None, origin=origin)


def file_size_rejection(path: Path, max_bytes: int, origin: str) -> Rejection | None:
    """A ``TOO_LARGE`` rejection when ``path`` is bigger than ``max_bytes``."""
    size = path.stat().st_size
    if size > max_bytes:
        return reject("TOO_LARGE", f"{size} bytes (limit {max_bytes})", origin, path.stem)
    return None
