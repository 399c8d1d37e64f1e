//! Views of content drawn by more than one area: the public pages show them, and the editors' previews show
//! them before anything is saved.

use crate::ui::i18n::Catalogue;
use crate::ui::layout;
use crate::ui::map;
use chrono::{DateTime, NaiveDate, Utc};
use maud::{html, Markup};
use rapporteur_core::{
    Agency, Call, CallKind, CallStatus, DeadlinePrecision, Instrument, InstrumentKind, LeadRole, NewsItem, Programme,
    Project, ProjectStatus,
};

/// A project's dates, "1 March 2012 – 28 February 2017"; nothing when no start is given.
pub fn date_range(start: Option<NaiveDate>, end: Option<NaiveDate>) -> Markup {
    let fmt = |d: NaiveDate| d.format("%-d %B %Y").to_string();
    html! {
        @match (start, end) {
            (Some(s), Some(e)) => { time datetime=(s.to_string()) { (fmt(s)) } " – " time datetime=(e.to_string()) { (fmt(e)) } }
            (Some(s), None) => { time datetime=(s.to_string()) { (fmt(s)) } }
            _ => {}
        }
    }
}

/// The name of a project's status.
pub fn project_status_label(cat: &Catalogue, status: ProjectStatus) -> String {
    cat.t(&format!("project-status-{}", status.code().replace('_', "-")))
}

/// A project's status as a badge.
pub fn project_status_badge(cat: &Catalogue, status: ProjectStatus) -> Markup {
    html! { strong class={ "badge badge--status badge--" (status.code().replace('_', "-")) } { (project_status_label(cat, status)) } }
}

/// The lead's label: the coordinator of a consortium, or the institution hosting an ERC grant.
fn lead_label(cat: &Catalogue, p: &Project) -> String {
    match p.lead.role {
        LeadRole::Coordinator => cat.t("project-coordinator"),
        LeadRole::HostInstitution => cat.t("project-host"),
    }
}

/// The lead as a card names it: "Name, Country", or the part of it that is known.
fn lead_short(p: &Project) -> Option<String> {
    let parts: Vec<&str> = p.lead.name.as_deref().into_iter().chain(p.lead.country.map(|c| c.name())).collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// A project in a list: its name, status, programme, lead (name and country), principal investigator,
/// budget and dates. What is not known is left out rather than announced.
pub fn project_card(cat: &Catalogue, p: &Project, today: NaiveDate) -> Markup {
    html! {
        article.card.project-card {
            h3.card__title {
                a href={ "/projects/" (p.slug) } {
                    @if let Some(a) = &p.acronym { (a) ": " }
                    (p.title)
                }
            }
            p.project-card__badges {
                (project_status_badge(cat, p.status_on(today)))
                @if p.synthetic { " " (layout::synthetic_badge(cat)) }
            }
            dl.facts.facts--inline {
                dt { (cat.t("project-programme")) } dd { (p.reference.programme.code()) }
                @if let Some(lead) = lead_short(p) { dt { (lead_label(cat, p)) } dd { (lead) } }
                @if let Some(pi) = &p.principal_investigator { dt { (cat.t("project-pi")) } dd { (pi) } }
                @if let Some(b) = p.budget { dt { (cat.t("project-budget")) } dd { (b.to_display_string()) } }
                @if p.start_date.is_some() { dt { (cat.t("project-timeframe")) } dd { (date_range(p.start_date, p.end_date)) } }
            }
        }
    }
}

/// The project's page on CORDIS, the EU's record of the projects its research programmes funded (FP6, FP7
/// and ERC grants alike, by grant number); none for synthetic projects.
pub fn cordis_url(p: &Project) -> Option<String> {
    match p.reference.programme {
        Programme::Fp6 | Programme::Fp7 | Programme::Erc => {
            Some(format!("https://cordis.europa.eu/project/id/{}", p.reference.grant_number))
        }
        Programme::Synthetic => None,
    }
}

/// The European Research Council's home page, for the programme of ERC grants.
pub const ERC_HOME: &str = "https://erc.europa.eu/";

/// Where a project's lead and partners are, on the tile map of Europe, with a table of the countries
/// beneath; nothing when no country is known.
fn project_map(cat: &Catalogue, p: &Project) -> Markup {
    let countries = p.countries();
    if countries.is_empty() {
        return html! {};
    }
    let lead_role = match p.lead.role {
        LeadRole::Coordinator => cat.t("project-map-coordinator"),
        LeadRole::HostInstitution => cat.t("project-map-host"),
    };
    let places: Vec<map::Place> = countries
        .iter()
        .map(|&country| {
            let is_lead = p.lead.country == Some(country);
            let partners = p.partners.iter().filter(|partner| partner.country == Some(country)).count();
            let mut note = Vec::new();
            if is_lead {
                note.push(lead_role.clone());
            }
            if partners > 0 {
                note.push(cat.t_args("project-map-partners", &[("count", partners.into())]));
            }
            let place = map::Place::new(country, if is_lead { map::Shade::Strong } else { map::Shade::Medium })
                .note(note.join("; "));
            if country.is_member_state() {
                place.href(format!("/member-states/{}", country.iso().to_lowercase()))
            } else {
                place
            }
        })
        .collect();
    let caption =
        cat.t_args("project-map-caption", &[("name", p.short_name().into()), ("count", countries.len().into())]);
    let legend = [
        (map::Shade::Strong, cat.t("project-map-legend-lead")),
        (map::Shade::Medium, cat.t("project-map-legend-partners")),
    ];
    let legend: Vec<_> = legend.into_iter().filter(|(shade, _)| places.iter().any(|pl| pl.shade == *shade)).collect();
    let note_heading = cat.t("project-map-note-heading");
    html! {
        h2 { (cat.t("project-map-heading")) }
        (map::country_map(cat, &map::CountryMap {
            id: "project-map",
            caption: &caption,
            places: &places,
            legend: &legend,
            note_heading: Some(&note_heading),
        }))
    }
}

/// Everything a project's page shows below its heading (also the editors' preview). Rows of what is not
/// known are left out, but for the lead, which every project has.
pub fn project_details(cat: &Catalogue, p: &Project) -> Markup {
    html! {
            @if p.synthetic { p { (layout::synthetic_badge(cat)) " " (cat.t("synthetic-explained")) } }
            dl.facts {
                dt { (cat.t("project-reference")) }
                dd {
                    (p.reference.as_written)
                    " ("
                    @if p.reference.programme == Programme::Erc {
                        a href=(ERC_HOME) { (cat.t("programme-erc")) }
                    } @else {
                        (cat.t(&format!("programme-{}", p.reference.programme.code().to_lowercase())))
                    }
                    @if let Some(g) = p.reference.erc_grant { ", " (g.name()) }
                    @if let Some(c) = &p.reference.call { ", " (cat.t("project-call")) " " (c) }
                    ", " (cat.t("project-grant-number")) " " (p.reference.grant_number) ")"
                    @if let Some(url) = cordis_url(p) {
                        br; a.project-cordis href=(url) { (cat.t_args("project-on-cordis", &[("grant", p.reference.grant_number.to_string().into())])) }
                    }
                }
                dt { (lead_label(cat, p)) }
                dd {
                    @let parts = [p.lead.name.clone(), p.lead.address.clone(), p.lead.country.map(|c| c.name().to_owned())];
                    @let known: Vec<String> = parts.into_iter().flatten().collect();
                    @if known.is_empty() { "—" }
                    @for (i, part) in known.iter().enumerate() { @if i > 0 { br; } (part) }
                }
                @if let Some(pi) = &p.principal_investigator { dt { (cat.t("project-pi")) } dd { (pi) } }
                @match (p.budget, &p.budget_as_written) {
                    (Some(b), _) => { dt { (cat.t("project-budget")) } dd { (b.to_display_string()) } }
                    // Only where it could not be read as an amount is the budget given as the source writes it.
                    (None, Some(w)) => { dt { (cat.t("project-budget")) } dd { (w) } }
                    (None, None) => {}
                }
                @if p.start_date.is_some() || p.duration_months.is_some() {
                    dt { (cat.t("project-timeframe")) }
                    dd {
                        (date_range(p.start_date, p.end_date))
                        @if let Some(m) = p.duration_months {
                            @if p.start_date.is_some() { ", " }
                            (cat.t_args("project-months", &[("months", m.into())]))
                        }
                    }
                }
            }
            @if !p.partners.is_empty() || p.partners_note.is_some() { h2 { (cat.t("project-partners")) } }
            @if p.partners.is_empty() {
                @if p.partners_note.is_some() { p { (cat.t("project-partners-none")) } }
            } @else {
                table.data-table {
                    caption { (cat.t_args("project-partners-caption", &[("count", p.partners.len().into())])) }
                    thead { tr { th scope="col" { (cat.t("partner-name")) } th scope="col" { (cat.t("partner-acronym")) } th scope="col" { (cat.t("partner-country")) } } }
                    tbody {
                        @for partner in &p.partners {
                            tr {
                                td { (partner.name) }
                                td { (partner.acronym.clone().unwrap_or_default()) }
                                td { @match partner.country { Some(c) => { (c.name()) " (" (c.iso()) ")" }, None => "—" } }
                            }
                        }
                    }
                }
            }
            (project_map(cat, p))
            @if !p.objectives.is_empty() { h2 { (cat.t("project-objectives")) } (layout::paragraphs(&p.objectives)) }
            @if !p.mid_term_summary.is_empty() { h2 { (cat.t("project-mid-term")) } (layout::paragraphs(&p.mid_term_summary)) }
            @if !p.trafficking_link.is_empty() { h2 { (cat.t("project-link-thb")) } (layout::paragraphs(&p.trafficking_link)) }
            @if let Some(s) = &p.publications { h2 { (cat.t("project-publications")) } p { (s) } }
            // The source's "Further information" lost its links; the project's records elsewhere take their place.
            @if let Some(url) = cordis_url(p) {
                h2 { (cat.t("project-further-information")) }
                ul {
                    li { a href=(url) { (cat.t_args("project-on-cordis", &[("grant", p.reference.grant_number.to_string().into())])) } }
                    @if p.reference.programme == Programme::Erc { li { a href=(ERC_HOME) { (cat.t("project-erc-home")) } } }
                }
            }
    }
}

/// The deadline for people, as precisely as the call states it: "31 January 2019" for a day;
/// "31 January 2018, 17:00 (Brussels time assumed: the call names no time zone)" for a time without a zone;
/// "31 January 2018, 17:00 (UTC+01:00)" for a time with one.
pub fn deadline_text(cat: &Catalogue, deadline: &rapporteur_core::Deadline) -> String {
    let date = deadline.date().format("%-d %B %Y").to_string();
    match (deadline.precision(), deadline.time()) {
        (DeadlinePrecision::Day, _) | (_, None) => cat.t_args("deadline-day", &[("date", date.into())]),
        (DeadlinePrecision::TimeZoneAssumed, Some((time, _))) => cat.t_args(
            "deadline-at-zone-assumed",
            &[("date", date.into()), ("time", time.format("%H:%M").to_string().into())],
        ),
        (DeadlinePrecision::Time, Some((time, offset))) => cat.t_args(
            "deadline-at",
            &[
                ("date", date.into()),
                ("time", time.format("%H:%M").to_string().into()),
                ("offset", offset.map(|o| o.to_string()).unwrap_or_default().into()),
            ],
        ),
    }
}

pub fn call_kind_label(cat: &Catalogue, kind: CallKind) -> String {
    cat.t(match kind {
        CallKind::CallForProposals => "call-kind-proposals",
        CallKind::ExpressionOfInterest => "call-kind-interest",
    })
}

/// A call's status, and the time left while it is open.
pub fn status_and_countdown(cat: &Catalogue, call: &Call, now: DateTime<Utc>) -> Markup {
    let status = call.deadline.status_at(now);
    html! {
        @match status {
            CallStatus::Open => {
                strong.badge.badge--open { (cat.t("call-status-open")) }
                @if let Some((days, hours)) = call.deadline.remaining(now) {
                    " " span.countdown { (cat.t_args("call-closes-in", &[("days", days.into()), ("hours", hours.into())])) }
                }
            }
            CallStatus::Closed => { strong.badge.badge--closed { (cat.t("call-status-closed")) } }
        }
    }
}

/// Everything a call's page shows under its title (also the editors' preview).
pub fn call_body(cat: &Catalogue, c: &Call, now: DateTime<Utc>, instruments: &[Instrument]) -> Markup {
    html! {
        p { (status_and_countdown(cat, c, now)) }
        dl.facts {
            dt { (cat.t("call-kind")) } dd { (call_kind_label(cat, c.kind)) }
            @if let Some(f) = &c.fund { dt { (cat.t("call-fund")) } dd { (f) } }
            @if let Some(t) = &c.topic { dt { (cat.t("call-topic")) } dd { (t) } }
            @if let Some(w) = &c.work_programme { dt { (cat.t("call-work-programme")) } dd { (w) } }
            dt { (cat.t("call-deadline")) }
            dd {
                time datetime=(c.deadline) { (deadline_text(cat, &c.deadline)) }
                " " span.as-written { "(" (cat.t("as-written")) ": " (c.deadline_as_written) ")" }
            }
            @if !c.eligible_member_states.is_empty() {
                dt { (cat.t("call-eligible")) }
                dd {
                    ul.inline-list {
                        @for m in &c.eligible_member_states { li { a href={ "/member-states/" (m.iso().to_lowercase()) } { (m.name()) } } }
                    }
                }
            }
        }
        p { a.button href={ "/calls/" (c.slug) "/calendar.ics" } { (cat.t("call-add-to-calendar")) } }
        @if c.kind == CallKind::ExpressionOfInterest {
            p { a href={ "/calls/" (c.slug) "/apply" } { (cat.t("call-apply")) } }
        }
        @if !c.summary.is_empty() { h2 { (cat.t("call-summary")) } (layout::paragraphs(&c.summary)) }
        @if !c.errata.is_empty() {
            h2 { (cat.t("call-errata")) }
            (layout::paragraphs(&c.errata))
        }
        @let named: Vec<_> = instruments.iter().filter(|i| c.instruments.contains(&i.slug)).collect();
        @if !named.is_empty() {
            h2 { (cat.t("call-instruments")) }
            ul { @for i in named { li { a href={ "/legislation/" (i.slug) } { (i.title) } } } }
        }
    }
}

/// Everything a news item's page shows under its title (also the editors' preview).
pub fn news_body(cat: &Catalogue, n: &NewsItem, instruments: &[Instrument], agencies: &[Agency]) -> Markup {
    html! {
        p.meta { time datetime=(n.date.to_string()) { (n.date.to_display_string()) } }
        (layout::paragraphs(&n.body))
        @let linked: Vec<_> = instruments.iter().filter(|i| n.instruments.contains(&i.slug)).collect();
        @if !linked.is_empty() {
            h2 { (cat.t("news-instruments")) }
            ul { @for i in linked { li { a href={ "/legislation/" (i.slug) } { (i.title) } } } }
        }
        @let named: Vec<_> = agencies.iter().filter(|a| n.agencies.contains(&a.slug)).collect();
        @if !named.is_empty() {
            h2 { (cat.t("news-agencies")) }
            ul.inline-list { @for a in named { li { abbr title=(a.name) { (a.acronym) } } } }
        }
    }
}

/// The name of an instrument's kind.
pub fn instrument_kind_label(cat: &Catalogue, kind: InstrumentKind) -> String {
    cat.t(&format!("instrument-kind-{}", kind.code().replace('_', "-")))
}

/// Everything an instrument's page shows under its title (also the editors' preview).
pub fn instrument_body(cat: &Catalogue, i: &Instrument, calls: &[Call]) -> Markup {
    html! {
        dl.facts {
            dt { (cat.t("instrument-kind")) } dd { (instrument_kind_label(cat, i.kind)) }
            dt { (cat.t("instrument-reference")) } dd { @match &i.reference { Some(r) => (r), None => (layout::unknown(cat)) } }
            dt { (cat.t("instrument-date")) } dd { @match i.date { Some(d) => (d.to_display_string()), None => (layout::unknown(cat)) } }
        }
        (layout::paragraphs(&i.summary))
        @if !i.articles.is_empty() {
            h2 { (cat.t("instrument-articles")) }
            ul { @for a in &i.articles { li { (cat.t("instrument-article")) " " (a.number) ": " (a.subject) } } }
        }
        @let citing: Vec<_> = calls.iter().filter(|c| c.instruments.contains(&i.slug)).collect();
        @if !citing.is_empty() {
            h2 { (cat.t("instrument-cited-by")) }
            ul { @for c in citing { li { a href={ "/calls/" (c.slug) } { (c.title) } } } }
        }
    }
}
