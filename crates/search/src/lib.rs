//! Full-text search over the portal's content, on tantivy.
//!
//! One in-memory index holds projects, calls, news, instruments, agencies, Member States' pages and the
//! portal's own pages. Text is split into words, folded to
//! ASCII (so "inonu" finds "İnönü"), lower-cased and stemmed with Snowball's English stemmer (so
//! "trafficked" finds "trafficking"). A title counts three times over the body. Hits carry an HTML
//! snippet with the matched words in `<mark>`; everything else in the snippet is escaped.

use std::ops::Bound;
use std::sync::Mutex;
use tantivy::collector::TopDocs;
use tantivy::indexer::{LogMergePolicy, NoMergePolicy};
use tantivy::query::{BooleanQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, Value, FAST, INDEXED, STORED,
    STRING,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
};
use tantivy::{doc, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};
use tantivy::{DocAddress, DocId, Order, SegmentReader};

const TOKENIZER: &str = "folded_english";
const WRITER_HEAP_BYTES: usize = 50_000_000;
const SNIPPET_CHARS: usize = 180;

/// What a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocKind {
    Project,
    Call,
    News,
    Instrument,
    /// A page of the portal itself ("network").
    Page,
    Agency,
    /// A Member State's page, by its lower-case ISO code.
    MemberState,
}

impl DocKind {
    pub const ALL: [DocKind; 7] = [
        DocKind::Project,
        DocKind::Call,
        DocKind::News,
        DocKind::Instrument,
        DocKind::Page,
        DocKind::Agency,
        DocKind::MemberState,
    ];

    pub fn code(self) -> &'static str {
        match self {
            DocKind::Project => "project",
            DocKind::Call => "call",
            DocKind::News => "news",
            DocKind::Instrument => "instrument",
            DocKind::Page => "page",
            DocKind::Agency => "agency",
            DocKind::MemberState => "member_state",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == text)
    }
}

/// A document to index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDoc {
    pub kind: DocKind,
    pub slug: String,
    pub title: String,
    pub body: String,
    pub synthetic: bool,
    /// What a project is listed and sorted by; `None` for other kinds.
    pub project: Option<ProjectFacets>,
}

/// What the project list filters and sorts by. Dates are days since 1970-01-01.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProjectFacets {
    /// FP6, FP7, ERC, SYNTHETIC.
    pub programme: String,
    /// ISO codes of the lead's and the partners' countries.
    pub countries: Vec<String>,
    pub start: Option<i64>,
    /// The last day it runs: its end, or its start when the end is not known.
    pub until: Option<i64>,
    pub budget_cents: Option<i64>,
    /// The title in lower case, as the list sorts it.
    pub sort_title: String,
}

/// Which projects to list: the words of `words` (all of them), and the filters given.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProjectQuery {
    pub words: Option<String>,
    pub programme: Option<String>,
    pub country: Option<String>,
    /// Running on or after this day ([`ProjectFacets::until`] at least this).
    pub until_from: Option<i64>,
    /// Started on or before this day.
    pub start_to: Option<i64>,
    pub budget_min_cents: Option<i64>,
    pub budget_max_cents: Option<i64>,
    /// Only generated load-test data (true), or only real projects (false).
    pub synthetic: Option<bool>,
    pub order: ProjectOrder,
}

/// The order of a project list. Projects without the value sorted by come last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProjectOrder {
    /// Best match first (with words; by title without).
    #[default]
    Relevance,
    Title,
    StartAsc,
    StartDesc,
    BudgetAsc,
    BudgetDesc,
}

/// A page of the project list: the slugs, in order, and the number of all matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectPage {
    pub total: u64,
    pub slugs: Vec<String>,
}

/// One hit, best first.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub kind: DocKind,
    pub slug: String,
    pub title: String,
    /// The title with matched words in `<mark>`, HTML-escaped.
    pub title_html: String,
    /// A passage of the body with matched words in `<mark>`, HTML-escaped; empty when the body has none.
    pub snippet_html: String,
    pub synthetic: bool,
    pub score: f32,
}

/// A page of hits and the number of all matches.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchResults {
    pub total: usize,
    pub hits: Vec<Hit>,
}

/// Search failed inside the engine.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("search index writer is poisoned by an earlier panic")]
    Poisoned,
}

#[derive(Debug, Clone, Copy)]
struct Fields {
    kind: Field,
    key: Field,
    slug: Field,
    title: Field,
    body: Field,
    /// Title and body together: what a search matches on (one posting list a word, rather than a union of
    /// two, is what keeps counting the matches of common words cheap).
    all: Field,
    synthetic: Field,
    programme: Field,
    country: Field,
    start: Field,
    until: Field,
    budget: Field,
    sort_title: Field,
}

/// The names of the fast fields the project list sorts by.
const START: &str = "start";
const BUDGET: &str = "budget";
const SORT_TITLE: &str = "sort_title";

/// The index, its reader and its one writer.
pub struct SearchIndex {
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
    fields: Fields,
    analyzer: TextAnalyzer,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex").field("docs", &self.reader.searcher().num_docs()).finish()
    }
}

fn analyzer() -> TextAnalyzer {
    // Folding before lower-casing: folding maps "İ" to "I", whereas lower-casing first would give "i̇"
    // (i with a combining dot), which folding keeps.
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(AsciiFoldingFilter)
        .filter(LowerCaser)
        .filter(Stemmer::new(Language::English))
        .build()
}

impl SearchIndex {
    /// An empty index in memory.
    pub fn new() -> Result<Self, SearchError> {
        let mut schema = Schema::builder();
        // Frequencies for ranking; no positions: there are no phrase queries, and snippets read the stored text.
        let indexing =
            TextFieldIndexing::default().set_tokenizer(TOKENIZER).set_index_option(IndexRecordOption::WithFreqs);
        let text = TextOptions::default().set_indexing_options(indexing.clone()).set_stored();
        let fields = Fields {
            kind: schema.add_text_field("kind", STRING | STORED),
            key: schema.add_text_field("key", STRING),
            slug: schema.add_text_field("slug", STRING | STORED),
            title: schema.add_text_field("title", text.clone()),
            body: schema.add_text_field("body", text),
            all: schema.add_text_field("all", TextOptions::default().set_indexing_options(indexing)),
            synthetic: schema.add_bool_field("synthetic", INDEXED | STORED),
            programme: schema.add_text_field("programme", STRING),
            country: schema.add_text_field("country", STRING),
            start: schema.add_i64_field(START, NumericOptions::default().set_indexed() | FAST),
            until: schema.add_i64_field("until", NumericOptions::default().set_indexed()),
            budget: schema.add_i64_field(BUDGET, NumericOptions::default().set_indexed() | FAST),
            sort_title: schema.add_text_field(SORT_TITLE, STRING | FAST),
        };
        let index = Index::create_in_ram(schema.build());
        index.tokenizers().register(TOKENIZER, analyzer());
        let writer: IndexWriter = index.writer(WRITER_HEAP_BYTES)?;
        // No merges in the background until a bulk load has been merged into one segment (see
        // `merge_segments`): a background merge could take away segments the explicit one is merging.
        writer.set_merge_policy(Box::new(NoMergePolicy));
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(SearchIndex { reader, writer: Mutex::new(writer), fields, analyzer: analyzer() })
    }

    fn key(kind: DocKind, slug: &str) -> String {
        format!("{}/{slug}", kind.code())
    }

    /// Adds or replaces documents (by kind and slug) and makes them searchable.
    pub fn upsert(&self, docs: impl IntoIterator<Item = SearchDoc>) -> Result<usize, SearchError> {
        let n = self.stage(docs)?;
        self.commit()?;
        Ok(n)
    }

    /// Makes everything staged searchable.
    pub fn commit(&self) -> Result<(), SearchError> {
        self.writer.lock().map_err(|_| SearchError::Poisoned)?.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    /// Merges all segments into one, after a bulk load: each query then walks one set of posting lists.
    /// Later updates add small segments, which the default merge policy merges in the background again.
    pub fn merge_segments(&self) -> Result<(), SearchError> {
        let mut writer = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
        writer.set_merge_policy(Box::new(NoMergePolicy));
        // A background merge started before the policy changed may still take segments away: the merge is
        // then tried again on the segments there are.
        for attempt in 0.. {
            let ids = writer.index().searchable_segment_ids()?;
            if ids.len() <= 1 {
                break;
            }
            match writer.merge(&ids).wait() {
                Ok(_) => break,
                Err(tantivy::TantivyError::InvalidArgument(_)) if attempt < 10 => {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                Err(e) => return Err(e.into()),
            }
        }
        writer.commit()?;
        writer.set_merge_policy(Box::<LogMergePolicy>::default());
        self.reader.reload()?;
        Ok(())
    }

    /// Adds or replaces documents without making them searchable yet: a bulk load stages batch after batch
    /// and commits once, which leaves few segments and so keeps queries fast.
    pub fn stage(&self, docs: impl IntoIterator<Item = SearchDoc>) -> Result<usize, SearchError> {
        let f = self.fields;
        let writer = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
        let mut n = 0;
        for d in docs {
            let key = Self::key(d.kind, &d.slug);
            writer.delete_term(Term::from_field_text(f.key, &key));
            // The title three times: a word of the title counts as more of the document, which ranks title
            // matches first without a second, per-field query (a union per word, which cost a third of the
            // time of every search).
            let all = format!("{0}\n{0}\n{0}\n{1}", d.title, d.body);
            let mut document = doc!(
                f.kind => d.kind.code(),
                f.key => key,
                f.slug => d.slug,
                f.title => d.title,
                f.body => d.body,
                f.all => all,
                f.synthetic => d.synthetic,
            );
            if let Some(p) = d.project {
                document.add_text(f.programme, &p.programme);
                for country in &p.countries {
                    document.add_text(f.country, country);
                }
                if let Some(start) = p.start {
                    document.add_i64(f.start, start);
                }
                if let Some(until) = p.until {
                    document.add_i64(f.until, until);
                }
                if let Some(budget) = p.budget_cents {
                    document.add_i64(f.budget, budget);
                }
                document.add_text(f.sort_title, &p.sort_title);
            }
            writer.add_document(document)?;
            n += 1;
        }
        Ok(n)
    }

    /// Removes every document, without making that visible yet: a reload stages everything again and
    /// commits once, so that searches see the old index until the new one is whole.
    pub fn clear(&self) -> Result<(), SearchError> {
        self.writer.lock().map_err(|_| SearchError::Poisoned)?.delete_all_documents()?;
        Ok(())
    }

    /// Removes one document without making that visible yet (see [`SearchIndex::commit`]).
    pub fn unstage(&self, kind: DocKind, slug: &str) -> Result<(), SearchError> {
        let writer = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
        writer.delete_term(Term::from_field_text(self.fields.key, &Self::key(kind, slug)));
        Ok(())
    }

    /// Removes one document.
    pub fn remove(&self, kind: DocKind, slug: &str) -> Result<(), SearchError> {
        let mut writer = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
        writer.delete_term(Term::from_field_text(self.fields.key, &Self::key(kind, slug)));
        writer.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// How many segments the index has (each one is searched apart).
    pub fn num_segments(&self) -> usize {
        self.reader.searcher().segment_readers().len()
    }

    /// Finds documents matching every word of `text` (of the given kinds, or all when empty).
    /// Words the engine would read as syntax are taken as plain words, so no input is an error.
    pub fn search(
        &self,
        text: &str,
        kinds: &[DocKind],
        offset: usize,
        limit: usize,
    ) -> Result<SearchResults, SearchError> {
        let f = self.fields;
        let terms = self.terms(text);
        if terms.is_empty() {
            return Ok(SearchResults { total: 0, hits: Vec::new() });
        }
        let mut matching = self.matching(&terms);
        if !kinds.is_empty() {
            let kinds_query = BooleanQuery::new(
                kinds
                    .iter()
                    .map(|k| {
                        let q: Box<dyn Query> =
                            Box::new(TermQuery::new(Term::from_field_text(f.kind, k.code()), IndexRecordOption::Basic));
                        (Occur::Should, q)
                    })
                    .collect(),
            );
            matching.push((Occur::Must, Box::new(kinds_query)));
        }
        let searcher = self.reader.searcher();
        let top_docs = TopDocs::with_limit(limit.max(1)).and_offset(offset);
        let (top, total) = if matching.len() == 1 {
            // One word: its document frequency is the count, and ranking skips whole blocks of postings that
            // cannot reach the top (block-WAND), so the two apart cost less than one pass scoring every match.
            let (_, word) = matching.remove(0);
            (searcher.search(&word, &top_docs)?, word.count(&searcher)?)
        } else {
            // One pass ranks and counts: every match of a conjunction is scored anyway (block-WAND skips blocks
            // only for one word or a union), so a separate counting pass would walk the same postings twice.
            searcher.search(&BooleanQuery::new(matching), &(top_docs, tantivy::collector::Count))?
        };
        let mut title_snippets = SnippetGenerator::create(&searcher, &self.any_of(f.title, &terms), f.title)?;
        title_snippets.set_max_num_chars(500);
        let mut body_snippets = SnippetGenerator::create(&searcher, &self.any_of(f.body, &terms), f.body)?;
        body_snippets.set_max_num_chars(SNIPPET_CHARS);
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let text_of = |field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or_default().to_owned();
            let mut title = title_snippets.snippet_from_doc(&doc);
            title.set_snippet_prefix_postfix("<mark>", "</mark>");
            let mut body = body_snippets.snippet_from_doc(&doc);
            body.set_snippet_prefix_postfix("<mark>", "</mark>");
            let title_text = text_of(f.title);
            let title_html = if title.highlighted().is_empty() { escape(&title_text) } else { title.to_html() };
            hits.push(Hit {
                kind: DocKind::parse(&text_of(f.kind)).unwrap_or(DocKind::Project),
                slug: text_of(f.slug),
                title: title_text,
                title_html,
                snippet_html: body.to_html(),
                synthetic: doc.get_first(f.synthetic).and_then(|v| v.as_bool()).unwrap_or(false),
                score,
            });
        }
        Ok(SearchResults { total, hits })
    }
}

impl SearchIndex {
    /// The distinct terms of a text, as the index writes them (folded, lower-cased, stemmed). Anything the
    /// engine could read as syntax is plain text here, so no input is an error.
    fn terms(&self, text: &str) -> Vec<String> {
        let mut analyzer = self.analyzer.clone();
        let mut stream = analyzer.token_stream(text);
        let mut terms: Vec<String> = Vec::new();
        while let Some(token) = stream.next() {
            if !terms.contains(&token.text) {
                terms.push(token.text.clone());
            }
        }
        terms
    }

    /// Every term must be in the title or the body.
    fn matching(&self, terms: &[String]) -> Vec<(Occur, Box<dyn Query>)> {
        terms
            .iter()
            .map(|t| {
                let q: Box<dyn Query> =
                    Box::new(TermQuery::new(Term::from_field_text(self.fields.all, t), IndexRecordOption::WithFreqs));
                (Occur::Must, q)
            })
            .collect()
    }

    /// Any of the terms in one field: what a snippet of that field highlights.
    fn any_of(&self, field: Field, terms: &[String]) -> BooleanQuery {
        BooleanQuery::new(
            terms
                .iter()
                .map(|t| {
                    let q: Box<dyn Query> =
                        Box::new(TermQuery::new(Term::from_field_text(field, t), IndexRecordOption::WithFreqs));
                    (Occur::Should, q)
                })
                .collect(),
        )
    }

    /// A page of the project list: every published project matching `q`, in its order.
    pub fn search_projects(&self, q: &ProjectQuery, offset: usize, limit: usize) -> Result<ProjectPage, SearchError> {
        let Some(query) = self.project_query(q) else { return Ok(ProjectPage { total: 0, slugs: Vec::new() }) };
        let searcher = self.reader.searcher();
        let total = query.count(&searcher)? as u64;
        let top = TopDocs::with_limit(limit.max(1)).and_offset(offset);
        let order = match q.order {
            ProjectOrder::Relevance if q.words.is_none() => ProjectOrder::Title,
            order => order,
        };
        let addresses: Vec<DocAddress> = match order {
            ProjectOrder::Relevance => searcher.search(&query, &top)?.into_iter().map(|(_, a)| a).collect(),
            ProjectOrder::Title => searcher
                .search(&query, &top.order_by_string_fast_field(SORT_TITLE, Order::Asc))?
                .into_iter()
                .map(|(_, a)| a)
                .collect(),
            ProjectOrder::StartAsc => by_value(&searcher, &query, top, START, true)?,
            ProjectOrder::StartDesc => by_value(&searcher, &query, top, START, false)?,
            ProjectOrder::BudgetAsc => by_value(&searcher, &query, top, BUDGET, true)?,
            ProjectOrder::BudgetDesc => by_value(&searcher, &query, top, BUDGET, false)?,
        };
        let slugs = addresses
            .into_iter()
            .take(limit)
            .map(|a| {
                let doc: TantivyDocument = searcher.doc(a)?;
                Ok(doc.get_first(self.fields.slug).and_then(|v| v.as_str()).unwrap_or_default().to_owned())
            })
            .collect::<Result<_, SearchError>>()?;
        Ok(ProjectPage { total, slugs })
    }

    /// How many published projects match `q` (its order aside).
    pub fn count_projects(&self, q: &ProjectQuery) -> Result<u64, SearchError> {
        match self.project_query(q) {
            Some(query) => Ok(query.count(&self.reader.searcher())? as u64),
            None => Ok(0),
        }
    }

    /// The query of a project list, or `None` when it asks for words of which none can be searched ("%"):
    /// nothing matches those.
    fn project_query(&self, q: &ProjectQuery) -> Option<BooleanQuery> {
        let f = self.fields;
        let term = |field, text: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(Term::from_field_text(field, text), IndexRecordOption::Basic))
        };
        let range = |field, low: Option<i64>, high: Option<i64>| -> Box<dyn Query> {
            let bound =
                |v: Option<i64>| v.map_or(Bound::Unbounded, |v| Bound::Included(Term::from_field_i64(field, v)));
            Box::new(RangeQuery::new(bound(low), bound(high)))
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, term(f.kind, DocKind::Project.code()))];
        let terms = q.words.as_deref().map(|w| self.terms(w)).unwrap_or_default();
        if q.words.is_some() && terms.is_empty() {
            return None;
        }
        clauses.extend(self.matching(&terms));
        if let Some(programme) = &q.programme {
            clauses.push((Occur::Must, term(f.programme, programme)));
        }
        if let Some(country) = &q.country {
            clauses.push((Occur::Must, term(f.country, country)));
        }
        if q.until_from.is_some() {
            clauses.push((Occur::Must, range(f.until, q.until_from, None)));
        }
        if q.start_to.is_some() {
            clauses.push((Occur::Must, range(f.start, None, q.start_to)));
        }
        if q.budget_min_cents.is_some() || q.budget_max_cents.is_some() {
            clauses.push((Occur::Must, range(f.budget, q.budget_min_cents, q.budget_max_cents)));
        }
        if let Some(synthetic) = q.synthetic {
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(Term::from_field_bool(f.synthetic, synthetic), IndexRecordOption::Basic)),
            ));
        }
        Some(BooleanQuery::new(clauses))
    }
}

/// The top documents by an i64 fast field, ascending or descending, those without a value last.
fn by_value(
    searcher: &tantivy::Searcher,
    query: &dyn Query,
    top: TopDocs,
    field: &'static str,
    ascending: bool,
) -> Result<Vec<DocAddress>, SearchError> {
    let collector = top.custom_score(move |segment: &SegmentReader| {
        let column = segment.fast_fields().i64(field).ok();
        move |doc: DocId| match column.as_ref().and_then(|c| c.first(doc)) {
            // The collector keeps the highest scores: ascending order ranks the smallest value highest.
            Some(v) if ascending => i128::from(i64::MAX) - i128::from(v),
            Some(v) => i128::from(v) - i128::from(i64::MIN),
            None => -1,
        }
    });
    Ok(searcher.search(query, &collector)?.into_iter().map(|(_, a)| a).collect())
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(kind: DocKind, slug: &str, title: &str, body: &str) -> SearchDoc {
        SearchDoc { kind, slug: slug.into(), title: title.into(), body: body.into(), synthetic: false, project: None }
    }

    fn project(slug: &str, title: &str, facets: ProjectFacets) -> SearchDoc {
        SearchDoc {
            project: Some(ProjectFacets { sort_title: title.to_lowercase(), ..facets }),
            ..doc(DocKind::Project, slug, title, "Trafficking.")
        }
    }

    #[test]
    fn the_project_list_filters_sorts_and_counts() {
        let idx = SearchIndex::new().unwrap();
        let facets = |programme: &str, country: &str, start: Option<i64>, budget: Option<i64>| ProjectFacets {
            programme: programme.into(),
            countries: vec![country.into()],
            start,
            until: start.map(|s| s + 365),
            budget_cents: budget,
            sort_title: String::new(),
        };
        idx.upsert([
            project("b", "Beta labour", facets("FP7", "SE", Some(100), Some(5_00))),
            project("a", "Alpha labour", facets("ERC", "BE", Some(300), None)),
            project("c", "Gamma shelters", facets("FP7", "TR", None, Some(1_00))),
            doc(DocKind::News, "n", "Labour news", "Labour."),
        ])
        .unwrap();
        let list = |q: ProjectQuery| idx.search_projects(&q, 0, 10).unwrap();
        let all = list(ProjectQuery::default());
        assert_eq!((all.total, all.slugs.as_slice()), (3, ["a", "b", "c"].map(String::from).as_slice()), "by title");
        let labour = list(ProjectQuery { words: Some("labour".into()), ..Default::default() });
        assert_eq!(labour.total, 2, "news is not a project");
        let fp7 =
            list(ProjectQuery { programme: Some("FP7".into()), order: ProjectOrder::BudgetAsc, ..Default::default() });
        assert_eq!(fp7.slugs, ["c", "b"]);
        let by_start = list(ProjectQuery { order: ProjectOrder::StartDesc, ..Default::default() });
        assert_eq!(by_start.slugs, ["a", "b", "c"], "no start date: last");
        let by_start = list(ProjectQuery { order: ProjectOrder::StartAsc, ..Default::default() });
        assert_eq!(by_start.slugs, ["b", "a", "c"], "no start date: last, either way");
        let running = list(ProjectQuery { until_from: Some(500), start_to: Some(400), ..Default::default() });
        assert_eq!(running.slugs, ["a"]);
        let cheap =
            list(ProjectQuery { budget_max_cents: Some(2_00), country: Some("TR".into()), ..Default::default() });
        assert_eq!(cheap.slugs, ["c"]);
        let page = idx.search_projects(&ProjectQuery::default(), 1, 1).unwrap();
        assert_eq!((page.total, page.slugs.as_slice()), (3, ["b".to_owned()].as_slice()));
    }

    fn index() -> SearchIndex {
        let index = SearchIndex::new().unwrap();
        index
            .upsert([
                doc(DocKind::Project, "glomig", "Global Migration", "Coordinator at İnönü Bulvarı, Ankara."),
                doc(DocKind::Project, "body-only", "Maternity care", "Women trafficked across borders."),
                doc(DocKind::News, "title-hit", "Trafficking statement signed", "Ten agencies sign."),
                doc(DocKind::Call, "call", "Support to victims", "A <script> & call on trafficking."),
            ])
            .unwrap();
        index
    }

    #[test]
    fn stemming_finds_other_forms() {
        let r = index().search("trafficked", &[], 0, 10).unwrap();
        assert_eq!(r.total, 3);
    }

    #[test]
    fn title_ranks_above_body() {
        let r = index().search("trafficking", &[], 0, 10).unwrap();
        assert_eq!(r.hits[0].slug, "title-hit");
    }

    #[test]
    fn accents_fold() {
        let idx = index();
        assert_eq!(idx.search("inonu", &[], 0, 10).unwrap().hits[0].slug, "glomig");
        assert_eq!(idx.search("İNÖNÜ bulvari", &[], 0, 10).unwrap().hits[0].slug, "glomig");
    }

    #[test]
    fn snippets_highlight_and_escape() {
        let r = index().search("trafficking", &[DocKind::Call], 0, 10).unwrap();
        assert_eq!(r.total, 1);
        let s = &r.hits[0].snippet_html;
        assert!(s.contains("<mark>trafficking</mark>"), "{s}");
        assert!(s.contains("&lt;script&gt;"), "{s}");
        let t = index().search("statement", &[], 0, 10).unwrap();
        assert!(
            t.hits[0].title_html.contains("<mark>Statement</mark>")
                || t.hits[0].title_html.contains("<mark>statement</mark>")
        );
    }

    #[test]
    fn syntax_is_just_text_and_upsert_replaces() {
        let idx = index();
        assert_eq!(idx.search("title:(\"unclosed AND", &[], 0, 10).unwrap().total, 0);
        assert_eq!(idx.search("   ", &[], 0, 10).unwrap().total, 0);
        idx.upsert([doc(DocKind::Call, "call", "Renamed", "nothing")]).unwrap();
        assert_eq!(idx.search("victims", &[], 0, 10).unwrap().total, 0);
        assert_eq!(idx.num_docs(), 4);
        idx.remove(DocKind::Call, "call").unwrap();
        assert_eq!(idx.num_docs(), 3);
    }

    #[test]
    fn one_word_counts_only_what_is_still_there() {
        let idx = index();
        let before = idx.search("trafficking", &[], 0, 10).unwrap();
        assert_eq!((before.total, before.hits.len()), (3, 3));
        idx.remove(DocKind::Call, "call").unwrap();
        idx.upsert([doc(DocKind::News, "title-hit", "Trafficking statement signed again", "Ten agencies sign.")])
            .unwrap();
        let after = idx.search("trafficking", &[], 1, 1).unwrap();
        assert_eq!((after.total, after.hits.len()), (2, 1), "the removed and the replaced are not counted");
        let both = idx.search("trafficking statement", &[], 0, 10).unwrap();
        assert_eq!(both.total, 1);
    }
}
