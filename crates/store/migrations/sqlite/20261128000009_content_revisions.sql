-- Editing calls, news and instruments: drafts and withdrawn items are unpublished, and every revision is kept.
ALTER TABLE calls ADD COLUMN published BIGINT NOT NULL DEFAULT 1;
ALTER TABLE news ADD COLUMN published BIGINT NOT NULL DEFAULT 1;
ALTER TABLE instruments ADD COLUMN published BIGINT NOT NULL DEFAULT 1;

CREATE TABLE content_revisions (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL,
    slug       TEXT NOT NULL,
    revision   BIGINT NOT NULL,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    data_json  TEXT NOT NULL,
    UNIQUE (kind, slug, revision)
);
