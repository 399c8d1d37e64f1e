-- Commitments and actions to monitor (the bundled ones and those editors enter), and dated progress.
CREATE TABLE commitments (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    instrument  TEXT NOT NULL,
    title       TEXT NOT NULL,
    priority    TEXT,
    owners      TEXT NOT NULL,
    due         TEXT,
    source_text TEXT NOT NULL,
    status      TEXT
);

CREATE TABLE commitment_progress (
    id              INTEGER PRIMARY KEY,
    commitment_slug TEXT NOT NULL,
    date            TEXT NOT NULL,
    text            TEXT NOT NULL,
    evidence        TEXT,
    status          TEXT,
    author          TEXT NOT NULL,
    recorded_at     TEXT NOT NULL
);
CREATE INDEX commitment_progress_slug ON commitment_progress (commitment_slug, date);
