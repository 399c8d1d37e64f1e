-- Projects are listed by the name their cards begin with: the acronym, or the title where there is none.
-- (lower() folds ASCII only; every later write stores Rust's full lower case.)
UPDATE projects SET sort_title = lower(COALESCE(acronym, title));
