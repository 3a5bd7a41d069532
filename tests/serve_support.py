"""A fixture store and a real ``tieline serve`` process for the serve tests."""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from store_factory import doc, event
from tieline.model import Location

D = dt.date(2024, 5, 14)
DAY = dt.timedelta(days=1)
SCRIPT = "<script>alert('x')</script>"


def located(e: Any, name: str, country: str, lat: float, lon: float) -> Any:
    from dataclasses import replace

    return replace(e, location=Location(name, country, lat, lon))


def fixture_docs() -> list[Any]:
    """Russia, Ukraine, China, the US and NATO over three months, with places,
    several modes, one happening reported twice and an article with markup in it."""
    return [
        doc("a", [located(event("a", "RUS", "UKR", "190", date=D, goldstein=-10,
                                sentence="Russian forces shelled Kharkiv on Tuesday.",
                                source_role="MIL"), "Kharkiv", "UKR", 49.99, 36.23),
                  event("a", "UKR", "RUS", "112", date=D, goldstein=-2, index=1,
                        sentence="Ukraine accused Moscow of war crimes."),
                  event("a", "RUS", "CHN", "057", date=D - 40 * DAY, goldstein=8, index=2,
                        sentence="Russia and China signed a trade agreement.")],
            title="Shelling in Kharkiv", outlet="one", url="https://one.example/a"),
        doc("b", [located(event("b", "RUS", "UKR", "190", date=D, goldstein=-10,
                                sentence="Russian troops shelled Kharkiv."),
                          "Kharkiv", "UKR", 49.99, 36.23),
                  event("b", "USA", "RUS", "172", date=D + 20 * DAY, goldstein=-5,
                        mode="planned", sentence="Washington will impose new sanctions on Russia."),
                  event("b", "NATO", "RUS", "010", date=D + 5 * DAY, goldstein=0, index=4),
                  located(event("b", "CHN", "RUS", "036", date=D + 30 * DAY, goldstein=4,
                                index=5, sentence="China offered to host talks in Beijing."),
                          "Beijing", "CHN", 39.9, 116.4)],
            title="Sanctions planned", outlet="two", url="https://two.example/b",
            published=D + 2 * DAY),
        with_text(doc("c", [event("c", "UKR", "USA", "043", date=D - 10 * DAY, goldstein=2.8,
                                  sentence=f"Ukraine's president visited Washington {SCRIPT}."),
                            event("c", "RUS", "UKR", "111", date=D - 60 * DAY, goldstein=-2,
                                  index=1, mode="negated",
                                  sentence="Russia did not criticise Ukraine.")],
                      title=f"Visit {SCRIPT}", outlet="three", published=D - 9 * DAY)),
    ]


def with_text(document: Any) -> Any:
    """The document with a cleaned text made of its title and its events' sentences
    (a paragraph between them), each event's span pointing at its sentence."""
    from dataclasses import replace

    parts, events, position = [document.article.title or "", "\n\n"], [], 0
    position = len("".join(parts))
    for e in document.events:
        events.append(replace(e, span=(position, position + len(e.sentence))))
        parts.append(e.sentence + " Something else happened too.\n\n")
        position += len(parts[-1])
    text = "".join(parts).rstrip()
    return replace(document, article=replace(document.article, text=text), events=tuple(events))


def build_store(path: Path, docs: list[Any] | None = None) -> Path:
    from tieline.store import EventStore, ingest_documents

    with EventStore(path) as store:
        ingest_documents(store, docs if docs is not None else fixture_docs())
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(base: str, path: str, *, data: Any = None, raw: bytes | None = None,
        headers: dict[str, str] | None = None) -> tuple[int, Any]:
    """(status, parsed JSON body) of one request."""
    body = raw if raw is not None else (json.dumps(data).encode() if data is not None else None)
    request = urllib.request.Request(base + path, data=body, headers={
        "Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as exc:
        text = exc.read()
        try:
            return exc.code, json.loads(text)
        except ValueError:
            return exc.code, text.decode("utf-8", "replace")


@contextlib.contextmanager
def running_server(db: Path, *extra: str, timeout: float = 60.0) -> Iterator[str]:
    """``tieline serve --db DB`` on a free loopback port; yields its base URL."""
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "tieline", "serve", "--db", str(db),
                             "--port", str(port), *extra], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"serve exited: {proc.stdout.read().decode()}")  # type: ignore[union-attr]
            try:
                if get(base, "/api/v1/stats")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("serve did not start")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
