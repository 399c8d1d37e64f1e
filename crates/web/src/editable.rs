//! Calls, news and instruments as editors write them: what each kind takes, how it is checked, how it is
//! drawn as a form and previewed. The API ([`crate::content_editing`]) and the browser's pages
//! ([`crate::workspace_content`]) both go through [`Editable`].

use crate::calls::CallResource;
use crate::error::AppError;
use crate::form::{paragraphs_text, text_paragraphs, FieldError, Form};
use crate::i18n::Catalogue;
use crate::legislation::InstrumentResource;
use crate::news::NewsResource;
use crate::params::Params;
use crate::search::{call_doc, instrument_doc, news_doc};
use crate::AppState;
use chrono::{DateTime, Utc};
use maud::Markup;
use rapporteur_core::content::Article;
use rapporteur_core::{
    Agency, Call, CallKind, Deadline, Instrument, InstrumentKind, MemberState, NewsItem, PartialDate, Slug,
};
use rapporteur_search::{DocKind, SearchDoc};
use rapporteur_store::{EditableItem, EditableKind};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What an item may refer to and its preview may show: every instrument, agency and call, drafts included.
pub(crate) struct References {
    pub instruments: Vec<Instrument>,
    pub agencies: Vec<Agency>,
    pub calls: Vec<Call>,
}

impl References {
    pub(crate) async fn load(state: &AppState) -> Result<Self, AppError> {
        Ok(References {
            instruments: all_of(state).await?,
            agencies: state.repo.list_agencies().await?,
            calls: all_of(state).await?,
        })
    }

    fn instrument_options(&self) -> Vec<(String, String)> {
        self.instruments.iter().map(|i| (i.slug.to_string(), i.title.clone())).collect()
    }
}

/// Every item of one kind, drafts included, in the editors' order.
pub(crate) async fn all_of<T: Editable>(state: &AppState) -> Result<Vec<T>, AppError> {
    state.repo.list_items_for_editing(T::KIND).await?.into_iter().map(expect_kind).collect()
}

/// One kind of content that editors write through the same routes, forms and revisions.
pub(crate) trait Editable: Sized + Clone + Send + Sync + 'static {
    const KIND: EditableKind;
    const DOC: DocKind;
    /// The path segment under `/workspace` and `/api/v1`.
    const SEGMENT: &'static str;
    /// Where the public sees one: `{PUBLIC}/{slug}`.
    const PUBLIC: &'static str;
    /// The message id of the kind's name in the plural, as the public pages title it.
    const TITLE_ID: &'static str;
    type Input: DeserializeOwned + Send;
    type Resource: Serialize + Send;

    /// Checks every field and builds the item (a draft unless the input says otherwise), or lists every problem.
    fn check(input: Self::Input, refs: &References) -> Result<Self, Vec<FieldError>>;
    fn resource(self, now: DateTime<Utc>) -> Self::Resource;
    fn into_item(self) -> EditableItem;
    fn from_item(item: EditableItem) -> Option<Self>;
    fn search_doc(&self) -> SearchDoc;
    fn slug(&self) -> &Slug;
    fn title(&self) -> &str;
    fn is_published(&self) -> bool;

    /// The form's fields filled with the item.
    fn form_values(&self) -> Params;
    /// What a submitted form says, as the API's input (one check for both).
    fn input_from_form(slug: &str, form: &Params) -> Self::Input;
    fn form_fields(cat: &Catalogue, form: &Form<'_>, refs: &References) -> Markup;
    /// The public page's content, under its title.
    fn preview(&self, cat: &Catalogue, refs: &References, now: DateTime<Utc>) -> Markup;
}

/// The methods of [`Editable`] that are the same for every kind: each has `slug`, `title` and `published`
/// fields and one variant of [`EditableItem`].
macro_rules! item_accessors {
    ($variant:ident) => {
        fn into_item(self) -> EditableItem {
            EditableItem::$variant(self)
        }
        fn from_item(item: EditableItem) -> Option<Self> {
            match item {
                EditableItem::$variant(value) => Some(value),
                _ => None,
            }
        }
        fn slug(&self) -> &Slug {
            &self.slug
        }
        fn title(&self) -> &str {
            &self.title
        }
        fn is_published(&self) -> bool {
            self.published
        }
    };
}

/// Collects every problem of an input before giving up.
#[derive(Default)]
pub(crate) struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    pub(crate) fn bad(&mut self, field: impl Into<String>, detail: impl Into<String>) {
        self.errors.push(FieldError::new(field, detail));
    }

    pub(crate) fn slug(&mut self, text: &str) -> Option<Slug> {
        Slug::parse(text.trim()).map_err(|e| self.bad("slug", e.to_string())).ok()
    }

    pub(crate) fn title(&mut self, text: &str) -> String {
        let title = text.trim().to_owned();
        if title.is_empty() || title.chars().count() > 500 {
            self.bad("title", "the title must have from 1 to 500 characters");
        }
        title
    }

    /// Slugs that must name something that exists (`what` names it in the error: "instrument").
    pub(crate) fn known_slugs<'k>(
        &mut self,
        field: &str,
        what: &str,
        given: &[String],
        known: impl Iterator<Item = &'k Slug> + Clone,
    ) -> Vec<Slug> {
        let mut found = Vec::new();
        for (i, text) in given.iter().enumerate() {
            match known.clone().find(|s| s.as_str() == text.trim()) {
                Some(slug) if !found.contains(slug) => found.push(slug.clone()),
                Some(_) => {}
                None => self.bad(format!("{field}[{i}]"), format!("there is no {what} {text:?}")),
            }
        }
        found
    }

    /// A slug that must name something that exists (`what` names it in the error: "instrument").
    pub(crate) fn known_slug<'k>(
        &mut self,
        field: &str,
        what: &str,
        given: &str,
        mut known: impl Iterator<Item = &'k Slug>,
    ) -> Option<Slug> {
        let found = known.find(|s| s.as_str() == given.trim()).cloned();
        if found.is_none() {
            self.bad(field, format!("there is no {what} {given:?}"));
        }
        found
    }

    pub(crate) fn date(&mut self, field: &str, text: &str) -> Option<PartialDate> {
        PartialDate::parse(text.trim())
            .map_err(|_| self.bad(field, format!("{text:?} is not a date such as 2018, 2018-06 or 2018-06-13")))
            .ok()
    }

    pub(crate) fn finish<T>(self, value: Option<T>) -> Result<T, Vec<FieldError>> {
        match value {
            Some(v) if self.errors.is_empty() => Ok(v),
            _ => Err(self.errors),
        }
    }
}

/// Paragraphs as sent, without surrounding blanks or empty ones.
fn paragraphs(sent: Vec<String>) -> Vec<String> {
    sent.into_iter().map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect()
}

fn trimmed(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

fn text_of(form: &Params, name: &str) -> Option<String> {
    form.get(name).map(str::to_owned)
}

fn values(pairs: Vec<(&str, String)>) -> Params {
    Params::from_pairs(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

fn repeated(name: &str, items: impl IntoIterator<Item = String>) -> Vec<(&str, String)> {
    items.into_iter().map(|v| (name, v)).collect()
}

/// What a call's deadline says "as written" when the editor gives nothing else: the deadline as typed.
fn default_as_written(deadline: &str) -> String {
    deadline.trim().replace('T', " ")
}

/// A call as an editor sends it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CallInput {
    pub slug: String,
    /// call_for_proposals or expression_of_interest (a call of the Civil Society Platform)
    pub kind: String,
    pub fund: Option<String>,
    pub title: String,
    pub topic: Option<String>,
    pub work_programme: Option<String>,
    /// Brussels time: "2019-01-31" (until the end of that day) or "2018-01-31T17:00".
    pub deadline: String,
    /// The deadline as the call text writes it; the deadline itself where left out.
    pub deadline_as_written: Option<String>,
    #[serde(default)]
    pub summary: Vec<String>,
    /// ISO codes of the Member States where applicants must have their legal seat; empty for no restriction.
    #[serde(default)]
    pub eligible_member_states: Vec<String>,
    /// Corrections published after the call opened, oldest first.
    #[serde(default)]
    pub errata: Vec<String>,
    /// Slugs of the instruments the call refers to.
    #[serde(default)]
    pub instruments: Vec<String>,
    /// Only on creation: publish at once (default: a draft).
    #[serde(default)]
    pub published: bool,
}

impl Editable for Call {
    const KIND: EditableKind = EditableKind::Call;
    const DOC: DocKind = DocKind::Call;
    const SEGMENT: &'static str = "calls";
    const PUBLIC: &'static str = "/calls";
    const TITLE_ID: &'static str = "calls-title";
    type Input = CallInput;
    type Resource = CallResource;

    fn check(input: CallInput, refs: &References) -> Result<Self, Vec<FieldError>> {
        let mut check = Checker::default();
        let slug = check.slug(&input.slug);
        let title = check.title(&input.title);
        let kind = CallKind::parse(input.kind.trim());
        if kind.is_none() {
            check.bad("kind", "the kind must be call_for_proposals or expression_of_interest");
        }
        let deadline = Deadline::parse(&input.deadline).map_err(|e| check.bad("deadline", e.to_string())).ok();
        let mut eligible = Vec::new();
        for (i, code) in input.eligible_member_states.iter().enumerate() {
            match MemberState::parse(code.trim()) {
                Ok(m) if !eligible.contains(&m) => eligible.push(m),
                Ok(_) => {}
                Err(e) => check.bad(format!("eligible_member_states[{i}]"), e.to_string()),
            }
        }
        let instruments = check.known_slugs(
            "instruments",
            "instrument",
            &input.instruments,
            refs.instruments.iter().map(|i| &i.slug),
        );
        let call = match (slug, kind, deadline) {
            (Some(slug), Some(kind), Some(deadline)) => Some(Call {
                slug,
                kind,
                fund: trimmed(input.fund),
                title,
                topic: trimmed(input.topic),
                work_programme: trimmed(input.work_programme),
                deadline_as_written: trimmed(input.deadline_as_written)
                    .unwrap_or_else(|| default_as_written(&input.deadline)),
                deadline,
                summary: paragraphs(input.summary),
                eligible_member_states: eligible,
                errata: paragraphs(input.errata),
                instruments,
                published: input.published,
            }),
            _ => None,
        };
        check.finish(call)
    }

    fn resource(self, now: DateTime<Utc>) -> CallResource {
        CallResource::new(self, now)
    }
    item_accessors!(Call);
    fn search_doc(&self) -> SearchDoc {
        call_doc(self)
    }

    fn form_values(&self) -> Params {
        let mut pairs = vec![
            ("slug", self.slug.to_string()),
            ("kind", self.kind.code().to_owned()),
            ("fund", self.fund.clone().unwrap_or_default()),
            ("title", self.title.clone()),
            ("topic", self.topic.clone().unwrap_or_default()),
            ("work_programme", self.work_programme.clone().unwrap_or_default()),
            ("deadline", self.deadline.to_storage_string()),
            // Left empty when it only repeats the deadline, so that a changed deadline is not shown beside the
            // old one "as written".
            (
                "deadline_as_written",
                if self.deadline_as_written == default_as_written(&self.deadline.to_storage_string()) {
                    String::new()
                } else {
                    self.deadline_as_written.clone()
                },
            ),
            ("summary", paragraphs_text(&self.summary)),
            ("errata", paragraphs_text(&self.errata)),
        ];
        pairs.extend(repeated("eligible_member_states", self.eligible_member_states.iter().map(|m| m.iso().into())));
        pairs.extend(repeated("instruments", self.instruments.iter().map(|s| s.to_string())));
        values(pairs)
    }

    fn input_from_form(slug: &str, form: &Params) -> CallInput {
        let strings = |name| form.get_all(name).into_iter().map(str::to_owned).collect();
        CallInput {
            slug: slug.to_owned(),
            kind: text_of(form, "kind").unwrap_or_default(),
            fund: text_of(form, "fund"),
            title: text_of(form, "title").unwrap_or_default(),
            topic: text_of(form, "topic"),
            work_programme: text_of(form, "work_programme"),
            deadline: text_of(form, "deadline").unwrap_or_default(),
            deadline_as_written: text_of(form, "deadline_as_written"),
            summary: text_paragraphs(form.get("summary").unwrap_or_default()),
            eligible_member_states: strings("eligible_member_states"),
            errata: text_paragraphs(form.get("errata").unwrap_or_default()),
            instruments: strings("instruments"),
            published: false,
        }
    }

    fn form_fields(cat: &Catalogue, form: &Form<'_>, refs: &References) -> Markup {
        let kinds = [CallKind::ExpressionOfInterest, CallKind::CallForProposals]
            .map(|k| (k.code().to_owned(), crate::calls::kind_label(cat, k)));
        let member_states: Vec<(String, String)> =
            MemberState::all().map(|m| (m.iso().to_owned(), m.name().to_owned())).collect();
        maud::html! {
            (form.select("kind", &cat.t("call-kind"), &kinds))
            (form.input("title", &cat.t("edit-title"), "text", None))
            (form.input("fund", &cat.t("call-fund"), "text", None))
            (form.input("topic", &cat.t("call-topic"), "text", None))
            (form.input("work_programme", &cat.t("call-work-programme"), "text", None))
            (form.input("deadline", &cat.t("call-deadline"), "text", Some(&cat.t("edit-deadline-hint"))))
            (form.input("deadline_as_written", &cat.t("edit-deadline-as-written"), "text", None))
            (form.checkboxes("eligible_member_states", &cat.t("edit-eligible"), &member_states))
            (form.area("summary", &cat.t("call-summary"), &cat.t("edit-paragraphs-hint")))
            (form.area("errata", &cat.t("call-errata"), &cat.t("edit-errata-hint")))
            (form.checkboxes("instruments", &cat.t("call-instruments"), &refs.instrument_options()))
        }
    }

    fn preview(&self, cat: &Catalogue, refs: &References, now: DateTime<Utc>) -> Markup {
        crate::calls::call_body(cat, self, now, &refs.instruments)
    }
}

/// A news item as an editor sends it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewsInput {
    pub slug: String,
    pub title: String,
    /// YYYY-MM-DD, or YYYY-MM where only the month is known.
    pub date: String,
    #[serde(default)]
    pub body: Vec<String>,
    /// Slugs of the instruments the item refers to.
    #[serde(default)]
    pub instruments: Vec<String>,
    /// Slugs of the agencies the item names.
    #[serde(default)]
    pub agencies: Vec<String>,
    /// Only on creation: publish at once (default: a draft).
    #[serde(default)]
    pub published: bool,
}

impl Editable for NewsItem {
    const KIND: EditableKind = EditableKind::News;
    const DOC: DocKind = DocKind::News;
    const SEGMENT: &'static str = "news";
    const PUBLIC: &'static str = "/news";
    const TITLE_ID: &'static str = "news-title";
    type Input = NewsInput;
    type Resource = NewsResource;

    fn check(input: NewsInput, refs: &References) -> Result<Self, Vec<FieldError>> {
        let mut check = Checker::default();
        let slug = check.slug(&input.slug);
        let title = check.title(&input.title);
        let date = check.date("date", &input.date);
        let body = paragraphs(input.body);
        if body.is_empty() {
            check.bad("body", "a news item needs at least one paragraph");
        }
        let instruments = check.known_slugs(
            "instruments",
            "instrument",
            &input.instruments,
            refs.instruments.iter().map(|i| &i.slug),
        );
        let agencies = check.known_slugs("agencies", "agency", &input.agencies, refs.agencies.iter().map(|a| &a.slug));
        let item = slug.zip(date).map(|(slug, date)| NewsItem {
            slug,
            title,
            date,
            body,
            instruments,
            agencies,
            published: input.published,
        });
        check.finish(item)
    }

    fn resource(self, _: DateTime<Utc>) -> NewsResource {
        self.into()
    }
    item_accessors!(News);
    fn search_doc(&self) -> SearchDoc {
        news_doc(self)
    }

    fn form_values(&self) -> Params {
        let mut pairs = vec![
            ("slug", self.slug.to_string()),
            ("title", self.title.clone()),
            ("date", self.date.to_string()),
            ("body", paragraphs_text(&self.body)),
        ];
        pairs.extend(repeated("instruments", self.instruments.iter().map(|s| s.to_string())));
        pairs.extend(repeated("agencies", self.agencies.iter().map(|s| s.to_string())));
        values(pairs)
    }

    fn input_from_form(slug: &str, form: &Params) -> NewsInput {
        let strings = |name| form.get_all(name).into_iter().map(str::to_owned).collect();
        NewsInput {
            slug: slug.to_owned(),
            title: text_of(form, "title").unwrap_or_default(),
            date: text_of(form, "date").unwrap_or_default(),
            body: text_paragraphs(form.get("body").unwrap_or_default()),
            instruments: strings("instruments"),
            agencies: strings("agencies"),
            published: false,
        }
    }

    fn form_fields(cat: &Catalogue, form: &Form<'_>, refs: &References) -> Markup {
        let agencies: Vec<(String, String)> =
            refs.agencies.iter().map(|a| (a.slug.to_string(), format!("{} ({})", a.name, a.acronym))).collect();
        maud::html! {
            (form.input("title", &cat.t("edit-title"), "text", None))
            (form.input("date", &cat.t("edit-date"), "text", Some(&cat.t("edit-date-hint"))))
            (form.area("body", &cat.t("edit-body"), &cat.t("edit-paragraphs-hint")))
            (form.checkboxes("instruments", &cat.t("news-instruments"), &refs.instrument_options()))
            (form.checkboxes("agencies", &cat.t("news-agencies"), &agencies))
        }
    }

    fn preview(&self, cat: &Catalogue, refs: &References, _: DateTime<Utc>) -> Markup {
        crate::news::news_body(cat, self, &refs.instruments, &refs.agencies)
    }
}

/// An instrument as an editor sends it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InstrumentInput {
    pub slug: String,
    /// directive, council_conclusions, strategy, communication, joint_statement, report, study, work_programme
    pub kind: String,
    pub title: String,
    /// The official reference, e.g. "Directive 2011/36/EU" or "COM(2017) 728 final".
    pub reference: Option<String>,
    /// As precise as known: YYYY, YYYY-MM or YYYY-MM-DD.
    pub date: Option<String>,
    #[serde(default)]
    pub summary: Vec<String>,
    /// The articles the portal cites.
    #[serde(default)]
    pub articles: Vec<ArticleInput>,
    /// Only on creation: publish at once (default: a draft).
    #[serde(default)]
    pub published: bool,
}

/// An article of an instrument.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ArticleInput {
    /// "2", "11(4)"
    pub number: String,
    pub subject: String,
}

impl Editable for Instrument {
    const KIND: EditableKind = EditableKind::Instrument;
    const DOC: DocKind = DocKind::Instrument;
    const SEGMENT: &'static str = "instruments";
    const PUBLIC: &'static str = "/legislation";
    const TITLE_ID: &'static str = "legislation-title";
    type Input = InstrumentInput;
    type Resource = InstrumentResource;

    fn check(input: InstrumentInput, _: &References) -> Result<Self, Vec<FieldError>> {
        let mut check = Checker::default();
        let slug = check.slug(&input.slug);
        let title = check.title(&input.title);
        let kind = InstrumentKind::parse(input.kind.trim());
        if kind.is_none() {
            let codes: Vec<&str> = InstrumentKind::ALL.iter().map(|k| k.code()).collect();
            check.bad("kind", format!("the kind must be one of {}", codes.join(", ")));
        }
        let date = trimmed(input.date).and_then(|d| check.date("date", &d));
        let mut articles = Vec::new();
        for (i, a) in input.articles.into_iter().enumerate() {
            let (number, subject) = (a.number.trim().to_owned(), a.subject.trim().to_owned());
            if number.is_empty() {
                check.bad(format!("articles[{i}].number"), "an article needs its number");
            }
            if subject.is_empty() {
                check.bad(
                    format!("articles[{i}].subject"),
                    "an article needs its subject, after the number and a colon",
                );
            }
            articles.push(Article { number, subject });
        }
        let instrument = slug.zip(kind).map(|(slug, kind)| Instrument {
            slug,
            kind,
            title,
            reference: trimmed(input.reference),
            date,
            summary: paragraphs(input.summary),
            articles,
            published: input.published,
        });
        check.finish(instrument)
    }

    fn resource(self, _: DateTime<Utc>) -> InstrumentResource {
        self.into()
    }
    item_accessors!(Instrument);
    fn search_doc(&self) -> SearchDoc {
        instrument_doc(self)
    }

    fn form_values(&self) -> Params {
        let articles: Vec<String> = self.articles.iter().map(|a| format!("{}: {}", a.number, a.subject)).collect();
        values(vec![
            ("slug", self.slug.to_string()),
            ("kind", self.kind.code().to_owned()),
            ("title", self.title.clone()),
            ("reference", self.reference.clone().unwrap_or_default()),
            ("date", self.date.map(|d| d.to_string()).unwrap_or_default()),
            ("summary", paragraphs_text(&self.summary)),
            ("articles", articles.join("\n")),
        ])
    }

    fn input_from_form(slug: &str, form: &Params) -> InstrumentInput {
        let articles = form
            .get("articles")
            .unwrap_or_default()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|line| {
                let (number, subject) = line.split_once(':').unwrap_or((line, ""));
                ArticleInput { number: number.to_owned(), subject: subject.to_owned() }
            })
            .collect();
        InstrumentInput {
            slug: slug.to_owned(),
            kind: text_of(form, "kind").unwrap_or_default(),
            title: text_of(form, "title").unwrap_or_default(),
            reference: text_of(form, "reference"),
            date: text_of(form, "date"),
            summary: text_paragraphs(form.get("summary").unwrap_or_default()),
            articles,
            published: false,
        }
    }

    fn form_fields(cat: &Catalogue, form: &Form<'_>, _: &References) -> Markup {
        let kinds: Vec<(String, String)> = InstrumentKind::ALL
            .iter()
            .map(|k| (k.code().to_owned(), crate::legislation::kind_label(cat, *k)))
            .collect();
        maud::html! {
            (form.select("kind", &cat.t("instrument-kind"), &kinds))
            (form.input("title", &cat.t("edit-title"), "text", None))
            (form.input("reference", &cat.t("instrument-reference"), "text", None))
            (form.input("date", &cat.t("instrument-date"), "text", Some(&cat.t("edit-partial-date-hint"))))
            (form.area("summary", &cat.t("edit-summary"), &cat.t("edit-paragraphs-hint")))
            (form.area("articles", &cat.t("instrument-articles"), &cat.t("edit-articles-hint")))
        }
    }

    fn preview(&self, cat: &Catalogue, refs: &References, _: DateTime<Utc>) -> Markup {
        crate::legislation::instrument_body(cat, self, &refs.calls)
    }
}

/// Keeps the search index in step with a saved item: published ones are found, others are not.
pub(crate) fn reindex<T: Editable>(state: &AppState, item: &T) -> Result<(), AppError> {
    if item.is_published() {
        state.search.upsert([item.search_doc()])?;
    } else {
        state.search.remove(T::DOC, item.slug().as_str())?;
    }
    Ok(())
}

/// What the store returned, as the kind asked for.
pub(crate) fn expect_kind<T: Editable>(item: EditableItem) -> Result<T, AppError> {
    T::from_item(item)
        .ok_or_else(|| AppError::Internal(format!("the store returned another kind than {}", T::KIND.code())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rapporteur_core::Bundle;

    fn refs() -> References {
        let bundle = Bundle::embedded().unwrap();
        References { instruments: bundle.instruments, agencies: bundle.agencies, calls: bundle.calls }
    }

    #[test]
    fn every_kind_survives_its_own_form() {
        let bundle = Bundle::embedded().unwrap();
        let refs = refs();
        for c in &bundle.calls {
            let back = Call::check(Call::input_from_form(c.slug.as_str(), &c.form_values()), &refs).unwrap();
            assert_eq!(back, Call { published: false, ..c.clone() });
        }
        for n in &bundle.news {
            let back = NewsItem::check(NewsItem::input_from_form(n.slug.as_str(), &n.form_values()), &refs).unwrap();
            assert_eq!(back, NewsItem { published: false, ..n.clone() });
        }
        for i in &bundle.instruments {
            let back =
                Instrument::check(Instrument::input_from_form(i.slug.as_str(), &i.form_values()), &refs).unwrap();
            assert_eq!(back, Instrument { published: false, ..i.clone() });
        }
    }

    #[test]
    fn a_bad_call_names_every_field() {
        let input = CallInput {
            slug: "Not A Slug".into(),
            kind: "lottery".into(),
            fund: None,
            title: " ".into(),
            topic: None,
            work_programme: None,
            deadline: "31/01/2027".into(),
            deadline_as_written: None,
            summary: vec![],
            eligible_member_states: vec!["MT".into(), "XK".into()],
            errata: vec![],
            instruments: vec!["no-such-instrument".into()],
            published: false,
        };
        let errors = Call::check(input, &refs()).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["slug", "title", "kind", "deadline", "eligible_member_states[1]", "instruments[0]"]);
    }
}
