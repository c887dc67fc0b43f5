"""The DuckDB schema of einfluence, as an ordered list of migrations.

Each migration is applied once, in order, inside a transaction, and recorded in
``schema_migrations``. Never edit a released migration: append a new one.

Design notes
------------
* Source identifiers are kept as text and namespaced by ``network``: ``(network, source_id)`` is
  the natural key of an account and of a post. Internal keys (``account_id``, ``post_id``) are
  dense integers allocated at import, so graph views index arrays with them directly.
* The large tables carry no index: uniqueness of natural keys is enforced by the ingestion
  (hash anti-joins inside the import transaction), which is far faster than maintaining ART
  indexes on tens of millions of rows.
* An interaction's natural key is ``(src_id, dst_id, kind, created_at, post_id, seq)`` where
  ``seq`` numbers identical events within one import; re-importing the same events, from the
  same file or another, adds nothing.
"""

from __future__ import annotations

from einfluence.base.kinds import ACCOUNT_KINDS, INTERACTION_KINDS, POST_KINDS

__all__ = ["MIGRATIONS", "SCHEMA_VERSION"]


def _in(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{v}'" for v in values)


_V1 = f"""
CREATE TABLE imports (
    import_id          INTEGER PRIMARY KEY,
    format             VARCHAR NOT NULL,
    sources            VARCHAR[] NOT NULL,
    checksum           VARCHAR NOT NULL,
    options            JSON,
    started_at         TIMESTAMP NOT NULL,
    finished_at        TIMESTAMP NOT NULL,
    rows_read          BIGINT NOT NULL,
    accounts_added     BIGINT NOT NULL,
    posts_added        BIGINT NOT NULL,
    interactions_added BIGINT NOT NULL,
    notes              VARCHAR[],
    einfluence_version VARCHAR NOT NULL
);

CREATE TABLE persons (
    person_id  BIGINT PRIMARY KEY,
    key        VARCHAR NOT NULL UNIQUE,
    name       VARCHAR,
    import_id  INTEGER
);

CREATE TABLE accounts (
    account_id BIGINT NOT NULL,
    network    VARCHAR NOT NULL,
    source_id  VARCHAR NOT NULL,
    handle     VARCHAR,
    name       VARCHAR,
    language   VARCHAR,
    followers  BIGINT CHECK (followers IS NULL OR followers >= 0),
    kind       VARCHAR NOT NULL CHECK (kind IN ({_in(ACCOUNT_KINDS)})),
    url        VARCHAR,
    person_id  BIGINT,
    attributes JSON,
    import_id  INTEGER NOT NULL
);

CREATE TABLE posts (
    post_id    BIGINT NOT NULL,
    network    VARCHAR NOT NULL,
    source_id  VARCHAR NOT NULL,
    author_id  BIGINT,
    created_at TIMESTAMP,
    text       VARCHAR,
    language   VARCHAR,
    url        VARCHAR,
    -- NULL for a post known only as the parent or root of another one
    kind       VARCHAR CHECK (kind IS NULL OR kind IN ({_in(POST_KINDS)})),
    parent_id  BIGINT,
    root_id    BIGINT,
    import_id  INTEGER NOT NULL
);

CREATE TABLE interactions (
    src_id     BIGINT NOT NULL,
    dst_id     BIGINT NOT NULL,
    kind       VARCHAR NOT NULL CHECK (kind IN ({_in(INTERACTION_KINDS)})),
    created_at TIMESTAMP,
    post_id    BIGINT,
    weight     DOUBLE NOT NULL DEFAULT 1.0,
    seq        INTEGER NOT NULL DEFAULT 0,
    import_id  INTEGER NOT NULL
);

CREATE TABLE brands (
    brand_id   INTEGER PRIMARY KEY,
    name       VARCHAR NOT NULL UNIQUE,
    aliases    VARCHAR[] NOT NULL DEFAULT [],
    handles    VARCHAR[] NOT NULL DEFAULT [],
    hashtags   VARCHAR[] NOT NULL DEFAULT [],
    products   VARCHAR[] NOT NULL DEFAULT [],
    competitor BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL DEFAULT current_localtimestamp()
);

-- Free-form key/value facts about the database: which demo world it holds, its planted truth.
CREATE TABLE metadata (
    key   VARCHAR PRIMARY KEY,
    value JSON NOT NULL
);
"""


# the score components of version 2 (a later component set is a new migration)
_V2_COMPONENTS: tuple[str, ...] = ("reach", "amplification", "depth", "impact", "momentum")

_V2 = f"""
CREATE TABLE score_runs (
    run_id             INTEGER PRIMARY KEY,
    created_at         TIMESTAMP NOT NULL,
    since              TIMESTAMP,
    until              TIMESTAMP,
    networks           VARCHAR[],
    params             JSON NOT NULL,
    available          JSON NOT NULL,
    n_scored           BIGINT NOT NULL,
    label              VARCHAR,
    einfluence_version VARCHAR NOT NULL
);

-- One row per account active in the run's window. For each component: its raw value
-- (NULL when the data cannot give it) and the points it contributes to the score.
CREATE TABLE scores (
    run_id     INTEGER NOT NULL,
    account_id BIGINT NOT NULL,
    rank       INTEGER NOT NULL,
    score      DOUBLE NOT NULL,
    index      DOUBLE NOT NULL,
    {", ".join(f"{c} DOUBLE, {c}_points DOUBLE" for c in _V2_COMPONENTS)}
);
"""

_V3 = """
CREATE TABLE topic_runs (
    topic_run_id       INTEGER PRIMARY KEY,
    created_at         TIMESTAMP NOT NULL,
    since              TIMESTAMP,
    until              TIMESTAMP,
    networks           VARCHAR[],
    method             VARCHAR NOT NULL,   -- 'model' (learned topics) or 'keywords' (declared)
    params             JSON NOT NULL,
    n_topics           INTEGER NOT NULL,
    n_posts            BIGINT NOT NULL,
    einfluence_version VARCHAR NOT NULL
);

CREATE TABLE topics (
    topic_run_id INTEGER NOT NULL,
    topic        INTEGER NOT NULL,
    name         VARCHAR NOT NULL,
    top_terms    VARCHAR[] NOT NULL,
    n_posts      BIGINT NOT NULL        -- posts whose dominant topic it is
);

-- Sparse topic weights of each post (weights below a small threshold are not stored).
CREATE TABLE post_topics (
    topic_run_id INTEGER NOT NULL,
    post_id      BIGINT NOT NULL,
    topic        INTEGER NOT NULL,
    weight       DOUBLE NOT NULL
);

-- Interest profile of each account: mean topic weights of its posts (sparse, as above).
CREATE TABLE account_topics (
    topic_run_id INTEGER NOT NULL,
    account_id   BIGINT NOT NULL,
    topic        INTEGER NOT NULL,
    weight       DOUBLE NOT NULL
);

CREATE TABLE community_runs (
    community_run_id   INTEGER PRIMARY KEY,
    created_at         TIMESTAMP NOT NULL,
    since              TIMESTAMP,
    until              TIMESTAMP,
    networks           VARCHAR[],
    params             JSON NOT NULL,
    n_communities      INTEGER NOT NULL,
    modularity         DOUBLE,
    einfluence_version VARCHAR NOT NULL
);

CREATE TABLE communities (
    community_run_id INTEGER NOT NULL,
    account_id       BIGINT NOT NULL,
    community        INTEGER NOT NULL
);
"""

_V4 = """
-- Campaign plans and seed selections: inputs and results, kept whole as JSON so that a plan can
-- be shown again exactly as it was made, whatever the code becomes.
CREATE TABLE plans (
    plan_id            INTEGER PRIMARY KEY,
    created_at         TIMESTAMP NOT NULL,
    kind               VARCHAR NOT NULL,   -- 'seeds', 'plan' or 'simulation'
    since              TIMESTAMP,
    until              TIMESTAMP,
    networks           VARCHAR[],
    inputs             JSON NOT NULL,
    result             JSON NOT NULL,
    label              VARCHAR,
    einfluence_version VARCHAR NOT NULL
);
"""

_V5 = """
-- Trained sentiment classifiers, kept in the database that holds the texts they were fitted on.
-- ``model`` is an .npz archive of arrays and JSON (no pickle: loading never runs code).
CREATE TABLE sentiment_models (
    name               VARCHAR PRIMARY KEY,
    lang               VARCHAR NOT NULL,
    created_at         TIMESTAMP NOT NULL,
    metadata           JSON NOT NULL,
    model              BLOB NOT NULL,
    einfluence_version VARCHAR NOT NULL
);
"""

_V6 = """
-- Brand mentions found in the posts' texts, one row per (post, brand), with the post's sentiment;
-- recomputed per brand set by 'einfluence mentions' (a mention run replaces the previous rows).
CREATE TABLE mentions (
    post_id    BIGINT NOT NULL,
    brand_id   INTEGER NOT NULL,
    kind       VARCHAR NOT NULL,     -- how the brand was named: name, alias, product, handle, hashtag
    matched    VARCHAR NOT NULL,     -- the text matched
    sentiment  VARCHAR NOT NULL,     -- negative, neutral, positive
    score      DOUBLE NOT NULL,      -- in [-1, 1]
    model      VARCHAR NOT NULL      -- 'lexicon' or the name of a stored sentiment model
);

-- Campaign actions towards influencers: contacted, briefed, gifted, paid...
CREATE TABLE actions (
    action_id  INTEGER PRIMARY KEY,
    account_id BIGINT NOT NULL,
    brand_id   INTEGER NOT NULL,
    kind       VARCHAR NOT NULL,
    acted_at   TIMESTAMP NOT NULL,
    campaign   VARCHAR,
    note       VARCHAR,
    created_at TIMESTAMP NOT NULL
);
"""

_V7 = """
-- Labels and other facts that come with a post (a veracity label, a crowd sentiment label, the
-- brand it was collected for ...), as a JSON object; NULL when the data has none.
ALTER TABLE posts ADD COLUMN attributes JSON;
"""

_V8 = """
-- Access tokens of the server (einfluence serve): only an HMAC-SHA-256 of each token's secret
-- under a random per-token salt is kept; ``key`` is the public part that finds the row.
CREATE TABLE tokens (
    token_id   INTEGER PRIMARY KEY,
    key        VARCHAR NOT NULL,
    name       VARCHAR NOT NULL,
    scope      VARCHAR NOT NULL CHECK (scope IN ('read', 'write', 'admin')),
    salt       BLOB NOT NULL,
    digest     BLOB NOT NULL,
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);

-- Background jobs of the server: what was asked, by which token, how it ended (result or error).
CREATE TABLE jobs (
    job_id             INTEGER PRIMARY KEY,
    kind               VARCHAR NOT NULL,
    state              VARCHAR NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    params             JSON NOT NULL,
    token_key          VARCHAR,
    created_at         TIMESTAMP NOT NULL,
    started_at         TIMESTAMP,
    finished_at        TIMESTAMP,
    stage              VARCHAR,
    result             JSON,
    error              JSON,
    einfluence_version VARCHAR NOT NULL
);
"""

_V9 = """
-- The sentiment of each mention towards its own brand, with its calibrated confidence (the
-- probability of its label; NULL for rows stored before), and the confidence threshold in force
-- when it was stored (NULL: none): below it, a mention counts as a mention but not as sentiment.
ALTER TABLE mentions ADD COLUMN confidence DOUBLE;
ALTER TABLE mentions ADD COLUMN min_confidence DOUBLE;
"""

# the classic measures a calibrated score may weigh beside the components (EXTRA_INPUTS)
_V10_INPUTS: tuple[str, ...] = ("activity", "k_core", "ip_influence")

_V10 = """
-- Calibrations of the score on the data's own history (rolling-origin backtests): what was
-- asked (params) and what was learned (result: weights, half-life, folds and their
-- out-of-sample figures), kept whole as JSON.
CREATE TABLE calibrations (
    calibration_id     INTEGER PRIMARY KEY,
    created_at         TIMESTAMP NOT NULL,
    since              TIMESTAMP,
    until              TIMESTAMP,
    networks           VARCHAR[],
    params             JSON NOT NULL,
    result             JSON NOT NULL,
    label              VARCHAR,
    einfluence_version VARCHAR NOT NULL
);
""" + "".join(
    f"ALTER TABLE scores ADD COLUMN {c} DOUBLE;\nALTER TABLE scores ADD COLUMN {c}_points DOUBLE;\n"
    for c in _V10_INPUTS
)

_V11 = """
-- Shortlists saved by name: the accounts a person picked (in their order), the filters of the
-- ranking they were picked from, who saved them (the server's token name; NULL elsewhere).
-- A workspace is one database file, so a name is unique per workspace.
CREATE TABLE shortlists (
    shortlist_id INTEGER PRIMARY KEY,
    name         VARCHAR NOT NULL UNIQUE,
    accounts     BIGINT[] NOT NULL,
    filters      JSON NOT NULL,
    created_by   VARCHAR,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);
"""

#: Ordered (version, name, SQL) migrations.
MIGRATIONS: list[tuple[int, str, str]] = [
    (1, "social data model: accounts, persons, posts, interactions, brands, imports", _V1),
    (2, "influence score runs and scores", _V2),
    (3, "topic runs, post and account topics, community runs", _V3),
    (4, "campaign plans, seed selections and simulations", _V4),
    (5, "trained sentiment models", _V5),
    (6, "brand mentions and campaign actions", _V6),
    (7, "post attributes (labels that come with the data)", _V7),
    (8, "server access tokens and background jobs", _V8),
    (9, "confidence of each mention's sentiment", _V9),
    (10, "score calibrations; scores of the extra inputs a calibrated score weighs", _V10),
    (11, "saved shortlists of accounts", _V11),
]

SCHEMA_VERSION: int = MIGRATIONS[-1][0]
