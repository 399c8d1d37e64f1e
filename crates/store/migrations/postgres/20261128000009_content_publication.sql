-- Editing calls, news and instruments: drafts and withdrawn items are unpublished.
ALTER TABLE calls ADD COLUMN published BIGINT NOT NULL DEFAULT 1;
ALTER TABLE news ADD COLUMN published BIGINT NOT NULL DEFAULT 1;
ALTER TABLE instruments ADD COLUMN published BIGINT NOT NULL DEFAULT 1;

-- Revisions are read from the audit log, which holds every state after a change (it always held the same
-- snapshots as this table, written in the same transactions).
DROP TABLE project_revisions;
