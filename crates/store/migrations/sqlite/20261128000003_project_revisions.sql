-- Editing: unpublished projects (drafts and withdrawn ones) and every revision of a project.
ALTER TABLE projects ADD COLUMN published BIGINT NOT NULL DEFAULT 1;

CREATE TABLE project_revisions (
    id         INTEGER PRIMARY KEY,
    slug       TEXT NOT NULL,
    revision   BIGINT NOT NULL,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    data_json  TEXT NOT NULL,
    UNIQUE (slug, revision)
);
