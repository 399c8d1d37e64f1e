-- National THB statistics (the stats crate's dataflows THB_VICT and THB_PERS).
-- A Member State's submission of one dataflow and reference year, and where it stands in the workflow
-- (draft, submitted, validated, published). `versions` counts its publications.
CREATE TABLE stat_submissions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    dataflow   TEXT NOT NULL,
    geo        TEXT NOT NULL,
    year       INTEGER NOT NULL,
    state      TEXT NOT NULL,
    synthetic  INTEGER NOT NULL,
    versions   INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    UNIQUE (dataflow, geo, year)
);
CREATE INDEX stat_submissions_geo ON stat_submissions (geo, year);

-- The draft's figures: the rapporteur's own (source '') and each source organisation's slice (its slug), one
-- row per cell, keyed by the SDMX series key (codes joined by dots in the dataflow's dimension order). A NULL
-- value is not available (':').
CREATE TABLE stat_draft_observations (
    submission_id BIGINT NOT NULL REFERENCES stat_submissions (id),
    source        TEXT NOT NULL,
    series_key    TEXT NOT NULL,
    value         BIGINT,
    flags         TEXT NOT NULL,
    conf          TEXT NOT NULL,
    PRIMARY KEY (submission_id, source, series_key)
);

-- Every step with its comment, oldest first. Never updated or deleted.
CREATE TABLE stat_events (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    submission_id BIGINT NOT NULL REFERENCES stat_submissions (id),
    at            TEXT NOT NULL,
    actor         TEXT NOT NULL,
    action        TEXT NOT NULL,
    state         TEXT NOT NULL,
    comment       TEXT NOT NULL
);
CREATE INDEX stat_events_submission ON stat_events (submission_id, id);

-- Every publication is a new immutable version: revisions never overwrite. Values suppressed by disclosure
-- control are stored as NULL with conf 'C', so that no published row holds them.
CREATE TABLE stat_publications (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    dataflow      TEXT NOT NULL,
    geo           TEXT NOT NULL,
    year          INTEGER NOT NULL,
    version       INTEGER NOT NULL,
    published_at  TEXT NOT NULL,
    signed_off_by TEXT NOT NULL,
    comment       TEXT NOT NULL,
    synthetic     INTEGER NOT NULL,
    observations  INTEGER NOT NULL,
    suppressed    INTEGER NOT NULL,
    UNIQUE (dataflow, geo, year, version)
);
CREATE INDEX stat_publications_time ON stat_publications (dataflow, published_at);

CREATE TABLE stat_published_observations (
    publication_id BIGINT NOT NULL REFERENCES stat_publications (id),
    series_key     TEXT NOT NULL,
    value          BIGINT,
    flags          TEXT NOT NULL,
    conf           TEXT NOT NULL,
    PRIMARY KEY (publication_id, series_key)
);

CREATE TRIGGER stat_events_no_update BEFORE UPDATE ON stat_events BEGIN SELECT RAISE(ABORT, 'submission events are append-only'); END;
CREATE TRIGGER stat_events_no_delete BEFORE DELETE ON stat_events BEGIN SELECT RAISE(ABORT, 'submission events are append-only'); END;
CREATE TRIGGER stat_publications_no_update BEFORE UPDATE ON stat_publications BEGIN SELECT RAISE(ABORT, 'publications are immutable'); END;
CREATE TRIGGER stat_publications_no_delete BEFORE DELETE ON stat_publications BEGIN SELECT RAISE(ABORT, 'publications are immutable'); END;
CREATE TRIGGER stat_published_no_update BEFORE UPDATE ON stat_published_observations BEGIN SELECT RAISE(ABORT, 'publications are immutable'); END;
CREATE TRIGGER stat_published_no_delete BEFORE DELETE ON stat_published_observations BEGIN SELECT RAISE(ABORT, 'publications are immutable'); END;
-- A publication changes the public statistics pages of its Member State and of the EU.
CREATE TRIGGER stat_publications_inserted_change AFTER INSERT ON stat_publications BEGIN INSERT INTO changes (kind, key) VALUES ('statistics', NEW.geo); END;
