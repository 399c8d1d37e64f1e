//! `ContentRepository` on SQL: the same statements on SQLite and PostgreSQL.

use crate::content_editing::{write_item_on, EditableItem, OnExisting};
use crate::queries::{Page, ProjectFacets, ProjectFilter};
use crate::rows;
use crate::{Backend, ContentRepository, SeedReport, SqlStore, StoreError};
use async_trait::async_trait;
use rapporteur_core::editing::ContentKind;
use rapporteur_core::{Agency, Body, Bundle, Call, Institution, Instrument, NewsItem, Paging, Person, Project, Slug};
use sqlx::any::{Any, AnyArguments, AnyRow};
use sqlx::query::Query;
use sqlx::{AnyConnection, Row};

macro_rules! project_columns {
    ($partners:literal) => {
        concat!(
            "id, slug, acronym, title, reference, programme, call_id, erc_grant, grant_number, lead_role, \
             lead_as_written, lead_name, lead_address, lead_country, principal_investigator, budget_cents, \
             budget_as_written, start_date, end_date, duration_months, timeframe_as_written, partners_note, \
             objectives, mid_term_summary, trafficking_link, publications, links_lost, synthetic, published, ",
            $partners,
            " AS partners_json"
        )
    };
}

// A project and its partners in one statement: with SQLite each statement is a round trip to the
// connection's worker thread, and that hand-over, not the query, dominates a project page. The
// aggregate is the one place the two dialects differ.
const PROJECT_COLUMNS_SQLITE: &str = project_columns!(
    "(SELECT json_group_array(json_object('name', name, 'acronym', acronym, 'country', country)) \
     FROM (SELECT name, acronym, country FROM project_partners WHERE project_id = projects.id ORDER BY position))"
);
const PROJECT_COLUMNS_POSTGRES: &str = project_columns!(
    "(SELECT COALESCE(json_agg(json_build_object('name', name, 'acronym', acronym, 'country', country) \
     ORDER BY position), '[]'::json)::text FROM project_partners WHERE project_id = projects.id)"
);

/// A bound value of a statement built at run time.
#[derive(Debug, Clone)]
pub(crate) enum Arg {
    Text(String),
    Int(i64),
}

/// A WHERE clause with its arguments, numbered `$1…` (PostgreSQL's form, which SQLite also reads).
#[derive(Debug, Default)]
struct Conditions {
    clauses: Vec<String>,
    args: Vec<Arg>,
}

impl Conditions {
    fn arg(&mut self, a: Arg) -> String {
        self.args.push(a);
        format!("${}", self.args.len())
    }
    fn sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.clauses.join(" AND "))
        }
    }
}

fn bind_all<'q>(mut q: Query<'q, Any, AnyArguments<'q>>, args: &[Arg]) -> Query<'q, Any, AnyArguments<'q>> {
    for a in args {
        q = match a {
            Arg::Text(t) => q.bind(t.clone()),
            Arg::Int(i) => q.bind(*i),
        };
    }
    q
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("plain data serialises")
}

/// Writes a project's partners and the countries it involves; `replace` deletes the old ones first (a new
/// project has none, and looking for them would be a wasted statement per project in a bulk load).
pub(crate) async fn insert_partners_on(
    conn: &mut AnyConnection,
    id: i64,
    p: &Project,
    replace: bool,
) -> Result<(), sqlx::Error> {
    if replace {
        sqlx::query("DELETE FROM project_partners WHERE project_id = $1").bind(id).execute(&mut *conn).await?;
        sqlx::query("DELETE FROM project_countries WHERE project_id = $1").bind(id).execute(&mut *conn).await?;
    }
    for (position, partner) in p.partners.iter().enumerate() {
        sqlx::query(
            "INSERT INTO project_partners (project_id, position, name, acronym, country) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(position as i64)
        .bind(partner.name.as_str())
        .bind(partner.acronym.clone())
        .bind(partner.country.map(|c| c.iso().to_owned()))
        .execute(&mut *conn)
        .await?;
    }
    for country in p.countries() {
        sqlx::query("INSERT INTO project_countries (country, project_id) VALUES ($1, $2)")
            .bind(country.iso())
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Runs an `INSERT … ON CONFLICT (slug) DO NOTHING` and says whether it added a row.
async fn insert_if_new<'q>(conn: &mut AnyConnection, q: Query<'q, Any, AnyArguments<'q>>) -> Result<u64, StoreError> {
    Ok(q.execute(&mut *conn).await?.rows_affected())
}

impl SqlStore {
    pub(crate) fn project_columns(&self) -> &'static str {
        match self.backend() {
            Backend::Sqlite => PROJECT_COLUMNS_SQLITE,
            Backend::Postgres => PROJECT_COLUMNS_POSTGRES,
        }
    }

    pub(crate) async fn fetch_projects(&self, sql: &str, args: &[Arg]) -> Result<Vec<Project>, StoreError> {
        let rows: Vec<AnyRow> = bind_all(sqlx::query(sql), args).fetch_all(&self.pool).await?;
        rows.iter().map(rows::project).collect()
    }

    /// One row by slug; `from_where` is the table and the start of its condition ("calls WHERE published = 1
    /// AND"), to which the slug's is added.
    async fn find_one<T>(
        &self,
        from_where: &str,
        slug: &Slug,
        decode: fn(&AnyRow) -> Result<T, StoreError>,
    ) -> Result<Option<T>, StoreError> {
        let sql = format!("SELECT * FROM {from_where} slug = $1");
        sqlx::query(&sql).bind(slug.as_str()).fetch_optional(&self.pool).await?.as_ref().map(decode).transpose()
    }

    async fn list_all<T>(&self, sql: &str, decode: fn(&AnyRow) -> Result<T, StoreError>) -> Result<Vec<T>, StoreError> {
        sqlx::query(sql).fetch_all(&self.pool).await?.iter().map(decode).collect()
    }
}

#[async_trait]
impl ContentRepository for SqlStore {
    async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn seed_bundle(&self, bundle: &Bundle) -> Result<SeedReport, StoreError> {
        let mut tx = self.begin_writing().await?;
        let mut report = SeedReport::default();
        sqlx::query("INSERT INTO meta (key, value) VALUES ('content_source', $1) ON CONFLICT (key) DO NOTHING")
            .bind(bundle.source.as_str())
            .execute(&mut *tx)
            .await?;
        let editable = (bundle.projects.iter().cloned().map(EditableItem::Project))
            .chain(bundle.calls.iter().cloned().map(EditableItem::Call))
            .chain(bundle.news.iter().cloned().map(EditableItem::News))
            .chain(bundle.instruments.iter().cloned().map(EditableItem::Instrument));
        for item in editable {
            let added = write_item_on(&mut tx, &item, OnExisting::Skip).await?;
            match item.kind() {
                ContentKind::Project => report.projects += added,
                ContentKind::Call => report.calls += added,
                ContentKind::News => report.news += added,
                ContentKind::Instrument => report.instruments += added,
            }
        }
        for a in &bundle.agencies {
            let q = sqlx::query(
                "INSERT INTO agencies (slug, acronym, name, now_known_as, website) VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (slug) DO NOTHING",
            )
            .bind(a.slug.as_str())
            .bind(a.acronym.as_str())
            .bind(a.name.as_str())
            .bind(a.now_known_as.clone())
            .bind(a.website.clone());
            report.agencies += insert_if_new(&mut tx, q).await?;
        }
        for b in &bundle.bodies {
            let q = sqlx::query(
                "INSERT INTO bodies (slug, name, acronym, description, established) VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (slug) DO NOTHING",
            )
            .bind(b.slug.as_str())
            .bind(b.name.as_str())
            .bind(b.acronym.clone())
            .bind(json(&b.description))
            .bind(b.established.map(|d| d.to_string()));
            report.bodies += insert_if_new(&mut tx, q).await?;
        }
        for i in &bundle.institutions {
            let q = sqlx::query(
                "INSERT INTO institutions (slug, name, acronym, country, kind) VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (slug) DO NOTHING",
            )
            .bind(i.slug.as_str())
            .bind(i.name.as_str())
            .bind(i.acronym.clone())
            .bind(i.country.map(|c| c.iso().to_owned()))
            .bind(i.kind.as_str());
            report.institutions += insert_if_new(&mut tx, q).await?;
        }
        for p in &bundle.people {
            let q =
                sqlx::query("INSERT INTO people (name, role, as_of) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING")
                    .bind(p.name.as_str())
                    .bind(p.role.as_str())
                    .bind(p.as_of.map(|d| d.to_string()));
            report.people += insert_if_new(&mut tx, q).await?;
        }
        for (name, paragraphs) in &bundle.sections {
            sqlx::query("INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING")
                .bind(format!("section:{name}"))
                .bind(json(paragraphs))
                .execute(&mut *tx)
                .await?;
        }
        for c in &bundle.commitments {
            report.commitments += crate::commitments::insert_commitment_on(&mut tx, c, true).await?;
        }
        tx.commit().await?;
        Ok(report)
    }

    async fn insert_project(&self, project: &Project) -> Result<(), StoreError> {
        self.insert_projects(std::slice::from_ref(project)).await
    }

    async fn insert_projects(&self, projects: &[Project]) -> Result<(), StoreError> {
        let mut tx = self.begin_writing().await?;
        for p in projects {
            write_item_on(&mut tx, &EditableItem::Project(p.clone()), OnExisting::Refuse).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn find_project_by_slug(&self, slug: &Slug) -> Result<Option<Project>, StoreError> {
        let sql = format!("SELECT {} FROM projects WHERE slug = $1 AND published = 1", self.project_columns());
        Ok(self.fetch_projects(&sql, &[Arg::Text(slug.to_string())]).await?.pop())
    }

    async fn list_projects(&self, filter: &ProjectFilter, paging: Paging) -> Result<Page<Project>, StoreError> {
        let mut c = Conditions::default();
        c.clauses.push("published = 1".to_owned());
        if let Some(programme) = filter.programme {
            let p = c.arg(Arg::Text(programme.code().to_owned()));
            c.clauses.push(format!("programme = {p}"));
        }
        if let Some(country) = filter.country {
            let p = c.arg(Arg::Text(country.iso().to_owned()));
            c.clauses.push(format!("id IN (SELECT project_id FROM project_countries WHERE country = {p})"));
        }
        if let Some(from) = filter.year_from {
            let p = c.arg(Arg::Text(format!("{from:04}-01-01")));
            c.clauses.push(format!("COALESCE(end_date, start_date) >= {p}"));
        }
        if let Some(to) = filter.year_to {
            let p = c.arg(Arg::Text(format!("{to:04}-12-31")));
            c.clauses.push(format!("start_date <= {p}"));
        }
        if let Some(min) = filter.budget_min {
            let p = c.arg(Arg::Int(min.cents()));
            c.clauses.push(format!("budget_cents >= {p}"));
        }
        if let Some(max) = filter.budget_max {
            let p = c.arg(Arg::Int(max.cents()));
            c.clauses.push(format!("budget_cents <= {p}"));
        }
        let where_sql = c.sql();
        let total: i64 = bind_all(sqlx::query(&format!("SELECT COUNT(*) AS n FROM projects{where_sql}")), &c.args)
            .fetch_one(&self.pool)
            .await?
            .try_get("n")?;
        let sql = format!(
            "SELECT {} FROM projects{where_sql} ORDER BY {} LIMIT {} OFFSET {}",
            self.project_columns(),
            filter.sort.order_by(),
            paging.per_page(),
            paging.offset()
        );
        let items = self.fetch_projects(&sql, &c.args).await?;
        Ok(Page { items, total: total as u64 })
    }

    async fn list_projects_after(&self, after: Option<&Slug>, limit: u32) -> Result<Vec<Project>, StoreError> {
        let after = after.map(|s| s.to_string()).unwrap_or_default();
        let sql = format!(
            "SELECT {} FROM projects WHERE slug > $1 AND published = 1 ORDER BY slug LIMIT {limit}",
            self.project_columns()
        );
        self.fetch_projects(&sql, &[Arg::Text(after)]).await
    }

    async fn project_facets(&self) -> Result<ProjectFacets, StoreError> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS n, MIN(start_date) AS first, MAX(COALESCE(end_date, start_date)) AS last FROM projects \
             WHERE published = 1",
        )
        .fetch_one(&self.pool)
        .await?;
        let year = |col: &str| -> Result<Option<i32>, StoreError> {
            Ok(row.try_get::<Option<String>, _>(col)?.and_then(|d| d.get(..4)?.parse().ok()))
        };
        // SUM over BIGINT is NUMERIC on PostgreSQL, which the Any driver cannot read: count instead.
        let synthetic: i64 = sqlx::query("SELECT COUNT(*) AS n FROM projects WHERE synthetic = 1 AND published = 1")
            .fetch_one(&self.pool)
            .await?
            .try_get("n")?;
        Ok(ProjectFacets {
            projects: row.try_get::<i64, _>("n")? as u64,
            synthetic_projects: synthetic as u64,
            first_year: year("first")?,
            last_year: year("last")?,
        })
    }

    async fn find_projects_by_slugs(&self, slugs: &[Slug]) -> Result<Vec<Project>, StoreError> {
        if slugs.is_empty() {
            return Ok(Vec::new());
        }
        let marks: Vec<String> = (1..=slugs.len()).map(|i| format!("${i}")).collect();
        // By slug alone, so that the unique slug index answers: with `published = 1` in the condition too,
        // SQLite chose the index on `published` and read every published project (34 ms for four at 100,000).
        let sql = format!("SELECT {} FROM projects WHERE slug IN ({})", self.project_columns(), marks.join(", "));
        let args: Vec<Arg> = slugs.iter().map(|s| Arg::Text(s.to_string())).collect();
        let mut found = self.fetch_projects(&sql, &args).await?;
        found.retain(|p| p.published);
        found.sort_by_key(|p| slugs.iter().position(|s| *s == p.slug));
        Ok(found)
    }

    async fn list_real_project_slugs(&self, offset: u64, limit: u32) -> Result<Vec<Slug>, StoreError> {
        let rows = sqlx::query(
            "SELECT slug FROM projects WHERE published = 1 AND synthetic = 0 ORDER BY slug LIMIT $1 OFFSET $2",
        )
        .bind(i64::from(limit))
        .bind(offset as i64)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let slug: String = r.try_get("slug")?;
                Slug::parse(&slug).map_err(|e| StoreError::Corrupt {
                    kind: "project",
                    key: slug.clone(),
                    field: "slug",
                    reason: e.to_string(),
                })
            })
            .collect()
    }

    async fn list_projects_by_country(&self, country: &str, limit: u32) -> Result<Vec<Project>, StoreError> {
        let sql = format!(
            "SELECT {} FROM projects WHERE published = 1 AND id IN (SELECT project_id FROM project_countries WHERE country = $1) \
             ORDER BY synthetic ASC, sort_title ASC, id ASC LIMIT {limit}",
            self.project_columns()
        );
        self.fetch_projects(&sql, &[Arg::Text(country.to_owned())]).await
    }

    async fn list_calls(&self) -> Result<Vec<Call>, StoreError> {
        self.list_all("SELECT * FROM calls WHERE published = 1 ORDER BY deadline_utc DESC, slug", rows::call).await
    }

    async fn find_call_by_slug(&self, slug: &Slug) -> Result<Option<Call>, StoreError> {
        self.find_one("calls WHERE published = 1 AND", slug, rows::call).await
    }

    async fn list_news(&self, paging: Paging) -> Result<Page<NewsItem>, StoreError> {
        let total: i64 = sqlx::query("SELECT COUNT(*) AS n FROM news WHERE published = 1")
            .fetch_one(&self.pool)
            .await?
            .try_get("n")?;
        let sql = format!(
            "SELECT * FROM news WHERE published = 1 ORDER BY sort_date DESC, slug LIMIT {} OFFSET {}",
            paging.per_page(),
            paging.offset()
        );
        Ok(Page { items: self.list_all(&sql, rows::news).await?, total: total as u64 })
    }

    async fn find_news_by_slug(&self, slug: &Slug) -> Result<Option<NewsItem>, StoreError> {
        self.find_one("news WHERE published = 1 AND", slug, rows::news).await
    }

    async fn list_agencies(&self) -> Result<Vec<Agency>, StoreError> {
        self.list_all("SELECT * FROM agencies ORDER BY id", rows::agency).await
    }

    async fn find_agency_by_slug(&self, slug: &Slug) -> Result<Option<Agency>, StoreError> {
        self.find_one("agencies WHERE", slug, rows::agency).await
    }

    async fn list_instruments(&self) -> Result<Vec<Instrument>, StoreError> {
        self.list_all("SELECT * FROM instruments WHERE published = 1 ORDER BY id", rows::instrument).await
    }

    async fn find_instrument_by_slug(&self, slug: &Slug) -> Result<Option<Instrument>, StoreError> {
        self.find_one("instruments WHERE published = 1 AND", slug, rows::instrument).await
    }

    async fn list_bodies(&self) -> Result<Vec<Body>, StoreError> {
        self.list_all("SELECT * FROM bodies ORDER BY id", rows::body).await
    }

    async fn list_institutions(&self) -> Result<Vec<Institution>, StoreError> {
        self.list_all("SELECT * FROM institutions ORDER BY name", rows::institution).await
    }

    async fn list_people(&self) -> Result<Vec<Person>, StoreError> {
        self.list_all("SELECT * FROM people ORDER BY id", rows::person).await
    }

    async fn section_text(&self, section: &str) -> Result<Vec<String>, StoreError> {
        let row = sqlx::query("SELECT value FROM meta WHERE key = $1")
            .bind(format!("section:{section}"))
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else { return Ok(Vec::new()) };
        let text: String = row.try_get("value")?;
        serde_json::from_str(&text).map_err(|e| StoreError::Corrupt {
            kind: "section text",
            key: section.to_owned(),
            field: "value",
            reason: e.to_string(),
        })
    }

    async fn content_source(&self) -> Result<Option<String>, StoreError> {
        Ok(sqlx::query("SELECT value FROM meta WHERE key = 'content_source'")
            .fetch_optional(&self.pool)
            .await?
            .map(|r| r.try_get::<String, _>("value"))
            .transpose()?)
    }
}
