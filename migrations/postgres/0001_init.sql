-- The tables of src/store/sqlite.rs, one for one: records are JSON documents
-- keyed by their identity, so adding a field to a record needs no migration.
-- Documents are text, not jsonb: text gives back the bytes the engine wrote
-- (jsonb reorders object keys, which would reorder the keys of message elems
-- as the sender wrote them, and refuses the \u0000 escape a text may carry).
-- Key columns sort and compare bytewise (COLLATE "C"), as SQLite's do, so
-- the load order does not depend on the database's locale.

CREATE TABLE groups (
    id text COLLATE "C" PRIMARY KEY,
    doc text NOT NULL);

CREATE TABLE members (
    group_id text COLLATE "C" NOT NULL,
    user_id text COLLATE "C" NOT NULL,
    doc text NOT NULL,
    PRIMARY KEY (group_id, user_id));

CREATE TABLE pendencies (
    id bigint PRIMARY KEY,
    doc text NOT NULL);

CREATE TABLE users (
    id text COLLATE "C" PRIMARY KEY,
    doc text NOT NULL);

-- thread: the thread as JSON, as in SQLite.
CREATE TABLE messages (
    thread text COLLATE "C" NOT NULL,
    seq bigint NOT NULL,
    time bigint NOT NULL,
    doc text NOT NULL,
    PRIMARY KEY (thread, seq));
CREATE INDEX messages_by_time ON messages (time);

CREATE TABLE convs (
    user_id text COLLATE "C" NOT NULL,
    thread text COLLATE "C" NOT NULL,
    doc text NOT NULL,
    PRIMARY KEY (user_id, thread));

CREATE TABLE tips (
    ord bigint PRIMARY KEY,
    time bigint NOT NULL,
    doc text NOT NULL);
CREATE INDEX tips_by_time ON tips (time);

-- key: the SHA-256 of the client's idempotency key, not the key itself. The
-- key is any string a client sends; text refuses a NUL, and a btree refuses
-- an entry over about 2.7 kB. Nothing looks a receipt up by key here (the
-- engine keeps them in memory), so the digest loses nothing.
CREATE TABLE receipts (
    user_id text COLLATE "C" NOT NULL,
    key bytea NOT NULL,
    time bigint NOT NULL,
    doc text NOT NULL,
    PRIMARY KEY (user_id, key));
CREATE INDEX receipts_by_time ON receipts (time);

CREATE TABLE reports (
    ord bigint PRIMARY KEY,
    time bigint NOT NULL,
    doc text NOT NULL);
CREATE INDEX reports_by_time ON reports (time);

CREATE TABLE outbox (
    id bigint PRIMARY KEY,
    doc text NOT NULL);
