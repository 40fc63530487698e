-- Media files (src/media/postgres.rs), for huddle-server nodes that share no
-- file system: each file's bytes in chunks of 256 KiB, under its ID (the
-- SHA-256 of its bytes, in hex). A file is listed in media_files once whole;
-- an upload writes its chunks under a key of its own, in a transaction that
-- renames them to the ID at the end, so an interrupted one leaves nothing.
CREATE TABLE media_files (
    id text PRIMARY KEY,
    size bigint NOT NULL,
    kind text NOT NULL,
    created timestamptz NOT NULL);
CREATE TABLE media_chunks (
    id text NOT NULL,
    n int NOT NULL,
    bytes bytea NOT NULL,
    PRIMARY KEY (id, n));
-- Chunks are mostly compressed media already: stored as they are, not
-- compressed again for nothing.
ALTER TABLE media_chunks ALTER COLUMN bytes SET STORAGE EXTERNAL;

-- Keys every node of a cluster shares, made once by the first node that
-- needs one (the media upload tokens' key, when the app has no secret_key).
CREATE TABLE huddle_secrets (
    name text PRIMARY KEY,
    value bytea NOT NULL);
