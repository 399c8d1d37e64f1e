-- The portal's content. Column names are the same on PostgreSQL; see ../postgres/.
-- Lists of paragraphs are JSON arrays of strings; everything a filter or sort uses has its own column.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE projects (
    id                   INTEGER PRIMARY KEY,
    slug                 TEXT NOT NULL UNIQUE,
    acronym              TEXT,
    title                TEXT NOT NULL,
    sort_title           TEXT NOT NULL,
    reference            TEXT NOT NULL,
    programme            TEXT NOT NULL,
    call_id              TEXT,
    erc_grant            TEXT,
    grant_number         BIGINT NOT NULL,
    lead_role            TEXT NOT NULL,
    lead_as_written      TEXT NOT NULL,
    lead_name            TEXT,
    lead_address         TEXT,
    lead_country         TEXT,
    principal_investigator TEXT,
    budget_cents         BIGINT,
    budget_as_written    TEXT,
    start_date           TEXT,
    end_date             TEXT,
    duration_months      BIGINT,
    timeframe_as_written TEXT,
    partners_note        TEXT,
    objectives           TEXT NOT NULL,
    mid_term_summary     TEXT NOT NULL,
    trafficking_link     TEXT NOT NULL,
    publications         TEXT,
    synthetic            BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX projects_sort_title ON projects (sort_title, id);
CREATE INDEX projects_programme ON projects (programme, sort_title);
CREATE INDEX projects_start ON projects (start_date);
CREATE INDEX projects_budget ON projects (budget_cents);

CREATE TABLE project_partners (
    project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    position   BIGINT NOT NULL,
    name       TEXT NOT NULL,
    acronym    TEXT,
    country    TEXT,
    PRIMARY KEY (project_id, position)
);

-- Every country a project involves (lead and partners), for the country filter.
CREATE TABLE project_countries (
    country    TEXT NOT NULL,
    project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    PRIMARY KEY (country, project_id)
);

CREATE TABLE calls (
    id                  INTEGER PRIMARY KEY,
    slug                TEXT NOT NULL UNIQUE,
    kind                TEXT NOT NULL,
    fund                TEXT,
    title               TEXT NOT NULL,
    topic               TEXT,
    work_programme      TEXT,
    deadline            TEXT NOT NULL,
    deadline_utc        TEXT NOT NULL,
    deadline_as_written TEXT NOT NULL,
    summary             TEXT NOT NULL,
    eligible_member_states TEXT NOT NULL,
    errata              TEXT NOT NULL,
    instruments         TEXT NOT NULL
);

CREATE TABLE news (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    title       TEXT NOT NULL,
    date        TEXT NOT NULL,
    sort_date   TEXT NOT NULL,
    body        TEXT NOT NULL,
    instruments TEXT NOT NULL,
    agencies    TEXT NOT NULL
);

CREATE TABLE agencies (
    id           INTEGER PRIMARY KEY,
    slug         TEXT NOT NULL UNIQUE,
    acronym      TEXT NOT NULL,
    name         TEXT NOT NULL,
    now_known_as TEXT
);

CREATE TABLE instruments (
    id        INTEGER PRIMARY KEY,
    slug      TEXT NOT NULL UNIQUE,
    kind      TEXT NOT NULL,
    title     TEXT NOT NULL,
    reference TEXT,
    date      TEXT,
    summary   TEXT NOT NULL,
    articles  TEXT NOT NULL
);

CREATE TABLE bodies (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    acronym     TEXT,
    description TEXT NOT NULL,
    established TEXT
);

CREATE TABLE institutions (
    id      INTEGER PRIMARY KEY,
    slug    TEXT NOT NULL UNIQUE,
    name    TEXT NOT NULL,
    acronym TEXT,
    country TEXT,
    kind    TEXT NOT NULL
);

CREATE TABLE people (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL
);
