//! What differs by kind in the workspace: where each lives, its form (filled from a document, read back into
//! one), and its preview, which is the public page's own view.

use super::{Context, EditablePage};
use crate::http::Params;
use crate::ui::content::{
    call_body, call_kind_label, instrument_body, instrument_kind_label, news_body, project_details,
};
use crate::ui::form::{paragraphs_text, text_paragraphs, Form};
use crate::ui::{Catalogue, Section};
use chrono::{DateTime, NaiveDate, Utc};
use maud::{html, Markup};
use rapporteur_core::editing::{
    ArticleDocument, CallDocument, InstrumentDocument, NewsDocument, PartnerDocument, ProjectDocument,
};
use rapporteur_core::partners::parse_partner_line;
use rapporteur_core::{
    Call, CallKind, Country, FieldProblem, Instrument, InstrumentKind, MemberState, NewsItem, Project,
};
use rapporteur_store::EditableItem;

/// The values a form is drawn with, from (field, value) pairs.
fn values(pairs: Vec<(&str, String)>) -> Params {
    Params::from_pairs(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

fn repeated(name: &str, items: impl IntoIterator<Item = String>) -> Vec<(&str, String)> {
    items.into_iter().map(|v| (name, v)).collect()
}

/// Reads a form over a document: each field the form sent replaces the document's; fields it did not send
/// keep their values.
struct FormReader<'f> {
    form: &'f Params,
    problems: Vec<FieldProblem>,
}

impl<'f> FormReader<'f> {
    fn new(form: &'f Params) -> Self {
        FormReader { form, problems: Vec::new() }
    }

    fn text(&self, name: &str, into: &mut String) {
        if self.form.contains(name) {
            *into = self.form.get(name).unwrap_or_default().to_owned();
        }
    }

    fn optional(&self, name: &str, into: &mut Option<String>) {
        if self.form.contains(name) {
            *into = self.form.get(name).map(str::to_owned);
        }
    }

    fn paragraphs(&self, name: &str, into: &mut Vec<String>) {
        if self.form.contains(name) {
            *into = text_paragraphs(self.form.get(name).unwrap_or_default());
        }
    }

    /// The ticked boxes of a group (the form always sends the group's name, even with none ticked).
    fn ticked(&self, name: &str, into: &mut Vec<String>) {
        if self.form.contains(name) {
            *into = self.form.get_all(name).into_iter().map(str::to_owned).collect();
        }
    }

    fn date(&mut self, name: &str, into: &mut Option<NaiveDate>) {
        if !self.form.contains(name) {
            return;
        }
        *into = self.form.get(name).and_then(|v| {
            NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .map_err(|_| {
                    self.problems.push(FieldProblem::new(name, format!("{v:?} is not a date such as 2018-06-13")))
                })
                .ok()
        });
    }
}

/// The partner lines the form shows: "Name, Country (ACRONYM)", as sources write them.
fn partner_lines(partners: &[PartnerDocument]) -> String {
    partners
        .iter()
        .map(|p| {
            let country =
                p.country.as_deref().and_then(|c| Country::parse_code(c).ok()).map(|c| c.name()).unwrap_or_default();
            format!("{}, {} ({})", p.name, country, p.acronym.clone().unwrap_or_default())
        })
        .collect::<Vec<_>>()
        .join("\n")
}

impl EditablePage for Project {
    const SEGMENT: &'static str = "projects";
    const PUBLIC: &'static str = "/projects";
    const TAG: &'static str = "projects";
    const SECTION: Section = Section::Projects;

    fn from_item(item: EditableItem) -> Option<Self> {
        match item {
            EditableItem::Project(p) => Some(p),
            _ => None,
        }
    }

    fn form_values(d: &ProjectDocument) -> Params {
        let or_empty = |v: &Option<String>| v.clone().unwrap_or_default();
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        values(vec![
            ("acronym", or_empty(&d.acronym)),
            ("title", d.title.clone()),
            ("reference", d.reference.clone()),
            (
                "coordinator_role",
                if d.coordinator.role.is_empty() { "coordinator".into() } else { d.coordinator.role.clone() },
            ),
            ("coordinator_name", or_empty(&d.coordinator.name)),
            ("coordinator_address", or_empty(&d.coordinator.address)),
            ("coordinator_country", or_empty(&d.coordinator.country)),
            ("principal_investigator", or_empty(&d.principal_investigator)),
            ("budget_eur", or_empty(&d.budget_eur)),
            ("start_date", date(d.start_date)),
            ("end_date", date(d.end_date)),
            ("partners", partner_lines(&d.partners)),
            ("partners_note", or_empty(&d.partners_note)),
            ("objectives", paragraphs_text(&d.objectives)),
            ("trafficking_link", paragraphs_text(&d.trafficking_link)),
            ("publications", or_empty(&d.publications)),
        ])
    }

    fn document_from_form(mut d: ProjectDocument, slug: &str, form: &Params) -> (ProjectDocument, Vec<FieldProblem>) {
        let mut read = FormReader::new(form);
        d.slug = slug.to_owned();
        read.optional("acronym", &mut d.acronym);
        read.text("title", &mut d.title);
        read.text("reference", &mut d.reference);
        read.text("coordinator_role", &mut d.coordinator.role);
        read.optional("coordinator_name", &mut d.coordinator.name);
        read.optional("coordinator_address", &mut d.coordinator.address);
        read.optional("coordinator_country", &mut d.coordinator.country);
        read.optional("principal_investigator", &mut d.principal_investigator);
        read.optional("budget_eur", &mut d.budget_eur);
        read.date("start_date", &mut d.start_date);
        read.date("end_date", &mut d.end_date);
        if read.form.contains("start_date") || read.form.contains("end_date") {
            // The months follow the dates the form gives.
            d.duration_months = None;
        }
        if form.contains("partners") {
            d.partners.clear();
            let lines = form.get("partners").unwrap_or_default().lines().filter(|l| !l.trim().is_empty());
            for (i, line) in lines.enumerate() {
                match parse_partner_line(line) {
                    Ok(found) => d.partners.extend(found.iter().map(PartnerDocument::from)),
                    Err(e) => read.problems.push(FieldProblem::new(format!("partners[{i}]"), e.to_string())),
                }
            }
        }
        read.optional("partners_note", &mut d.partners_note);
        read.paragraphs("objectives", &mut d.objectives);
        read.paragraphs("trafficking_link", &mut d.trafficking_link);
        read.optional("publications", &mut d.publications);
        let problems = read.problems;
        (d, problems)
    }

    fn form_field(field: &str) -> String {
        field.replace("coordinator.", "coordinator_")
    }

    fn form_fields(cat: &Catalogue, form: &Form<'_>, _: &Context) -> Markup {
        let text = |name: &str, label: &str| form.input(name, label, "text", None);
        let roles = [
            ("coordinator".to_owned(), cat.t("project-coordinator")),
            ("host_institution".to_owned(), cat.t("project-host")),
        ];
        let countries: Vec<(String, String)> = std::iter::once((String::new(), cat.t("unknown")))
            .chain(Country::all().map(|c| (c.iso().to_owned(), c.name().to_owned())))
            .collect();
        html! {
            (text("acronym", &cat.t("edit-acronym")))
            (text("title", &cat.t("edit-title")))
            (text("reference", &cat.t("edit-reference")))
            (form.select("coordinator_role", &cat.t("edit-coordinator-role"), &roles))
            (text("coordinator_name", &cat.t("edit-coordinator-name")))
            (text("coordinator_address", &cat.t("edit-coordinator-address")))
            (form.select("coordinator_country", &cat.t("edit-coordinator-country"), &countries))
            (text("principal_investigator", &cat.t("project-pi")))
            (text("budget_eur", &cat.t("edit-budget")))
            (form.input("start_date", &cat.t("edit-start"), "date", None))
            (form.input("end_date", &cat.t("edit-end"), "date", None))
            (form.area("partners", &cat.t("project-partners"), &cat.t("edit-partners-hint")))
            (text("partners_note", &cat.t("edit-partners-note")))
            (form.area("objectives", &cat.t("project-objectives"), &cat.t("edit-paragraphs-hint")))
            (form.area("trafficking_link", &cat.t("project-link-thb"), &cat.t("edit-paragraphs-hint")))
            (text("publications", &cat.t("project-publications")))
        }
    }

    fn preview(&self, cat: &Catalogue, _: &Context, _: DateTime<Utc>) -> Markup {
        project_details(cat, self)
    }
}

/// What a call's deadline says "as written" when the editor gives nothing else: the deadline as typed.
fn default_as_written(deadline: &str) -> String {
    deadline.trim().replacen('T', " ", 1)
}

impl EditablePage for Call {
    const SEGMENT: &'static str = "calls";
    const PUBLIC: &'static str = "/calls";
    const TAG: &'static str = "calls";
    const SECTION: Section = Section::None;

    fn from_item(item: EditableItem) -> Option<Self> {
        match item {
            EditableItem::Call(c) => Some(c),
            _ => None,
        }
    }

    fn form_values(d: &CallDocument) -> Params {
        let mut pairs = vec![
            ("kind", d.kind.clone()),
            ("fund", d.fund.clone().unwrap_or_default()),
            ("title", d.title.clone()),
            ("topic", d.topic.clone().unwrap_or_default()),
            ("work_programme", d.work_programme.clone().unwrap_or_default()),
            ("deadline", d.deadline.clone()),
            // Left empty when it only repeats the deadline, so that a changed deadline is not shown beside the
            // old one "as written".
            (
                "deadline_as_written",
                d.deadline_as_written.clone().filter(|w| *w != default_as_written(&d.deadline)).unwrap_or_default(),
            ),
            ("summary", paragraphs_text(&d.summary)),
            ("errata", paragraphs_text(&d.errata)),
        ];
        pairs.extend(repeated("eligible_member_states", d.eligible_member_states.iter().cloned()));
        pairs.extend(repeated("instruments", d.instruments.iter().cloned()));
        values(pairs)
    }

    fn document_from_form(mut d: CallDocument, slug: &str, form: &Params) -> (CallDocument, Vec<FieldProblem>) {
        let read = FormReader::new(form);
        d.slug = slug.to_owned();
        read.text("kind", &mut d.kind);
        read.optional("fund", &mut d.fund);
        read.text("title", &mut d.title);
        read.optional("topic", &mut d.topic);
        read.optional("work_programme", &mut d.work_programme);
        read.text("deadline", &mut d.deadline);
        read.optional("deadline_as_written", &mut d.deadline_as_written);
        read.paragraphs("summary", &mut d.summary);
        read.ticked("eligible_member_states", &mut d.eligible_member_states);
        read.paragraphs("errata", &mut d.errata);
        read.ticked("instruments", &mut d.instruments);
        (d, read.problems)
    }

    fn form_fields(cat: &Catalogue, form: &Form<'_>, context: &Context) -> Markup {
        let kinds = [CallKind::ExpressionOfInterest, CallKind::CallForProposals]
            .map(|k| (k.code().to_owned(), call_kind_label(cat, k)));
        let member_states: Vec<(String, String)> =
            MemberState::all().map(|m| (m.iso().to_owned(), m.name().to_owned())).collect();
        html! {
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
            (form.checkboxes("instruments", &cat.t("call-instruments"), &instrument_options(context)))
        }
    }

    fn preview(&self, cat: &Catalogue, context: &Context, now: DateTime<Utc>) -> Markup {
        call_body(cat, self, now, &context.instruments)
    }
}

fn instrument_options(context: &Context) -> Vec<(String, String)> {
    context.instruments.iter().map(|i| (i.slug.to_string(), i.title.clone())).collect()
}

impl EditablePage for NewsItem {
    const SEGMENT: &'static str = "news";
    const PUBLIC: &'static str = "/news";
    const TAG: &'static str = "news";
    const SECTION: Section = Section::None;

    fn from_item(item: EditableItem) -> Option<Self> {
        match item {
            EditableItem::News(n) => Some(n),
            _ => None,
        }
    }

    fn form_values(d: &NewsDocument) -> Params {
        let mut pairs = vec![("title", d.title.clone()), ("date", d.date.clone()), ("body", paragraphs_text(&d.body))];
        pairs.extend(repeated("instruments", d.instruments.iter().cloned()));
        pairs.extend(repeated("agencies", d.agencies.iter().cloned()));
        values(pairs)
    }

    fn document_from_form(mut d: NewsDocument, slug: &str, form: &Params) -> (NewsDocument, Vec<FieldProblem>) {
        let read = FormReader::new(form);
        d.slug = slug.to_owned();
        read.text("title", &mut d.title);
        read.text("date", &mut d.date);
        read.paragraphs("body", &mut d.body);
        read.ticked("instruments", &mut d.instruments);
        read.ticked("agencies", &mut d.agencies);
        (d, read.problems)
    }

    fn form_fields(cat: &Catalogue, form: &Form<'_>, context: &Context) -> Markup {
        let agencies: Vec<(String, String)> =
            context.agencies.iter().map(|a| (a.slug.to_string(), format!("{} ({})", a.name, a.acronym))).collect();
        html! {
            (form.input("title", &cat.t("edit-title"), "text", None))
            (form.input("date", &cat.t("edit-date"), "text", Some(&cat.t("edit-date-hint"))))
            (form.area("body", &cat.t("edit-body"), &cat.t("edit-paragraphs-hint")))
            (form.checkboxes("instruments", &cat.t("news-instruments"), &instrument_options(context)))
            (form.checkboxes("agencies", &cat.t("news-agencies"), &agencies))
        }
    }

    fn preview(&self, cat: &Catalogue, context: &Context, _: DateTime<Utc>) -> Markup {
        news_body(cat, self, &context.instruments, &context.agencies)
    }
}

impl EditablePage for Instrument {
    const SEGMENT: &'static str = "instruments";
    const PUBLIC: &'static str = "/legislation";
    const TAG: &'static str = "legislation";
    const SECTION: Section = Section::None;

    fn from_item(item: EditableItem) -> Option<Self> {
        match item {
            EditableItem::Instrument(i) => Some(i),
            _ => None,
        }
    }

    fn form_values(d: &InstrumentDocument) -> Params {
        let articles: Vec<String> = d.articles.iter().map(|a| format!("{}: {}", a.number, a.subject)).collect();
        values(vec![
            ("kind", d.kind.clone()),
            ("title", d.title.clone()),
            ("reference", d.reference.clone().unwrap_or_default()),
            ("celex", d.celex.clone().unwrap_or_default()),
            ("date", d.date.clone().unwrap_or_default()),
            ("summary", paragraphs_text(&d.summary)),
            ("articles", articles.join("\n")),
        ])
    }

    fn document_from_form(
        mut d: InstrumentDocument,
        slug: &str,
        form: &Params,
    ) -> (InstrumentDocument, Vec<FieldProblem>) {
        let read = FormReader::new(form);
        d.slug = slug.to_owned();
        read.text("kind", &mut d.kind);
        read.text("title", &mut d.title);
        read.optional("reference", &mut d.reference);
        read.optional("celex", &mut d.celex);
        read.optional("date", &mut d.date);
        read.paragraphs("summary", &mut d.summary);
        if form.contains("articles") {
            d.articles = form
                .get("articles")
                .unwrap_or_default()
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|line| {
                    let (number, subject) = line.split_once(':').unwrap_or((line, ""));
                    ArticleDocument { number: number.to_owned(), subject: subject.to_owned() }
                })
                .collect();
        }
        (d, read.problems)
    }

    fn form_fields(cat: &Catalogue, form: &Form<'_>, _: &Context) -> Markup {
        let kinds: Vec<(String, String)> =
            InstrumentKind::ALL.iter().map(|k| (k.code().to_owned(), instrument_kind_label(cat, *k))).collect();
        html! {
            (form.select("kind", &cat.t("instrument-kind"), &kinds))
            (form.input("title", &cat.t("edit-title"), "text", None))
            (form.input("reference", &cat.t("instrument-reference"), "text", None))
            (form.input("celex", &cat.t("instrument-celex"), "text", Some(&cat.t("instrument-celex-hint"))))
            (form.input("date", &cat.t("instrument-date"), "text", Some(&cat.t("edit-partial-date-hint"))))
            (form.area("summary", &cat.t("edit-summary"), &cat.t("edit-paragraphs-hint")))
            (form.area("articles", &cat.t("instrument-articles"), &cat.t("edit-articles-hint")))
        }
    }

    fn preview(&self, cat: &Catalogue, context: &Context, _: DateTime<Utc>) -> Markup {
        instrument_body(cat, self, &context.calls)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rapporteur_core::editing::{check, References};
    use rapporteur_core::Bundle;
    use serde_json::Value;

    fn refs() -> References {
        Bundle::embedded().unwrap().references()
    }

    /// An item's form, sent back unchanged over an empty document, gives the item again.
    fn survives_its_form<T: EditablePage>(item: &T)
    where
        T::Document: utoipa::ToSchema + Default + Clone,
    {
        let now = Utc::now();
        let form = T::form_values(&item.to_document(now));
        let (document, problems) = T::document_from_form(T::Document::default(), item.slug().as_str(), &form);
        assert!(problems.is_empty(), "{problems:?}");
        let back: T = check(document, &Value::Null, Some(item), &refs(), now).unwrap();
        assert!(back == *item, "{} {} changed through its form", T::KIND.code(), item.slug());
    }

    #[test]
    fn every_kind_survives_its_own_form() {
        let bundle = Bundle::embedded().unwrap();
        for c in &bundle.calls {
            survives_its_form(c);
        }
        for n in &bundle.news {
            survives_its_form(n);
        }
        for i in &bundle.instruments {
            survives_its_form(i);
        }
    }
}
