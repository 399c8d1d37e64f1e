-- The biannual meetings of the EU Network of NREMs: agenda, minutes, attendance per Member State, documents.
CREATE TABLE meetings (
    id             INTEGER PRIMARY KEY,
    slug           TEXT NOT NULL UNIQUE,
    title          TEXT NOT NULL,
    date           TEXT NOT NULL,
    presidency     TEXT NOT NULL,
    joint_with_csp BIGINT NOT NULL DEFAULT 0,
    agenda         TEXT NOT NULL,
    minutes        TEXT NOT NULL
);

CREATE TABLE meeting_attendance (
    meeting_slug TEXT NOT NULL,
    member_state TEXT NOT NULL,
    present      BIGINT NOT NULL,
    recorded_by  TEXT NOT NULL,
    PRIMARY KEY (meeting_slug, member_state)
);

CREATE TABLE meeting_documents (
    id           INTEGER PRIMARY KEY,
    meeting_slug TEXT NOT NULL,
    filename     TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    content      BLOB NOT NULL,
    uploaded_by  TEXT NOT NULL,
    uploaded_at  TEXT NOT NULL
);
CREATE INDEX meeting_documents_meeting ON meeting_documents (meeting_slug, id);
