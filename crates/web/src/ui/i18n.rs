//! Interface text from Fluent message catalogues. English ships; a language is added by adding
//! `locales/<tag>/main.ftl` (see build.rs), with no change to code.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::collections::HashMap;
use std::sync::LazyLock;
use unic_langid::LanguageIdentifier;

include!(concat!(env!("OUT_DIR"), "/catalogues.rs"));

/// The language every message exists in; others fall back to it message by message.
pub const DEFAULT_LANG: &str = "en";

/// One language's messages.
pub struct Catalogue {
    lang: String,
    bundle: FluentBundle<FluentResource>,
    /// Messages without arguments, formatted once: pages use dozens each, on every request.
    plain: HashMap<String, String>,
}

/// All catalogues, parsed once: they are compiled in, so a broken one fails the first test, not a user.
pub struct Catalogues {
    by_lang: HashMap<String, Catalogue>,
}

static ALL: LazyLock<Catalogues> = LazyLock::new(Catalogues::load);

impl Catalogues {
    fn load() -> Self {
        let mut by_lang = HashMap::new();
        for (lang, source) in CATALOGUES {
            let id: LanguageIdentifier = lang.parse().unwrap_or_else(|e| panic!("locale folder {lang:?}: {e}"));
            let resource = FluentResource::try_new((*source).to_owned())
                .unwrap_or_else(|(_, errors)| panic!("catalogue {lang}: {errors:?}"));
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Unicode isolation marks would show up inside attributes and feeds.
            bundle.set_use_isolating(false);
            bundle.add_resource(resource).unwrap_or_else(|errors| panic!("catalogue {lang}: {errors:?}"));
            let plain = preformat(&bundle, source);
            by_lang.insert((*lang).to_owned(), Catalogue { lang: (*lang).to_owned(), bundle, plain });
        }
        Catalogues { by_lang }
    }

    /// The catalogue for a language tag, or the default.
    pub fn get(lang: &str) -> &'static Catalogue {
        let all = &*ALL;
        all.by_lang.get(lang).or_else(|| all.by_lang.get(DEFAULT_LANG)).expect("the default catalogue ships")
    }

    /// The languages shipped.
    pub fn languages() -> Vec<&'static str> {
        CATALOGUES.iter().map(|(l, _)| *l).collect()
    }

    /// The language of a request: `?lang=` when it names a language shipped (the switcher's links), else the
    /// best of `Accept-Language`, else the default. The page cache keys pages by the same choice.
    pub fn for_request(query: Option<&str>, accept_language: Option<&str>) -> &'static Catalogue {
        let asked = query
            .unwrap_or_default()
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(k, _)| *k == "lang")
            .map(|(_, v)| v.trim().to_ascii_lowercase());
        match asked {
            Some(tag) if Self::languages().contains(&tag.as_str()) => Self::get(&tag),
            _ => Self::negotiate(accept_language),
        }
    }

    /// A language's name in that language (`language-name` of its catalogue), or its tag when it does not ship.
    pub fn language_name(tag: &str) -> String {
        let cat = Self::get(tag);
        if cat.lang() == tag {
            cat.t("language-name")
        } else {
            tag.to_ascii_uppercase()
        }
    }

    /// Picks the best shipped language from an `Accept-Language` header.
    pub fn negotiate(accept_language: Option<&str>) -> &'static Catalogue {
        let shipped = Self::languages();
        let wanted = accept_language
            .unwrap_or_default()
            .split(',')
            .filter_map(|part| part.split(';').next())
            .map(|tag| tag.trim().split('-').next().unwrap_or_default().to_ascii_lowercase())
            .find(|tag| shipped.contains(&tag.as_str()));
        Self::get(wanted.as_deref().unwrap_or(DEFAULT_LANG))
    }
}

/// Formats every message that needs no argument; those that do (their formatting reports an error
/// without arguments) are left to format per call.
fn preformat(bundle: &FluentBundle<FluentResource>, source: &str) -> HashMap<String, String> {
    let mut plain = HashMap::new();
    let Ok(resource) = FluentResource::try_new(source.to_owned()) else { return plain };
    for entry in resource.entries() {
        let fluent_syntax::ast::Entry::Message(message) = entry else { continue };
        let id = message.id.name;
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else { continue };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, None, &mut errors);
        if errors.is_empty() {
            plain.insert(id.to_owned(), text.into_owned());
        }
    }
    plain
}

impl Catalogue {
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// The message `id`; falls back to English, then to the id itself so a gap is visible, not fatal.
    pub fn t(&self, id: &str) -> String {
        match self.plain.get(id) {
            Some(text) => text.clone(),
            None => self.format(id, None),
        }
    }

    /// The message `id` with arguments.
    pub fn t_args(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (k, v) in args {
            fluent_args.set(*k, v.clone());
        }
        self.format(id, Some(&fluent_args))
    }

    fn format(&self, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        let catalogue = if self.bundle.has_message(id) { self } else { Catalogues::get(DEFAULT_LANG) };
        let Some(pattern) = catalogue.bundle.get_message(id).and_then(|m| m.value()) else {
            tracing::warn!(id, "missing message");
            return id.to_owned();
        };
        let mut errors = Vec::new();
        let text = catalogue.bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::warn!(id, ?errors, "message formatting");
        }
        text.into_owned()
    }

    /// Every message id of this catalogue (for the completeness test).
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_ships_and_formats() {
        let en = Catalogues::get("en");
        assert_eq!(en.lang(), "en");
        assert_eq!(en.t("site-name"), "Together Against Trafficking in Human Beings");
        assert!(en.t_args("results-count", &[("count", 2.into())]).contains('2'));
        assert_eq!(Catalogues::negotiate(Some("fr-BE, de;q=0.8")).lang(), "en");
        assert_eq!(en.t("no-such-message-id"), "no-such-message-id");
    }

    #[test]
    fn lang_parameter_comes_before_accept_language_and_only_names_languages_shipped() {
        assert_eq!(Catalogues::for_request(Some("q=x&lang=en"), Some("fr")).lang(), "en");
        assert_eq!(Catalogues::for_request(Some("lang=xx"), Some("en")).lang(), "en");
        assert_eq!(Catalogues::for_request(None, Some("fr")).lang(), "en", "French does not ship: English");
        assert_eq!(Catalogues::language_name("en"), "English");
        assert_eq!(Catalogues::language_name("fr"), "FR");
    }
}

/// The request's language: `?lang=`, else `Accept-Language` ([`Catalogues::for_request`]).
#[derive(Clone, Copy)]
pub struct Lang(pub &'static Catalogue);

impl Lang {
    /// The language of a request with these parts.
    pub fn of(uri: &axum::http::Uri, headers: &axum::http::HeaderMap) -> &'static Catalogue {
        let header = headers.get(axum::http::header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
        Catalogues::for_request(uri.query(), header)
    }
}

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Lang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Lang(Lang::of(&parts.uri, &parts.headers)))
    }
}
