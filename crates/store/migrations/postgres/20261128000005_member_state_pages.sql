-- What the EU ATC office or a Member State's own rapporteur writes on that Member State's page.
CREATE TABLE member_state_pages (
    code       TEXT PRIMARY KEY,
    nrem       TEXT,
    summary    TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);
