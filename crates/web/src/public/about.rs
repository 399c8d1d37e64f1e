//! The site's own pages, linked from every footer as on the EU's sites: legal notice, privacy statement,
//! accessibility statement, cookies and contact.
//!
//! What they say of the portal is what its code does (what the store keeps, for how long, which cookies are
//! set, how the pages are tested); a change there must change these pages. No address is made up: the
//! operator's is shown when the installation gives one (`[server] contact_email`); otherwise the pages send
//! readers to "the operator of this portal".

use crate::http::ApiRouter;
use crate::state::AppState;
use crate::ui::{page, Catalogue, Lang, PageMeta, Section};
use axum::extract::State;
use axum::routing::get;
use maud::{html, Markup};
use rapporteur_core::accounts::Email;

pub fn routes() -> ApiRouter {
    ApiRouter::new()
        .route("/legal-notice", get(show_legal_notice))
        .route("/privacy", get(show_privacy))
        .route("/accessibility", get(show_accessibility))
        .route("/cookies", get(show_cookies))
        .route("/contact", get(show_contact))
}

/// The official texts these pages cite, on EUR-Lex by their European Legislation Identifier.
const GDPR: &str = "https://eur-lex.europa.eu/eli/reg/2016/679/oj";
const EUDPR: &str = "https://eur-lex.europa.eu/eli/reg/2018/1725/oj";
const REUSE_DECISION: &str = "https://eur-lex.europa.eu/eli/dec/2011/833/oj";
const WCAG_21: &str = "https://www.w3.org/TR/WCAG21/";

/// Where to write to the operator: their address, or the contact page when the installation gives none.
fn write_to(cat: &Catalogue, contact: Option<&Email>) -> Markup {
    html! {
        @if let Some(email) = contact {
            a href={ "mailto:" (email.as_str()) } { (email.as_str()) }
        } @else {
            a href="/contact" { (cat.t("footer-contact")) }
        }
    }
}

/// A page of the site's own: its title, a lead paragraph, then sections.
fn furniture(cat: &Catalogue, title: &str, lead: &str, body: Markup) -> Markup {
    let meta = PageMeta::new(cat, Section::None, cat.t(title)).trail(cat.t("nav-home"), "/").description(cat.t(lead));
    page(
        meta,
        html! {
            h1 { (cat.t(title)) }
            p.lead { (cat.t(lead)) }
            (body)
        },
    )
}

/// Sections of a heading and paragraphs, all from messages.
fn sections(cat: &Catalogue, parts: &[(&str, &[&str])]) -> Markup {
    html! {
        @for (heading, paragraphs) in parts {
            section aria-labelledby=(heading) {
                h2 #(heading) { (cat.t(heading)) }
                @for p in *paragraphs { p { (cat.t(p)) } }
            }
        }
    }
}

async fn show_legal_notice(Lang(cat): Lang) -> Markup {
    furniture(
        cat,
        "legal-title",
        "legal-lead",
        html! {
            (sections(cat, &[
                ("legal-who", &["legal-who-text"]),
                ("legal-disclaimer", &["legal-disclaimer-text", "legal-disclaimer-law"]),
                ("legal-synthetic", &["legal-synthetic-text"]),
                ("legal-links", &["legal-links-text"]),
            ]))
            section aria-labelledby="legal-reuse" {
                h2 #legal-reuse { (cat.t("legal-reuse")) }
                p { (cat.t("legal-reuse-text")) " " a href=(REUSE_DECISION) { (cat.t("legal-reuse-decision")) } "." }
                p { (cat.t("legal-software-text")) }
            }
            p { a href="/privacy" { (cat.t("footer-privacy")) } " · " a href="/contact" { (cat.t("footer-contact")) } }
        },
    )
}

/// One row of the privacy statement's tables: what is kept, why, for how long (message ids).
type Kept = (&'static str, &'static str, &'static str);

const APPLICANTS: &[Kept] = &[
    ("privacy-app-fields", "privacy-app-fields-why", "privacy-kept-until-removed"),
    ("privacy-app-decision", "privacy-app-decision-why", "privacy-kept-until-removed"),
    ("privacy-app-account", "privacy-app-account-why", "privacy-account-kept"),
    ("privacy-app-audit", "privacy-audit-why", "privacy-audit-kept"),
    ("privacy-app-address", "privacy-app-address-why", "privacy-address-kept"),
];

const ACCOUNT_HOLDERS: &[Kept] = &[
    ("privacy-acc-account", "privacy-acc-account-why", "privacy-account-kept"),
    ("privacy-acc-password", "privacy-acc-password-why", "privacy-acc-password-kept"),
    ("privacy-acc-sessions", "privacy-acc-sessions-why", "privacy-acc-sessions-kept"),
    ("privacy-acc-tokens", "privacy-acc-tokens-why", "privacy-acc-tokens-kept"),
    ("privacy-acc-audit", "privacy-audit-why", "privacy-audit-kept"),
    ("privacy-acc-attempts", "privacy-acc-attempts-why", "privacy-address-kept"),
];

fn kept_table(cat: &Catalogue, caption: &str, rows: &[Kept]) -> Markup {
    html! {
        div.table-scroll {
            table.data-table {
                caption { (cat.t(caption)) }
                thead {
                    tr {
                        th scope="col" { (cat.t("privacy-col-what")) }
                        th scope="col" { (cat.t("privacy-col-why")) }
                        th scope="col" { (cat.t("privacy-col-how-long")) }
                    }
                }
                tbody {
                    @for (what, why, how_long) in rows {
                        tr { th scope="row" { (cat.t(what)) } td { (cat.t(why)) } td { (cat.t(how_long)) } }
                    }
                }
            }
        }
    }
}

async fn show_privacy(State(state): State<AppState>, Lang(cat): Lang) -> Markup {
    furniture(
        cat,
        "privacy-title",
        "privacy-lead",
        html! {
            (sections(cat, &[("privacy-visitors", &["privacy-visitors-text"])]))
            section aria-labelledby="privacy-applicants" {
                h2 #privacy-applicants { (cat.t("privacy-applicants")) }
                p { (cat.t("privacy-applicants-text")) }
                (kept_table(cat, "privacy-applicants-caption", APPLICANTS))
            }
            section aria-labelledby="privacy-account-holders" {
                h2 #privacy-account-holders { (cat.t("privacy-account-holders")) }
                p { (cat.t("privacy-account-holders-text")) }
                (kept_table(cat, "privacy-account-holders-caption", ACCOUNT_HOLDERS))
            }
            (sections(cat, &[
                ("privacy-not-shared", &["privacy-not-shared-text"]),
                ("privacy-servers", &["privacy-servers-text"]),
            ]))
            section aria-labelledby="privacy-rights" {
                h2 #privacy-rights { (cat.t("privacy-rights")) }
                p { (cat.t("privacy-rights-text")) }
                ul {
                    li { a href=(EUDPR) { (cat.t("privacy-eudpr")) } }
                    li { a href=(GDPR) { (cat.t("privacy-gdpr")) } }
                }
                p { (cat.t("privacy-ask")) " " (write_to(cat, state.contact_email.as_ref())) "." }
            }
        },
    )
}

async fn show_accessibility(State(state): State<AppState>, Lang(cat): Lang) -> Markup {
    furniture(
        cat,
        "a11y-title",
        "a11y-lead",
        html! {
            section aria-labelledby="a11y-status" {
                h2 #a11y-status { (cat.t("a11y-status")) }
                p { (cat.t("a11y-status-text")) " " a href=(WCAG_21) { (cat.t("a11y-wcag")) } "." }
            }
            section aria-labelledby="a11y-testing" {
                h2 #a11y-testing { (cat.t("a11y-testing")) }
                p { (cat.t("a11y-testing-text")) }
                ul {
                    li { (cat.t("a11y-test-axe")) }
                    li { (cat.t("a11y-test-keyboard")) }
                    li { (cat.t("a11y-test-no-script")) }
                    li { (cat.t("a11y-test-phone")) }
                    li { (cat.t("a11y-test-contrast")) }
                }
            }
            section aria-labelledby="a11y-limits" {
                h2 #a11y-limits { (cat.t("a11y-limits")) }
                ul {
                    li { (cat.t("a11y-limit-manual")) }
                    li { (cat.t("a11y-limit-languages")) }
                    li { (cat.t("a11y-limit-documents")) }
                    li { (cat.t("a11y-limit-links-out")) }
                }
            }
            section aria-labelledby="a11y-report" {
                h2 #a11y-report { (cat.t("a11y-report")) }
                p { (cat.t("a11y-report-text")) " " (write_to(cat, state.contact_email.as_ref())) "." }
            }
        },
    )
}

async fn show_cookies(Lang(cat): Lang) -> Markup {
    furniture(
        cat,
        "cookies-title",
        "cookies-lead",
        html! {
            div.table-scroll {
                table.data-table {
                    caption { (cat.t("cookies-caption")) }
                    thead {
                        tr {
                            th scope="col" { (cat.t("cookies-col-name")) }
                            th scope="col" { (cat.t("cookies-col-purpose")) }
                            th scope="col" { (cat.t("cookies-col-lifetime")) }
                        }
                    }
                    tbody {
                        tr {
                            th scope="row" { code { (crate::http::session::SESSION_COOKIE) } }
                            td { (cat.t("cookies-session-purpose")) }
                            td { (cat.t_args("cookies-session-lifetime", &[("hours", crate::http::session::SESSION_HOURS.into())])) }
                        }
                        tr {
                            th scope="row" { code { (crate::http::session::CSRF_COOKIE) } }
                            td { (cat.t("cookies-csrf-purpose")) }
                            td { (cat.t("cookies-csrf-lifetime")) }
                        }
                    }
                }
            }
            (sections(cat, &[
                ("cookies-necessary", &["cookies-necessary-text"]),
                ("cookies-none-else", &["cookies-none-else-text"]),
            ]))
        },
    )
}

async fn show_contact(State(state): State<AppState>, Lang(cat): Lang) -> Markup {
    furniture(
        cat,
        "contact-title",
        "contact-lead",
        html! {
            section aria-labelledby="contact-operator" {
                h2 #contact-operator { (cat.t("contact-operator")) }
                p { (cat.t("contact-operator-text")) }
                @if let Some(email) = &state.contact_email {
                    p { (cat.t("contact-operator-address")) " " a href={ "mailto:" (email.as_str()) } { (email.as_str()) } }
                } @else {
                    p { (cat.t("contact-operator-none")) }
                }
            }
            (sections(cat, &[
                ("contact-atc", &["contact-atc-text"]),
                ("contact-help", &["contact-help-text"]),
            ]))
            ul {
                li { a href="/privacy" { (cat.t("footer-privacy")) } }
                li { a href="/accessibility" { (cat.t("footer-accessibility")) } }
                li { a href="/network" { (cat.t("nav-network")) } }
            }
        },
    )
}
