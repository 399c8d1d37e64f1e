-- Applications of civil-society organisations to calls for expression of interest of the Platform.
CREATE TABLE platform_applications (
    id                INTEGER PRIMARY KEY,
    call_slug         TEXT NOT NULL,
    organisation_name TEXT NOT NULL,
    organisation_slug TEXT NOT NULL,
    member_state      TEXT NOT NULL,
    contact_email     TEXT NOT NULL,
    motivation        TEXT NOT NULL,
    status            TEXT NOT NULL,
    submitted_at      TEXT NOT NULL,
    decided_at        TEXT,
    decided_by        TEXT
);
CREATE INDEX platform_applications_call ON platform_applications (call_slug, id);
CREATE INDEX platform_applications_status ON platform_applications (status, member_state);
