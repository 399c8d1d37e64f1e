-- Multiple systems estimation of the hidden figure: every estimation a rapporteur runs is kept whole, with what
-- reproduces it: the input table (the capture-history CSV as it was read), where it came from (a linkage run
-- or an uploaded file), the settings (JSON: method, threshold, bootstrap resamples and seed), the version of
-- the software, and the result (the mse crate's analysis as JSON, opaque here). Never changed, never deleted.
CREATE TABLE estimates (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    member_state     TEXT NOT NULL,
    year             INTEGER NOT NULL,
    input_csv        TEXT NOT NULL,
    input_kind       TEXT NOT NULL CHECK (input_kind IN ('linkage_run', 'upload')),
    linkage_run_id   BIGINT REFERENCES linkage_runs (id),
    input_name       TEXT NOT NULL,
    settings         TEXT NOT NULL,
    software_version TEXT NOT NULL,
    result           TEXT NOT NULL,
    created_by       TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    CHECK ((input_kind = 'linkage_run') = (linkage_run_id IS NOT NULL))
);
CREATE INDEX estimates_member_state ON estimates (member_state, year, id);

-- A rapporteur's sign-off of one estimate: at most one per estimate, never changed or deleted. The newest
-- publication of a Member State and year is the one pages show; older ones stay readable.
CREATE TABLE estimate_publications (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    estimate_id  BIGINT NOT NULL UNIQUE REFERENCES estimates (id),
    member_state TEXT NOT NULL,
    year         INTEGER NOT NULL,
    published_by TEXT NOT NULL,
    published_at TEXT NOT NULL
);
CREATE INDEX estimate_publications_member_state ON estimate_publications (member_state, year, id);

CREATE TRIGGER estimates_no_update BEFORE UPDATE ON estimates BEGIN SELECT RAISE(ABORT, 'estimates are kept as they were made'); END;
CREATE TRIGGER estimates_no_delete BEFORE DELETE ON estimates BEGIN SELECT RAISE(ABORT, 'estimates are kept as they were made'); END;
CREATE TRIGGER estimate_publications_no_update BEFORE UPDATE ON estimate_publications BEGIN SELECT RAISE(ABORT, 'publications are immutable'); END;
CREATE TRIGGER estimate_publications_no_delete BEFORE DELETE ON estimate_publications BEGIN SELECT RAISE(ABORT, 'publications are immutable'); END;
-- A publication changes the public pages of its Member State (its statistics page and its page).
CREATE TRIGGER estimate_publications_inserted_change AFTER INSERT ON estimate_publications BEGIN INSERT INTO changes (kind, key) VALUES ('estimate', NEW.member_state); END;
