"""Named schema migrations for the event store.

Each migration is a ``(name, sql)`` pair applied at most once, inside its own
transaction, and recorded in the ``_migrations`` table (the sqlite-utils /
datasette pattern).  Never edit a migration that has shipped: append a new one.

Tables (see ``docs`` in :mod:`tieline.store`):

``articles``
    one row per stored article (the latest version of it): identity
    (``article_id``, ``url``), metadata, ``content_hash`` (sha256 of the
    normalised title + cleaned text) and ``input_hash`` (the same over the
    article as read, used to skip known inputs before extraction) and
    ``text``, the cleaned text every span points into (NULL for articles
    stored before migration 0004).
``mentions``
    one row per coded event in an article: the full evidence (sentence,
    span, trigger, actors, CAMEO code, mode, date, place, attribution) and
    ``event_id``, the happening it was clustered into.
``events``
    one row per happening: a summary recomputed from its mentions
    (representative mention, anchor date, place, ``num_mentions``,
    ``num_articles``, ``num_sources``, first/last seen).
``article_versions``
    every version (id, URL, content hash) ever stored, so that re-reading a
    superseded version is recognised as a replay and skipped.
``rejections``
    inputs that were skipped and why.
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from tieline.errors import StoreError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Migration:
    name: str
    sql: str


_ACTOR_COLUMNS = """
    {p}_text     VARCHAR,
    {p}_name     VARCHAR,
    {p}_country  VARCHAR,
    {p}_org      VARCHAR,
    {p}_role     VARCHAR,
    {p}_code     VARCHAR,
    {p}_key      VARCHAR,"""

_INITIAL = f"""
CREATE TABLE articles (
    article_id    VARCHAR NOT NULL,
    url           VARCHAR,
    outlet        VARCHAR,
    title         VARCHAR,
    published     DATE,
    origin        VARCHAR,
    content_hash  VARCHAR NOT NULL,
    input_hash    VARCHAR,
    n_chars       INTEGER NOT NULL,
    n_events      INTEGER NOT NULL,
    ingested_at   TIMESTAMP NOT NULL
);

CREATE TABLE mentions (
    mention_id       BIGINT NOT NULL,
    event_id         BIGINT NOT NULL,
    article_id       VARCHAR NOT NULL,
    outlet           VARCHAR,
    url              VARCHAR,
    published        DATE,
    sentence_index   INTEGER NOT NULL,
    span_start       INTEGER NOT NULL,
    span_end         INTEGER NOT NULL,
    sentence         VARCHAR NOT NULL,
    trigger          VARCHAR,
{_ACTOR_COLUMNS.format(p="source")}
{_ACTOR_COLUMNS.format(p="target")}
    cluster_key      VARCHAR NOT NULL,
    cameo            VARCHAR NOT NULL,
    root             VARCHAR NOT NULL,
    quad_class       TINYINT NOT NULL,
    goldstein        DOUBLE NOT NULL,
    plover           VARCHAR,
    mode             VARCHAR NOT NULL,
    event_date       DATE,
    date_precision   VARCHAR,
    date_text        VARCHAR,
    eff_date         DATE,
    eff_rank         TINYINT NOT NULL,
    location_name    VARCHAR,
    location_country VARCHAR,
    location_lat     DOUBLE,
    location_lon     DOUBLE,
    attributed_to    VARCHAR,
    quote            VARCHAR,
    confidence       DOUBLE NOT NULL,
    added_at         TIMESTAMP NOT NULL
);

CREATE TABLE events (
    event_id           BIGINT NOT NULL,
    cluster_key        VARCHAR NOT NULL,
    event_date         DATE,
    date_precision     VARCHAR,
    anchor_rank        TINYINT NOT NULL,
    anchor_mention_id  BIGINT NOT NULL,
    date_lo            DATE,
    date_hi            DATE,
    source_key         VARCHAR,
    source_code        VARCHAR,
    source_name        VARCHAR,
    source_country     VARCHAR,
    source_org         VARCHAR,
    source_role        VARCHAR,
    target_key         VARCHAR,
    target_code        VARCHAR,
    target_name        VARCHAR,
    target_country     VARCHAR,
    target_org         VARCHAR,
    target_role        VARCHAR,
    cameo              VARCHAR NOT NULL,
    root               VARCHAR NOT NULL,
    quad_class         TINYINT NOT NULL,
    goldstein          DOUBLE NOT NULL,
    plover             VARCHAR,
    mode               VARCHAR NOT NULL,
    location_name      VARCHAR,
    location_country   VARCHAR,
    location_lat       DOUBLE,
    location_lon       DOUBLE,
    num_mentions       INTEGER NOT NULL,
    num_articles       INTEGER NOT NULL,
    num_sources        INTEGER NOT NULL,
    first_seen         DATE,
    last_seen          DATE,
    added_at           TIMESTAMP NOT NULL,
    rep_mention_id     BIGINT NOT NULL,
    rep_article_id     VARCHAR NOT NULL,
    url                VARCHAR,
    sentence           VARCHAR NOT NULL,
    min_sentence_index INTEGER NOT NULL,
    confidence         DOUBLE NOT NULL
);

CREATE TABLE article_versions (
    article_id    VARCHAR NOT NULL,
    url           VARCHAR,
    content_hash  VARCHAR NOT NULL,
    input_hash    VARCHAR,
    seen_at       TIMESTAMP NOT NULL
);

CREATE TABLE rejections (
    article_id   VARCHAR,
    origin       VARCHAR,
    reason       VARCHAR NOT NULL,
    detail       VARCHAR,
    input_hash   VARCHAR,
    rejected_at  TIMESTAMP NOT NULL
);
"""

# Events carry whether direction matters (``symmetric``: actors in text order),
# whether the target was implied (``inferred``) and the trigger's character span.
_EVENT_FLAGS = """
ALTER TABLE mentions ADD COLUMN "symmetric" BOOLEAN DEFAULT false;
ALTER TABLE mentions ADD COLUMN inferred BOOLEAN DEFAULT false;
ALTER TABLE mentions ADD COLUMN trigger_start INTEGER;
ALTER TABLE mentions ADD COLUMN trigger_end INTEGER;
ALTER TABLE events ADD COLUMN "symmetric" BOOLEAN DEFAULT false;
ALTER TABLE events ADD COLUMN inferred BOOLEAN DEFAULT false;
"""

# Places resolved with a gazetteer: GeoNames admin1 code, feature type
# (country | admin1 | city | place) and GeoNames id (GDELT's ADM1Code, Geo_Type
# and FeatureID).
_PLACE_DETAIL = """
ALTER TABLE mentions ADD COLUMN location_admin1 VARCHAR;
ALTER TABLE mentions ADD COLUMN location_feature VARCHAR;
ALTER TABLE mentions ADD COLUMN location_geonames_id BIGINT;
ALTER TABLE events ADD COLUMN location_admin1 VARCHAR;
ALTER TABLE events ADD COLUMN location_feature VARCHAR;
ALTER TABLE events ADD COLUMN location_geonames_id BIGINT;
"""

# The article's cleaned text (what every span points into), so an article can be
# shown with its events' evidence marked; NULL for articles stored before.
_ARTICLE_TEXT = """
ALTER TABLE articles ADD COLUMN "text" VARCHAR;
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_articles_mentions_events_rejections", _INITIAL),
    Migration("0002_symmetric_inferred_trigger_span", _EVENT_FLAGS),
    Migration("0003_location_admin1_feature_geonames_id", _PLACE_DETAIL),
    Migration("0004_article_text", _ARTICLE_TEXT),
)

_BOOKKEEPING = """
CREATE TABLE IF NOT EXISTS _migrations (
    name        VARCHAR NOT NULL,
    applied_at  TIMESTAMP NOT NULL
)
"""


def applied_migrations(con: Any) -> list[str]:
    """Names of the migrations recorded in the store, in order applied."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = '_migrations'"
    ).fetchall()[0][0]
    if not exists:
        return []
    return [row[0] for row in con.execute(
        "SELECT name FROM _migrations ORDER BY applied_at, name").fetchall()]


def pending_migrations(con: Any, migrations: tuple[Migration, ...] = MIGRATIONS) -> list[Migration]:
    done = set(applied_migrations(con))
    return [m for m in migrations if m.name not in done]


def apply_migrations(con: Any, migrations: tuple[Migration, ...] = MIGRATIONS) -> list[str]:
    """Apply every pending migration, each in its own transaction.

    Returns the names applied.  A failing migration is rolled back and raises
    :class:`StoreError`; the ones before it stay applied.
    """
    con.execute(_BOOKKEEPING)
    applied: list[str] = []
    for migration in pending_migrations(con, migrations):
        con.begin()
        try:
            con.execute(migration.sql)
            con.execute("INSERT INTO _migrations VALUES (?, ?)",
                        [migration.name, dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)])
            con.commit()
        except Exception as exc:  # duckdb raises many error types; re-raised as StoreError
            con.rollback()
            raise StoreError(f"migration {migration.name} failed: {exc}") from exc
        logger.info("applied migration %s", migration.name)
        applied.append(migration.name)
    return applied
