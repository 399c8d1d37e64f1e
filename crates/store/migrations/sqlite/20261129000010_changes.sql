-- What changed in the content the public sees, one row per changed item, written by triggers in the
-- transaction of the change: every process writing to this store (a server, the command line, an import)
-- leaves its trace, and every server reads the rows it has not seen yet to refresh its page cache and search
-- index. Old rows are pruned by the servers after a day.
CREATE TABLE changes (
    id   INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    key  TEXT NOT NULL,
    at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- Replacing a project's partners finds the old ones by project; without this index every replacement (and
-- every deletion, through the foreign key) read the whole table, so adding projects slowed down as they grew.
CREATE INDEX project_countries_project ON project_countries (project_id);
CREATE TRIGGER projects_inserted_change AFTER INSERT ON projects BEGIN INSERT INTO changes (kind, key) VALUES ('project', NEW.slug); END;
CREATE TRIGGER projects_updated_change AFTER UPDATE ON projects BEGIN INSERT INTO changes (kind, key) VALUES ('project', NEW.slug); END;
CREATE TRIGGER projects_deleted_change AFTER DELETE ON projects BEGIN INSERT INTO changes (kind, key) VALUES ('project', OLD.slug); END;
CREATE TRIGGER calls_inserted_change AFTER INSERT ON calls BEGIN INSERT INTO changes (kind, key) VALUES ('call', NEW.slug); END;
CREATE TRIGGER calls_updated_change AFTER UPDATE ON calls BEGIN INSERT INTO changes (kind, key) VALUES ('call', NEW.slug); END;
CREATE TRIGGER calls_deleted_change AFTER DELETE ON calls BEGIN INSERT INTO changes (kind, key) VALUES ('call', OLD.slug); END;
CREATE TRIGGER news_inserted_change AFTER INSERT ON news BEGIN INSERT INTO changes (kind, key) VALUES ('news', NEW.slug); END;
CREATE TRIGGER news_updated_change AFTER UPDATE ON news BEGIN INSERT INTO changes (kind, key) VALUES ('news', NEW.slug); END;
CREATE TRIGGER news_deleted_change AFTER DELETE ON news BEGIN INSERT INTO changes (kind, key) VALUES ('news', OLD.slug); END;
CREATE TRIGGER instruments_inserted_change AFTER INSERT ON instruments BEGIN INSERT INTO changes (kind, key) VALUES ('instrument', NEW.slug); END;
CREATE TRIGGER instruments_updated_change AFTER UPDATE ON instruments BEGIN INSERT INTO changes (kind, key) VALUES ('instrument', NEW.slug); END;
CREATE TRIGGER instruments_deleted_change AFTER DELETE ON instruments BEGIN INSERT INTO changes (kind, key) VALUES ('instrument', OLD.slug); END;
CREATE TRIGGER member_state_pages_inserted_change AFTER INSERT ON member_state_pages BEGIN INSERT INTO changes (kind, key) VALUES ('member_state', NEW.code); END;
CREATE TRIGGER member_state_pages_updated_change AFTER UPDATE ON member_state_pages BEGIN INSERT INTO changes (kind, key) VALUES ('member_state', NEW.code); END;
CREATE TRIGGER member_state_pages_deleted_change AFTER DELETE ON member_state_pages BEGIN INSERT INTO changes (kind, key) VALUES ('member_state', OLD.code); END;
CREATE TRIGGER platform_applications_inserted_change AFTER INSERT ON platform_applications BEGIN INSERT INTO changes (kind, key) VALUES ('application', NEW.id); END;
CREATE TRIGGER platform_applications_updated_change AFTER UPDATE ON platform_applications BEGIN INSERT INTO changes (kind, key) VALUES ('application', NEW.id); END;
CREATE TRIGGER platform_applications_deleted_change AFTER DELETE ON platform_applications BEGIN INSERT INTO changes (kind, key) VALUES ('application', OLD.id); END;
CREATE TRIGGER agencies_inserted_change AFTER INSERT ON agencies BEGIN INSERT INTO changes (kind, key) VALUES ('agency', NEW.slug); END;
CREATE TRIGGER agencies_updated_change AFTER UPDATE ON agencies BEGIN INSERT INTO changes (kind, key) VALUES ('agency', NEW.slug); END;
CREATE TRIGGER agencies_deleted_change AFTER DELETE ON agencies BEGIN INSERT INTO changes (kind, key) VALUES ('agency', OLD.slug); END;
CREATE TRIGGER bodies_inserted_change AFTER INSERT ON bodies BEGIN INSERT INTO changes (kind, key) VALUES ('body', NEW.slug); END;
CREATE TRIGGER bodies_updated_change AFTER UPDATE ON bodies BEGIN INSERT INTO changes (kind, key) VALUES ('body', NEW.slug); END;
CREATE TRIGGER bodies_deleted_change AFTER DELETE ON bodies BEGIN INSERT INTO changes (kind, key) VALUES ('body', OLD.slug); END;
CREATE TRIGGER institutions_inserted_change AFTER INSERT ON institutions BEGIN INSERT INTO changes (kind, key) VALUES ('institution', NEW.slug); END;
CREATE TRIGGER institutions_updated_change AFTER UPDATE ON institutions BEGIN INSERT INTO changes (kind, key) VALUES ('institution', NEW.slug); END;
CREATE TRIGGER institutions_deleted_change AFTER DELETE ON institutions BEGIN INSERT INTO changes (kind, key) VALUES ('institution', OLD.slug); END;
CREATE TRIGGER people_inserted_change AFTER INSERT ON people BEGIN INSERT INTO changes (kind, key) VALUES ('person', NEW.name); END;
CREATE TRIGGER people_updated_change AFTER UPDATE ON people BEGIN INSERT INTO changes (kind, key) VALUES ('person', NEW.name); END;
CREATE TRIGGER people_deleted_change AFTER DELETE ON people BEGIN INSERT INTO changes (kind, key) VALUES ('person', OLD.name); END;
