"""The FastAPI application: the REST API under ``/api/v1`` and the dashboard.

:func:`create_app` builds it over one store.  Each request reads through its
own cursor on a read-only snapshot (:mod:`tieline.serve.snapshot`), so an
ingest into the same store is never blocked.  Endpoints are thin: parse the
query, call one function of :mod:`tieline.serve.views` (which calls the same
library functions as the CLI), return a typed model.  Errors are JSON
``{"message": ..., "suggestions": [...]}``: 404 for an unknown id or actor
(with suggestions), 422 for bad input, 413 for an oversized body, 503 when the
store cannot be read.
"""
from __future__ import annotations

import base64
import datetime as dt
import logging
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, MutableMapping
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from tieline.errors import InputError, ModelError, StoreError, TielineError
from tieline.serve import models as m
from tieline.serve import views
from tieline.serve.snapshot import StoreSnapshot
from tieline.store.database import EventStore

logger = logging.getLogger(__name__)

API = "/api/v1"
MAX_PAGE = 500
MAX_RESULTS = 1000
MAX_EXTRACT_BYTES = 256 * 1024
MAX_DAYS = 20_000
CACHE_ENTRIES = 256
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": m.ErrorResponse} for code in (404, 413, 422, 503)}

Period = Literal["day", "week", "month", "quarter", "year"]
Order = Literal["date", "mentions", "id"]
Text = Annotated[str | None, Query(max_length=200)]
Actor = Annotated[str | None, Query(max_length=40, description="RUS, NATO, RUSGOV: either side")]
Modes = Annotated[str | None, Query(max_length=80, pattern=r"^[a-z, ]*$", description=(
    "a mode, several (asserted,planned) or all; default asserted only"))]
Precision = Literal["any", "exact"] | None
Root = Annotated[str | None, Query(max_length=60, pattern=r"^\s*\d{1,2}(\s*,\s*\d{1,2})*\s*$",
                                   description="CAMEO root(s): 19 or 18,19")]


@dataclass(frozen=True)
class ServeSettings:
    db: Path
    cors_origins: tuple[str, ...] = ()
    max_extract_bytes: int = MAX_EXTRACT_BYTES
    check_every: float = 1.0
    cache_entries: int = CACHE_ENTRIES
    config_path: str | None = None
    threads: int | None = None


class _Pipeline:
    """The extraction pipeline, loaded on first use and run one text at a time."""

    def __init__(self, config_path: str | None) -> None:
        self.config_path = config_path
        self._lock = threading.Lock()
        self._pipeline: Any = None

    def extract(self, request: m.ExtractRequest) -> Any:
        from tieline.api import extract_article, make_article
        from tieline.config import Config
        from tieline.pipeline import Pipeline

        article = make_article(request.text, published=request.published, title=request.title,
                               url=request.url, outlet=request.outlet)
        with self._lock:
            if self._pipeline is None:
                self._pipeline = Pipeline.from_config(Config.load(self.config_path))
            return extract_article(article, pipeline=self._pipeline)


class ResponseCache:
    """Answers to GET requests on one snapshot, most recently used kept.

    A snapshot never changes, so an answer holds until the next snapshot: the
    key includes the snapshot's generation.  ``entries=0`` disables it."""

    def __init__(self, entries: int, max_bytes: int = 1_000_000) -> None:
        self.entries, self.max_bytes = entries, max_bytes
        self._lock = threading.Lock()
        self._items: OrderedDict[tuple[int, str, str], tuple[bytes, str]] = OrderedDict()

    def get(self, key: tuple[int, str, str]) -> tuple[bytes, str] | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: tuple[int, str, str], body: bytes, media_type: str) -> None:
        if not self.entries or len(body) > self.max_bytes:
            return
        with self._lock:
            self._items[key] = (body, media_type)
            self._items.move_to_end(key)
            while len(self._items) > self.entries:
                self._items.popitem(last=False)


def _encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def _decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
        kind, _, value = text.partition(":")
        offset = int(value)
        if kind != "o" or not 0 <= offset <= 10**9:
            raise ValueError(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"bad cursor {cursor!r} (use the next_cursor of a page)") from exc
    return offset


class BodyLimit:
    """ASGI middleware: request bodies over ``limit`` bytes get 413 unread."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: MutableMapping[str, Any], receive: Callable[[], Awaitable[Any]],
                       send: Callable[[Any], Awaitable[None]]) -> None:
        if scope["type"] != "http" or scope.get("method") not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            await self._reject(send)
            return
        seen = 0

        async def counted() -> Any:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise _TooLarge()
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLarge:
            await self._reject(send)

    async def _reject(self, send: Callable[[Any], Awaitable[None]]) -> None:
        response = JSONResponse({"message": f"request body over {self.limit:,} bytes",
                                 "suggestions": []}, status_code=413)
        await response({"type": "http"}, _no_receive, send)


class _TooLarge(Exception):
    pass


async def _no_receive() -> dict[str, Any]:
    return {"type": "http.disconnect"}


SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": ("default-src 'self'; script-src 'self'; "
                                "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
                                "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
                                "form-action 'self'"),
}


def create_app(db: str | Path | None = None, *, cors_origins: tuple[str, ...] = (),
               max_extract_bytes: int = MAX_EXTRACT_BYTES, check_every: float = 1.0,
               config_path: str | None = None, cache_entries: int = CACHE_ENTRIES,
               threads: int | None = None) -> FastAPI:
    """The application over the store ``db`` (``$TIELINE_DB`` or ``./tieline.duckdb``);
    ``cache_entries`` GET answers are kept per snapshot (0: none); ``threads``: DuckDB
    threads per query (None: one per core)."""
    from tieline.store.database import default_db_path

    settings = ServeSettings(Path(db) if db else default_db_path(),
                             cors_origins=tuple(cors_origins),
                             max_extract_bytes=max_extract_bytes, check_every=check_every,
                             cache_entries=cache_entries, config_path=config_path,
                             threads=threads)
    snapshot = StoreSnapshot(settings.db, check_every=check_every, threads=threads)
    pipeline = _Pipeline(config_path)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        snapshot.close()

    app = FastAPI(title="tieline", version=_version(), docs_url=None, lifespan=lifespan,
                  redoc_url=None, openapi_url="/openapi.json",
                  description="Coded political event data (CAMEO) from a tieline store, "
                              "read-only.")
    app.state.settings, app.state.snapshot = settings, snapshot

    @contextmanager
    def reading() -> Iterator[EventStore]:
        store = snapshot.cursor()
        try:
            yield store
        finally:
            store.close()

    _errors(app)
    _middleware(app, settings, snapshot)

    # -- events ------------------------------------------------------------------------
    @app.get(f"{API}/events", response_model=m.EventPage, responses=ERRORS, tags=["events"])
    def list_events(actor: Actor = None,
                    a: Annotated[str | None, Query(max_length=40,
                                                   description="with b: events between a and b, "
                                                               "either direction")] = None,
                    b: Annotated[str | None, Query(max_length=40)] = None,
                    root: Root = None, mode: Modes = None,
                    since: dt.date | None = None, until: dt.date | None = None,
                    text: Text = None, precision: Precision = None,
                    order: Order = "date",
                    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
                    cursor: Annotated[str | None, Query(max_length=64)] = None) -> Response:
        """The filters of `tieline events` (asserted events only unless `mode` says
        otherwise); one page, the total and the next page's cursor."""
        from tieline.store.api import find_events

        offset = _decode_cursor(cursor)
        if (a is None) != (b is None):
            raise InputError("a and b go together (events between a and b)")
        with reading() as store:
            page = find_events(store, actor=actor, between=(a, b) if a and b else None,
                               root=root, modes=mode, since=since, until=until, text=text,
                               precision=precision, limit=limit, offset=offset, order=order)
        more = offset + len(page.events) < page.total
        return typed(m.EventPage(
            total=page.total, offset=offset, limit=limit,
            events=[m.StoredEvent.model_validate(e) for e in page.events],
            next_cursor=_encode_cursor(offset + len(page.events)) if more else None))

    @app.get(f"{API}/events/{{event_id}}", response_model=m.EventEvidence, responses=ERRORS,
             tags=["events"])
    def one_event(event_id: Annotated[int, PathParam(ge=0, le=2**62)]) -> Response:
        """One happening with every mention: article, outlet, date, sentence, spans, mode
        (the evidence `tieline show` prints)."""
        from tieline.store.api import show_event

        with reading() as store:
            return typed(m.EventEvidence.model_validate(show_event(store, event_id)))

    @app.get(f"{API}/relations", response_model=m.RelationSeries, responses=ERRORS,
             tags=["relations"])
    def relations(a: Annotated[str, Query(min_length=1, max_length=40)],
                  b: Annotated[str, Query(min_length=1, max_length=40)],
                  by: Period = "month", since: dt.date | None = None,
                  until: dt.date | None = None, mode: Modes = None,
                  precision: Precision = None,
                  top: Annotated[int, Query(ge=0, le=20)] = 3) -> Response:
        """The series of `tieline relations A B`, per period and direction (asserted
        events only unless `mode` says otherwise)."""
        from tieline.relations import relation_series

        if since and until and since > until:
            raise InputError("since is after until")
        if (since and until and by == "day" and (until - since).days > MAX_DAYS):
            raise InputError(f"at most {MAX_DAYS:,} days by day; narrow since/until")
        with reading() as store:
            series = relation_series(store, a, b, by=by, since=since, until=until, top=top,
                                     modes=mode, precision=precision)
        return typed(m.RelationSeries.model_validate(series))  # attributes: no asdict copy

    @app.get(f"{API}/network", response_model=m.Network, responses=ERRORS, tags=["relations"])
    def network(since: dt.date | None = None, until: dt.date | None = None, root: Root = None,
                mode: Modes = None,
                limit: Annotated[int, Query(ge=1, le=MAX_RESULTS)] = 200) -> Response:
        """Country-pair edges: happenings, mentions, quad classes, mean Goldstein."""
        from tieline.relations.network import network as country_network

        with reading() as store:
            found = country_network(store, since=since, until=until, root=root, modes=mode,
                                    limit=limit)
        names = views.country_names()
        return typed(m.Network(
            nodes=[m.Node(country=n.country, name=names.get(n.country), events=n.events)
                   for n in found.nodes],
            edges=[m.Edge.model_validate(e) for e in found.edges],
            total_edges=found.total_edges))

    @app.get(f"{API}/places", response_model=m.Places, responses=ERRORS, tags=["relations"])
    def places(since: dt.date | None = None, until: dt.date | None = None, root: Root = None,
               mode: Modes = None,
               limit: Annotated[int, Query(ge=1, le=MAX_RESULTS)] = 500) -> Response:
        """Located happenings grouped by place, with each place's most reported events."""
        from tieline.relations.network import places as located

        with reading() as store:
            found = located(store, since=since, until=until, root=root, modes=mode, limit=limit)
        return typed(m.Places(places=[m.Place.model_validate(p) for p in found]))

    @app.get(f"{API}/actors", response_model=m.Actors, responses=ERRORS, tags=["reference"])
    def actors(q: Text = None,
               limit: Annotated[int, Query(ge=1, le=MAX_RESULTS)] = 50) -> Response:
        """Actor codes by code or name (`tieline codes --actors`): countries,
        organisations and roles, with stored happenings per country or organisation."""
        from tieline.store.api import actor_codes

        found = actor_codes(q)
        with reading() as store:
            counts = views.actor_counts(store)
        ranked = sorted(found, key=lambda x: (-counts.get(x.code, 0), x.kind != "country",
                                              x.code))
        return typed(m.Actors(total=len(found), actors=[
            m.ActorCode(code=x.code, name=x.name, kind=x.kind, cameo=x.cameo,
                        events=None if x.kind == "role" else counts.get(x.code, 0))
            for x in ranked[:limit]]))

    @app.get(f"{API}/codes", response_model=m.Codes, responses=ERRORS, tags=["reference"])
    def codes(q: Text = None,
              limit: Annotated[int, Query(ge=1, le=MAX_RESULTS)] = MAX_RESULTS) -> Response:
        """The CAMEO codebook (`tieline codes`): quad class, Goldstein value, PLOVER type."""
        from tieline.store.api import codebook

        found = codebook(q)
        return typed(m.Codes(total=len(found),
                             codes=[m.CodebookEntry.model_validate(c) for c in found[:limit]]))

    @app.get(f"{API}/articles/{{article_id}}", response_model=m.ArticleView, responses=ERRORS,
             tags=["events"])
    def article(article_id: Annotated[str, PathParam(min_length=1, max_length=500)]) -> Response:
        """An article with each coded event's evidence span."""
        with reading() as store:
            found = views.article_view(store, article_id)
        return typed(m.ArticleView.model_validate(found))

    @app.get(f"{API}/stats", response_model=m.Stats, responses=ERRORS, tags=["reference"])
    def stats() -> Response:
        """Counts of articles, events, mentions and rejections; date range; store version."""
        with reading() as store:
            return typed(m.Stats.model_validate(views.stats(store)))

    @app.post(f"{API}/extract", response_model=m.ExtractResponse, responses=ERRORS,
              tags=["extract"])
    def extract(body: m.ExtractRequest) -> Response:
        """Code a text (with its date, outlet, URL) without touching the store."""
        document = pipeline.extract(body)
        rejection = None
        if document.rejection is not None:
            rejection = m.ErrorResponse(message=f"{document.rejection.reason}: "
                                                f"{document.rejection.detail}")
        return typed(m.ExtractResponse(
            text=document.article.text, rejection=rejection,
            events=[m.ExtractedEvent.model_validate(views.extracted_event(e))
                    for e in document.events]))

    _dashboard(app)
    return app


def typed(model: Any) -> Response:
    """A validated response model as JSON (serialised once; FastAPI would validate it again)."""
    return Response(model.model_dump_json(), media_type="application/json")


def _version() -> str:
    from tieline import __version__

    return __version__


def _message(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(x) for x in error.get("loc", ()) if x not in ("query", "path", "body"))
        parts.append(f"{where or 'request'}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def _errors(app: FastAPI) -> None:
    def reply(status: int, message: str, suggestions: tuple[str, ...] = ()) -> JSONResponse:
        return JSONResponse({"message": message, "suggestions": list(suggestions)},
                            status_code=status, headers=SECURITY_HEADERS)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return reply(422, _message(exc))

    from tieline.store.api import UnknownActor, UnknownEvent

    @app.exception_handler(UnknownActor)
    async def unknown_actor(request: Request, exc: UnknownActor) -> JSONResponse:
        return reply(404, str(exc), exc.suggestions)

    @app.exception_handler(UnknownEvent)
    async def unknown_event(request: Request, exc: UnknownEvent) -> JSONResponse:
        return reply(404, str(exc))

    @app.exception_handler(views.NotFound)
    async def not_found(request: Request, exc: views.NotFound) -> JSONResponse:
        return reply(404, str(exc))

    @app.exception_handler(InputError)
    async def bad_input(request: Request, exc: InputError) -> JSONResponse:
        return reply(422, str(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> JSONResponse:
        return reply(503, str(exc))

    @app.exception_handler(ModelError)
    async def model_error(request: Request, exc: ModelError) -> JSONResponse:
        return reply(503, str(exc))

    @app.exception_handler(TielineError)
    async def other(request: Request, exc: TielineError) -> JSONResponse:
        return reply(422, str(exc))

    from starlette.exceptions import HTTPException

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        return reply(exc.status_code, str(exc.detail))


def _middleware(app: FastAPI, settings: ServeSettings, snapshot: StoreSnapshot) -> None:
    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                           allow_methods=["GET", "POST"], allow_headers=["Content-Type"])
    app.add_middleware(BodyLimit, limit=settings.max_extract_bytes)
    cache = ResponseCache(settings.cache_entries)

    @app.middleware("http")
    async def cached(request: Request, call_next: Any) -> Any:
        if not cache.entries or request.method != "GET" or \
                not request.url.path.startswith(API + "/"):
            return await call_next(request)
        key = (snapshot.generation(), request.url.path, str(request.query_params))
        found = cache.get(key)
        if found is not None:
            return Response(found[0], media_type=found[1], headers={"X-Cache": "hit"})
        response = await call_next(request)
        if response.status_code != 200:
            return response
        body = b"".join([chunk async for chunk in response.body_iterator])
        media_type = response.headers.get("content-type", "application/json")
        cache.put(key, body, media_type)
        return Response(body, status_code=200, media_type=media_type,
                        headers={"X-Cache": "miss"})

    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Any:
        response = await call_next(request)
        for key, value in SECURITY_HEADERS.items():
            if key == "Content-Security-Policy" and request.url.path == "/docs":
                continue  # Swagger UI's page needs its own inline script
            response.headers.setdefault(key, value)
        return response


def static_dir() -> Path:
    return Path(str(resources.files("tieline.serve").joinpath("static")))


def _dashboard(app: FastAPI) -> None:
    static = static_dir()
    app.mount("/static", StaticFiles(directory=static), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(static / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> Any:
        from fastapi.openapi.docs import get_swagger_ui_html

        return get_swagger_ui_html(openapi_url="/openapi.json", title="tieline API",
                                   swagger_js_url="/static/vendor/swagger-ui-bundle.js",
                                   swagger_css_url="/static/vendor/swagger-ui.css",
                                   swagger_favicon_url="/static/favicon.svg",
                                   swagger_ui_parameters={"validatorUrl": None})
