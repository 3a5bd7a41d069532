"""Tests for tieline.ingest: the readers and their rejections."""
from __future__ import annotations

import datetime as dt
import gzip
import io
import json
from pathlib import Path

import pytest

from tieline.ingest import input_format, read_paths, read_stream, read_text
from tieline.model import Article, Rejection

from samples import DEV, ENGLISH, SEED, SHARED  # noqa: E402,F401
TITLE = "Xi and Putin meet in Samarkand"


def articles(items: list[Article | Rejection]) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def rejections(items: list[Article | Rejection]) -> list[Rejection]:
    return [item for item in items if isinstance(item, Rejection)]


def only(items: list[Article | Rejection]) -> Article | Rejection:
    assert len(items) == 1, items
    return items[0]


def write(path: Path, data: str | bytes) -> Path:
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


# -- plain text ---------------------------------------------------------------

def test_readers_reads_seed_article() -> None:
    if not SEED.exists():
        pytest.skip("seed article not available")
    article = only(list(read_paths([SEED])))
    assert isinstance(article, Article)
    assert article.id == "russia-china-ties"
    assert article.title == "Russia-China Ties: Xi Jinping Expected To Visit Moscow"
    assert article.text == SEED.read_text(encoding="utf-8")
    assert article.text.startswith(article.title + "\n")
    assert article.published is None
    assert article.origin == str(SEED)


def test_readers_text_title_and_published_argument(tmp_path: Path) -> None:
    path = write(tmp_path / "story.txt", f"{TITLE}\n\n{ENGLISH}\n")
    article = only(list(read_paths([path], published=dt.date(2022, 9, 16))))
    assert isinstance(article, Article)
    assert article.title == TITLE
    assert article.text == f"{TITLE}\n\n{ENGLISH}\n"
    assert article.published == dt.date(2022, 9, 16)


def test_readers_text_without_title_line(tmp_path: Path) -> None:
    path = write(tmp_path / "story.txt", ENGLISH)
    article = only(list(read_paths([path])))
    assert isinstance(article, Article)
    assert article.title is None


def test_readers_text_bom_is_dropped(tmp_path: Path) -> None:
    path = write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + f"{TITLE}\n{ENGLISH}".encode())
    article = only(list(read_paths([path])))
    assert isinstance(article, Article)
    assert article.text.startswith(TITLE)
    assert article.title == TITLE


def test_readers_date_from_filename(tmp_path: Path) -> None:
    path = write(tmp_path / "2022-09-16-xi-putin.txt", f"{TITLE}\n\n{ENGLISH}")
    article = only(list(read_paths([path])))
    assert isinstance(article, Article)
    assert article.published == dt.date(2022, 9, 16)
    assert article.id == "2022-09-16-xi-putin"
    overridden = only(list(read_paths([path], published=dt.date(2023, 1, 2))))
    assert isinstance(overridden, Article)
    assert overridden.published == dt.date(2023, 1, 2)


def test_readers_file_without_extension_is_text(tmp_path: Path) -> None:
    path = write(tmp_path / "STORY", ENGLISH)
    assert isinstance(only(list(read_paths([path]))), Article)


# -- rejections -----------------------------------------------------------------

def test_readers_rejects_missing(tmp_path: Path) -> None:
    rejection = only(list(read_paths([tmp_path / "nope.txt"])))
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "MISSING"
    assert rejection.origin == str(tmp_path / "nope.txt")


@pytest.mark.parametrize("content", ["", "   \n\n\t \n"])
def test_readers_rejects_empty(tmp_path: Path, content: str) -> None:
    rejection = only(list(read_paths([write(tmp_path / "empty.txt", content)])))
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "EMPTY"


@pytest.mark.parametrize("content", [
    b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)) * 4,
    b"hello\x00world " * 20,
    bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15]) * 50 + b"some text",
])
def test_readers_rejects_binary(tmp_path: Path, content: bytes) -> None:
    rejection = only(list(read_paths([write(tmp_path / "blob.txt", content)])))
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "BINARY"


def test_readers_rejects_latin1_with_byte_offset(tmp_path: Path) -> None:
    text = "Le président a dit que " + ENGLISH
    data = text.encode("latin-1")
    path = write(tmp_path / "latin1.txt", data)
    rejection = only(list(read_paths([path])))
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "ENCODING"
    offset = data.index("é".encode("latin-1"))
    assert f"byte offset {offset}" in rejection.detail


def test_readers_rejects_chinese_text(tmp_path: Path) -> None:
    chinese = ("俄罗斯总统普京周四在乌兹别克斯坦撒马尔罕会见了中国国家主席习近平，"
               "这是乌克兰战争开始以来两人首次面对面会晤。双方表示将加强合作。\n") * 3
    rejection = only(list(read_paths([write(tmp_path / "zh.txt", "习近平会见普京\n" + chinese)])))
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "NOT_ENGLISH"


def test_readers_rejects_french_text(tmp_path: Path) -> None:
    french = ("Le président russe Vladimir Poutine a reçu jeudi son homologue chinois Xi Jinping "
              "à Samarcande, en Ouzbékistan, pour leur première rencontre en personne depuis le "
              "début de la guerre en Ukraine. Les deux dirigeants ont affiché leur volonté de "
              "renforcer leurs relations face aux pays occidentaux.")
    rejection = only(list(read_paths([write(tmp_path / "fr.txt", french)])))
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "NOT_ENGLISH"


def test_readers_rejects_too_large_without_reading(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.write((ENGLISH + "\n").encode() * (11_000_000 // len(ENGLISH) + 1))
    assert path.stat().st_size > 11_000_000

    def fail(self: Path) -> bytes:
        raise AssertionError(f"{self} was read")

    monkeypatch.setattr(Path, "read_bytes", fail)
    rejection = only(list(read_paths([path])))
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "TOO_LARGE"


def test_readers_max_bytes_is_configurable(tmp_path: Path) -> None:
    path = write(tmp_path / "story.txt", ENGLISH)
    rejection = only(list(read_paths([path], max_bytes=100)))
    assert isinstance(rejection, Rejection) and rejection.reason == "TOO_LARGE"


@pytest.mark.parametrize("name", ["notes.md", "data.json", "archive.gz", "image.png"])
def test_readers_rejects_unsupported_explicit_file(tmp_path: Path, name: str) -> None:
    rejection = only(list(read_paths([write(tmp_path / name, ENGLISH)])))
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "UNSUPPORTED"


def test_readers_rejection_does_not_stop_iteration(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", ENGLISH)
    items = list(read_paths([tmp_path / "missing.txt", write(tmp_path / "e.txt", ""), good]))
    assert [type(item).__name__ for item in items] == ["Rejection", "Rejection", "Article"]


# -- directories ------------------------------------------------------------------

def test_readers_walks_directories_sorted(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".hidden").mkdir()
    write(tmp_path / "b" / "two.txt", ENGLISH)
    write(tmp_path / "a" / "one.txt", ENGLISH)
    write(tmp_path / "zero.txt", ENGLISH)
    write(tmp_path / ".secret.txt", ENGLISH)
    write(tmp_path / ".hidden" / "inside.txt", ENGLISH)
    write(tmp_path / "readme.md", ENGLISH)
    write(tmp_path / "picture.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    items = list(read_paths([tmp_path]))
    assert all(isinstance(item, Article) for item in items)
    assert [item.id for item in articles(items)] == ["one", "two", "zero"]


# -- JSON Lines ---------------------------------------------------------------------

def test_readers_reads_dev_jsonl() -> None:
    if not DEV.exists():
        pytest.skip("dev set not available")
    records = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines()
               if line.strip()]
    items = list(read_paths([DEV]))
    assert len(items) == len(records) == 21
    assert all(isinstance(item, Article) for item in items)
    for number, (article, record) in enumerate(zip(articles(items), records), 1):
        assert article.id == record["id"]
        assert article.text == record["text"]
        assert article.title == record["title"]
        assert article.published == dt.date.fromisoformat(record["published"])
        assert article.origin == f"{DEV}:line {number}"


def test_readers_jsonl_broken_line_in_middle(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "title": TITLE, "text": f"{TITLE}\n{ENGLISH}"}),
        '{"id": "b", "text": "unterminated',
        "",
        json.dumps({"id": "c", "text": ENGLISH, "published": "2022-09-16T08:30:00Z"}),
    ]
    path = write(tmp_path / "batch.jsonl", "\n".join(lines) + "\n")
    items = list(read_paths([path]))
    assert [type(item).__name__ for item in items] == ["Article", "Rejection", "Article"]
    broken = items[1]
    assert isinstance(broken, Rejection)
    assert broken.reason == "MALFORMED"
    assert broken.detail.startswith("line 2:")
    assert broken.origin == f"{path}:line 2"
    last = items[2]
    assert isinstance(last, Article) and last.published == dt.date(2022, 9, 16)


def test_readers_jsonl_fields(tmp_path: Path) -> None:
    record = {"title": TITLE, "text": ENGLISH, "url": "https://example.com/x",
              "outlet": "Example News", "published": "2022-09-16", "events": [{"root": ["04"]}],
              "extra": 1}
    path = write(tmp_path / "feed.ndjson", json.dumps(record) + "\n")
    article = only(list(read_paths([path])))
    assert isinstance(article, Article)
    assert article.id == "feed-1"  # no id: <file stem>-<line number>
    assert article.text == ENGLISH  # kept exactly, the title is not prepended
    assert article.title == TITLE
    assert (article.url, article.outlet) == ("https://example.com/x", "Example News")


@pytest.mark.parametrize("record, reason", [
    ({"id": "x", "title": TITLE}, "MALFORMED"),
    ({"id": "x", "text": 42}, "MALFORMED"),
    ({"id": "x", "text": "  "}, "EMPTY"),
])
def test_readers_jsonl_bad_records(tmp_path: Path, record: dict[str, object],
                                   reason: str) -> None:
    path = write(tmp_path / "bad.jsonl", json.dumps(record) + "\n[1, 2]\n")
    items = list(read_paths([path]))
    assert [r.reason for r in rejections(items)] == [reason, "MALFORMED"]
    assert items[0].article_id == "x"  # type: ignore[union-attr]


def test_readers_jsonl_html_record_gets_title(tmp_path: Path) -> None:
    page = f"<html><body><article><p>{ENGLISH}</p><p>{ENGLISH}</p></article></body></html>"
    path = write(tmp_path / "pages.jsonl", json.dumps({"id": "p1", "title": TITLE, "html": page}))
    article = only(list(read_paths([path])))
    assert isinstance(article, Article)
    assert article.text.startswith(TITLE + "\n")
    assert "<p>" not in article.text and "Samarkand" in article.text


def test_readers_jsonl_encoding_error_offset(tmp_path: Path) -> None:
    first = json.dumps({"id": "a", "text": ENGLISH}).encode() + b"\n"
    second = b'{"id": "b", "text": "caf\xe9 ' + ENGLISH.encode() + b'"}\n'
    path = write(tmp_path / "mixed.jsonl", first + second)
    items = list(read_paths([path]))
    assert isinstance(items[0], Article)
    bad = items[1]
    assert isinstance(bad, Rejection) and bad.reason == "ENCODING"
    offset = len(first) + second.index(b"\xe9")
    assert f"byte offset {offset}" in bad.detail


# -- HTML -------------------------------------------------------------------------------

PAGE = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{TITLE} | Example News</title>
<meta property="og:title" content="{TITLE}">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2022-09-16T09:00:00Z">
<link rel="canonical" href="https://example.com/world/xi-putin">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>{TITLE}</h1>
<p>{ENGLISH}</p>
<p>Putin thanked Xi for his balanced position on the Ukraine crisis, and the two sides agreed
to deepen economic cooperation, according to the Kremlin.</p>
<table><tr><td>Tableword figures</td><td>1</td></tr></table>
</article>
<div class="comments"><p>Commenter: this is a comment that should not be in the text.</p></div>
<footer>Copyright 2022 Example News</footer>
</body></html>"""


def test_readers_reads_html(tmp_path: Path) -> None:
    path = write(tmp_path / "xi-putin.html", PAGE)
    article = only(list(read_paths([path])))
    assert isinstance(article, Article)
    assert article.id == "xi-putin"
    assert article.title == TITLE
    assert article.text.split("\n")[0] == TITLE
    assert article.text.count(TITLE) == 1
    assert "Samarkand" in article.text and "Kremlin" in article.text
    assert "Tableword" not in article.text
    assert "<" not in article.text
    assert article.published == dt.date(2022, 9, 16)
    assert article.url == "https://example.com/world/xi-putin"
    assert article.outlet == "Example News"


def test_readers_html_declared_charset(tmp_path: Path) -> None:
    page = PAGE.replace('charset="utf-8"', 'charset="iso-8859-1"').replace(
        "economic cooperation", "économic cooperation")
    path = write(tmp_path / "latin.htm", page.encode("iso-8859-1"))
    article = only(list(read_paths([path])))
    assert isinstance(article, Article)
    assert "économic" in article.text


def test_readers_html_without_text_is_empty(tmp_path: Path) -> None:
    path = write(tmp_path / "blank.html", "<html><head><title>x</title></head><body></body></html>")
    rejection = only(list(read_paths([path])))
    assert isinstance(rejection, Rejection) and rejection.reason == "EMPTY"


# -- feeds -------------------------------------------------------------------------------

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>World Wire</title><link>https://wire.example</link>
<item><title>{TITLE}</title><link>https://wire.example/1</link><guid>urn:wire:1</guid>
<pubDate>Fri, 16 Sep 2022 10:00:00 GMT</pubDate>
<description>&lt;p&gt;{ENGLISH}&lt;/p&gt;&lt;p&gt;Second &amp;amp; last paragraph of the story.&lt;/p&gt;</description></item>
<item><title>Turkey shoots down Russian jet</title><link>https://wire.example/2</link>
<description>Turkish F-16 jets shot down a Russian warplane near the Syrian border on Tuesday.</description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title>
<entry><title>{TITLE}</title><id>tag:desk,2022:1</id><updated>2022-09-15T20:00:00Z</updated>
<link href="https://desk.example/1"/>
<content type="html">&lt;div&gt;{ENGLISH}&lt;/div&gt;</content></entry></feed>"""


def test_readers_reads_rss_feed(tmp_path: Path) -> None:
    items = list(read_paths([write(tmp_path / "wire.rss", RSS)]))
    first, second = articles(items)
    assert len(items) == 2
    assert first.id == "urn:wire:1"
    assert first.title == TITLE
    assert first.text.startswith(TITLE + "\n")
    assert "<p>" not in first.text and "Second & last paragraph" in first.text
    assert first.published == dt.date(2022, 9, 16)
    assert first.url == "https://wire.example/1"
    assert first.outlet == "World Wire"
    assert first.origin == f"{tmp_path / 'wire.rss'}:entry 1"
    assert second.id == "https://wire.example/2"
    assert second.published is None


def test_readers_reads_atom_feed(tmp_path: Path) -> None:
    article = only(list(read_paths([write(tmp_path / "desk.atom", ATOM)])))
    assert isinstance(article, Article)
    assert article.id == "tag:desk,2022:1"
    assert article.published == dt.date(2022, 9, 15)
    assert "Samarkand" in article.text and "<div>" not in article.text
    assert article.outlet == "Atom Desk"


@pytest.mark.parametrize("content, reason", [
    ("this is not xml {", "MALFORMED"),
    ('<?xml version="1.0"?><sitemap><url>https://x</url></sitemap>', "MALFORMED"),
    ('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>', "EMPTY"),
])
def test_readers_rejects_bad_feed(tmp_path: Path, content: str, reason: str) -> None:
    rejection = only(list(read_paths([write(tmp_path / "bad.xml", content)])))
    assert isinstance(rejection, Rejection) and rejection.reason == reason


# -- WARC ----------------------------------------------------------------------------------

def make_warc(path: Path, *, gzipped: bool) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzipped)

        def response(url: str, content_type: str, body: bytes, status: str = "200 OK") -> None:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers))

        writer.write_record(writer.create_warc_record(
            "https://example.com/world/xi-putin", "request",
            payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
        response("https://example.com/world/xi-putin", "text/html; charset=utf-8",
                 PAGE.encode())
        response("https://example.com/logo.png", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00")
        response("https://example.com/missing", "text/html", b"<html>Not found</html>",
                 status="404 Not Found")
    return path


@pytest.mark.parametrize("name, gzipped", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_readers_reads_warc(tmp_path: Path, name: str, gzipped: bool) -> None:
    path = make_warc(tmp_path / name, gzipped=gzipped)
    article = only(list(read_paths([path])))
    assert isinstance(article, Article)
    assert article.url == "https://example.com/world/xi-putin"
    assert article.id.startswith("urn:uuid:")
    assert article.text.startswith(TITLE + "\n")
    assert article.origin is not None and article.origin.startswith(str(path))


@pytest.mark.parametrize("content", [
    b"this is not a WARC file at all\r\n\r\n",
    gzip.compress(b"WARC/1.0\r\nbroken header line without colon\r\n\r\n"),
])
def test_readers_rejects_corrupt_warc(tmp_path: Path, content: bytes) -> None:
    rejection = only(list(read_paths([write(tmp_path / "bad.warc.gz", content)])))
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "MALFORMED"


def test_readers_warc_damage_after_good_records(tmp_path: Path) -> None:
    path = make_warc(tmp_path / "crawl.warc", gzipped=False)
    with path.open("ab") as handle:
        handle.write(b"junk that is not a record\r\n\r\n")
    items = list(read_paths([path]))
    assert [type(item).__name__ for item in items] == ["Article", "Rejection"]
    assert items[1].reason == "MALFORMED"  # type: ignore[union-attr]


# -- standard input and strings ---------------------------------------------------------

def test_readers_stdin_text() -> None:
    stream = io.BytesIO(f"{TITLE}\n\n{ENGLISH}".encode())
    article = only(list(read_paths(["-"], stdin=stream)))
    assert isinstance(article, Article)
    assert article.origin == "<stdin>"
    assert article.title == TITLE
    assert article.id.startswith("stdin-")


def test_readers_stdin_jsonl() -> None:
    lines = "\n\n" + "\n".join(json.dumps({"id": f"s{i}", "text": ENGLISH}) for i in range(3))
    items = list(read_stream(io.BytesIO(lines.encode())))
    assert [item.id for item in articles(items)] == ["s0", "s1", "s2"]
    assert items[0].origin == "<stdin>:line 3"  # type: ignore[union-attr]


def test_readers_read_text_string() -> None:
    article = read_text(f"{TITLE}\n{ENGLISH}", url="https://example.com/a")
    assert isinstance(article, Article)
    assert article.title == TITLE
    assert article.text == f"{TITLE}\n{ENGLISH}"
    again = read_text(f"{TITLE}\n{ENGLISH}")
    assert isinstance(again, Article) and again.id == article.id  # stable hash id
    named = read_text(ENGLISH, article_id="mine", published=dt.date(2022, 9, 16))
    assert isinstance(named, Article)
    assert (named.id, named.published, named.title) == ("mine", dt.date(2022, 9, 16), None)


@pytest.mark.parametrize("text, reason", [("", "EMPTY"), ("\x00\x01\x02" * 10, "BINARY"),
                                          ("这是中文新闻。" * 10, "NOT_ENGLISH")])
def test_readers_read_text_rejections(text: str, reason: str) -> None:
    rejection = read_text(text, article_id="x")
    assert isinstance(rejection, Rejection)
    assert (rejection.reason, rejection.article_id) == (reason, "x")


@pytest.mark.parametrize("name, kind", [
    ("a.txt", "text"), ("A.TXT", "text"), ("noext", "text"), ("a.html", "html"),
    ("a.htm", "html"), ("a.jsonl", "jsonl"), ("a.ndjson", "jsonl"), ("a.xml", "feed"),
    ("a.rss", "feed"), ("a.atom", "feed"), ("a.warc", "warc"), ("a.warc.gz", "warc"),
    ("a.json", None), ("a.gz", None), ("a.pdf", None),
])
def test_readers_input_format(name: str, kind: str | None) -> None:
    assert input_format(Path(name)) == kind


def test_readers_html_date_from_markup_not_from_a_copyright_line() -> None:
    from tieline.ingest.html import article_from_html

    body = ("<article><h1>Peru expels envoy</h1><p>Peru expelled the Bolivian ambassador on Tuesday, "
            "the foreign ministry said, after a row over remarks by the Bolivian president.</p>"
            "<p>Bolivia condemned the decision and said it would respond.</p></article>")
    dated = article_from_html(f'<html><head><meta property="article:published_time" content="2021-06-09">'
                              f'</head><body>{body}<footer>© 2024 News</footer></body></html>', origin="a.html")
    assert dated.published == dt.date(2021, 6, 9)
    undated = article_from_html(f"<html><body>{body}<footer>© 2024 News</footer></body></html>", origin="b.html")
    assert undated.published is None  # not 2024-01-01
