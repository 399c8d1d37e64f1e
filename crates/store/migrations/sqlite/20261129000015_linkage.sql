-- Record linkage across organisations: the server holds linkage keys (Bloom-filter bytes, from the linkage
-- crate's key files) and non-identifying attributes, never names.
-- One current upload per Member State, reference year and source organisation: saving again replaces it
-- (a new row, the old one and its chunks deleted in the same transaction). `attributes` is JSON the store
-- does not read; `schema_fingerprint` is NULL for files without one (written by clkhash).
CREATE TABLE linkage_uploads (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    member_state       TEXT NOT NULL,
    year               INTEGER NOT NULL,
    organisation       TEXT NOT NULL,
    file_name          TEXT NOT NULL,
    schema_fingerprint TEXT,
    key_bits           INTEGER NOT NULL CHECK (key_bits > 0),
    record_count       BIGINT NOT NULL CHECK (record_count > 0),
    attributes         TEXT NOT NULL,
    uploaded_by        TEXT NOT NULL,
    uploaded_at        TEXT NOT NULL,
    UNIQUE (member_state, year, organisation)
);
CREATE INDEX linkage_uploads_organisation ON linkage_uploads (member_state, organisation, year);

-- The keys, record after record, up to 8,192 records a chunk (1 MiB at 1,024-bit keys), so that a million
-- keys never sit in one row. Chunks are numbered from 0 in record order.
CREATE TABLE linkage_key_chunks (
    upload_id BIGINT NOT NULL REFERENCES linkage_uploads (id),
    chunk     INTEGER NOT NULL CHECK (chunk >= 0),
    keys      BLOB NOT NULL,
    PRIMARY KEY (upload_id, chunk)
);

-- An upload is replaced or deleted whole, never rewritten in place.
CREATE TRIGGER linkage_uploads_no_update BEFORE UPDATE ON linkage_uploads BEGIN SELECT RAISE(ABORT, 'linkage uploads are replaced, never changed'); END;
CREATE TRIGGER linkage_key_chunks_no_update BEFORE UPDATE ON linkage_key_chunks BEGIN SELECT RAISE(ABORT, 'linkage keys are replaced, never changed'); END;

-- A linkage run: a background job of one Member State and year, taken by one server process at a time.
-- `result` (JSON) and `histories` (a capture-history CSV) are the linkage crate's, opaque here;
-- `upload_ids` (JSON) names the uploads the run read.
CREATE TABLE linkage_runs (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    member_state TEXT NOT NULL,
    year         INTEGER NOT NULL,
    threshold    REAL NOT NULL,
    settings     TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    phase        TEXT NOT NULL,
    done         BIGINT NOT NULL,
    total        BIGINT NOT NULL,
    attempts     INTEGER NOT NULL,
    error        TEXT,
    result       TEXT,
    histories    TEXT,
    upload_ids   TEXT,
    requested_by TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    started_at   TEXT,
    updated_at   TEXT NOT NULL,
    finished_at  TEXT
);
CREATE INDEX linkage_runs_queue ON linkage_runs (status, created_at, id);
CREATE INDEX linkage_runs_member_state ON linkage_runs (member_state, year, id);
