//! A map of Europe drawn as tiles: one square per country, placed roughly where the country lies.
//!
//! Why tiles and not borders: small Member States (Luxembourg, Malta, Cyprus) would vanish on a drawn map at
//! the width of a phone, and a tile gives every country the same room for its code and its shade. Why drawn
//! here and not by a library: it is thirty-five squares in an SVG, server-side, without script.
//!
//! The picture is `role="img"` with a name; what it shows is also written beneath it as a table, which is its
//! text alternative and the data for whoever would rather read (or copy) than look.

use crate::ui::i18n::Catalogue;
use maud::{html, Markup};
use rapporteur_core::Country;

/// How strongly a country is marked. The table beneath says in words what each shade means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Shade {
    /// Not concerned: drawn for orientation only.
    Blank,
    Light,
    Medium,
    Strong,
}

impl Shade {
    /// Fill and text colour; every pair keeps the text at 4.5:1 or more.
    fn colours(self) -> (&'static str, &'static str) {
        match self {
            Shade::Blank => ("#f5f5f5", "#595959"),
            Shade::Light => ("#d5e3f5", "#262b38"),
            Shade::Medium => ("#7fa6d9", "#1b1f28"),
            Shade::Strong => ("#004494", "#ffffff"),
        }
    }

    fn class(self) -> &'static str {
        match self {
            Shade::Blank => "blank",
            Shade::Light => "light",
            Shade::Medium => "medium",
            Shade::Strong => "strong",
        }
    }
}

/// One country on the map, with what the table beneath says of it.
#[derive(Debug, Clone)]
pub struct Place {
    pub country: Country,
    pub shade: Shade,
    /// What the row of the table says besides the country's name ("3 partners", "eligible").
    pub note: Option<String>,
    /// Where the country's name in the table links to.
    pub href: Option<String>,
}

impl Place {
    pub fn new(country: Country, shade: Shade) -> Self {
        Place { country, shade, note: None, href: None }
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    pub fn href(mut self, href: impl Into<String>) -> Self {
        self.href = Some(href.into());
        self
    }
}

/// What a map shows.
pub struct CountryMap<'a> {
    /// Unique on the page: the figure's caption and the table are named from it.
    pub id: &'a str,
    /// Says what the map shows; it names the picture and captions the table.
    pub caption: &'a str,
    pub places: &'a [Place],
    /// What each shade used means, in the order to list them.
    pub legend: &'a [(Shade, String)],
    /// The table's second column heading; no second column when None.
    pub note_heading: Option<&'a str>,
}

/// Column and row of each country's tile: west to east, north to south.
const TILES: &[(&str, u8, u8)] = &[
    ("IS", 0, 0),
    ("NO", 3, 0),
    ("SE", 4, 0),
    ("FI", 5, 0),
    ("IE", 0, 1),
    ("GB", 1, 1),
    ("DK", 3, 1),
    ("EE", 5, 1),
    ("RU", 6, 1),
    ("NL", 2, 2),
    ("DE", 3, 2),
    ("PL", 4, 2),
    ("LV", 5, 2),
    ("BE", 2, 3),
    ("CZ", 3, 3),
    ("SK", 4, 3),
    ("LT", 5, 3),
    ("FR", 1, 4),
    ("LU", 2, 4),
    ("AT", 3, 4),
    ("HU", 4, 4),
    ("RO", 5, 4),
    ("PT", 0, 5),
    ("ES", 1, 5),
    ("CH", 2, 5),
    ("SI", 3, 5),
    ("HR", 4, 5),
    ("RS", 5, 5),
    ("BG", 6, 5),
    ("TR", 7, 5),
    ("IT", 2, 6),
    ("XK", 5, 6),
    ("GR", 6, 6),
    ("CY", 7, 6),
    ("MT", 2, 7),
];

const TILE: u32 = 44;
const GAP: u32 = 4;
const COLUMNS: u32 = 8;
const ROWS: u32 = 8;

fn tile_of(country: Country) -> Option<(u32, u32)> {
    TILES.iter().find(|(iso, _, _)| *iso == country.iso()).map(|&(_, c, r)| (u32::from(c), u32::from(r)))
}

/// The map as a figure: the picture, its legend, and the table of what it shows.
pub fn country_map(cat: &Catalogue, map: &CountryMap<'_>) -> Markup {
    let caption_id = format!("{}-caption", map.id);
    html! {
        figure.country-map #(map.id) {
            (country_map_svg(map))
            @if !map.legend.is_empty() {
                ul.country-map__legend aria-label=(cat.t("map-legend")) {
                    @for (shade, label) in map.legend {
                        li { span.country-map__swatch.{ "country-map__swatch--" (shade.class()) } aria-hidden="true" {} (label) }
                    }
                }
            }
            figcaption #(caption_id) { (map.caption) }
            @if !map.places.is_empty() {
                table.country-map__data aria-labelledby=(caption_id) {
                    thead {
                        tr {
                            th scope="col" { (cat.t("map-country")) }
                            @if let Some(h) = map.note_heading { th scope="col" { (h) } }
                        }
                    }
                    tbody {
                        @for place in map.places.iter().filter(|p| p.shade != Shade::Blank || p.note.is_some()) {
                            tr {
                                th scope="row" {
                                    @if let Some(href) = &place.href { a href=(href) { (place.country.name()) } }
                                    @else { (place.country.name()) }
                                }
                                @if map.note_heading.is_some() { td { (place.note.as_deref().unwrap_or_default()) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The picture alone, for a page that writes what it shows in its own words next to it.
pub fn country_map_svg(map: &CountryMap<'_>) -> Markup {
    let width = COLUMNS * (TILE + GAP) - GAP;
    let height = ROWS * (TILE + GAP) - GAP;
    let shade_of =
        |country: Country| map.places.iter().find(|p| p.country == country).map(|p| p.shade).unwrap_or(Shade::Blank);
    let title_id = format!("{}-title", map.id);
    html! {
        svg.country-map__picture role="img" aria-labelledby=(title_id) viewBox={ "0 0 " (width) " " (height) }
            xmlns="http://www.w3.org/2000/svg" {
            title #(title_id) { (map.caption) }
            @for country in Country::all() {
                @if let Some((column, row)) = tile_of(country) {
                    @let shade = shade_of(country);
                    @let (fill, ink) = shade.colours();
                    @let (x, y) = (column * (TILE + GAP), row * (TILE + GAP));
                    g.{ "country-map__tile country-map__tile--" (shade.class()) } {
                        rect x=(x) y=(y) width=(TILE) height=(TILE) rx="3" fill=(fill) stroke="#8a8a8a" stroke-width="1" {}
                        text x=(x + TILE / 2) y=(y + TILE / 2 + 5) text-anchor="middle" font-size="14"
                            font-family="Arial, sans-serif" fill=(ink) { (country.eurostat()) }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::i18n::Catalogues;

    #[test]
    fn every_country_has_its_own_tile() {
        for country in Country::all() {
            assert!(tile_of(country).is_some(), "{} has no tile", country.iso());
        }
        let mut seen = std::collections::HashSet::new();
        for (iso, c, r) in TILES {
            assert!(u32::from(*c) < COLUMNS && u32::from(*r) < ROWS, "{iso} lies outside the grid");
            assert!(seen.insert((c, r)), "{iso} shares its tile");
        }
    }

    #[test]
    fn the_picture_is_named_and_its_data_written_beneath() {
        let cat = Catalogues::get("en");
        let dk = Country::parse_code("DK").unwrap();
        let mt = Country::parse_code("MT").unwrap();
        let places =
            [Place::new(dk, Shade::Strong).note("eligible").href("/member-states/DK"), Place::new(mt, Shade::Blank)];
        let html = country_map(
            cat,
            &CountryMap {
                id: "eligible",
                caption: "Where applicants may have their seat",
                places: &places,
                legend: &[(Shade::Strong, "Eligible".into())],
                note_heading: Some("Eligibility"),
            },
        )
        .into_string();
        assert!(html.contains(r#"role="img" aria-labelledby="eligible-title""#));
        assert!(html.contains(r#"<title id="eligible-title">Where applicants may have their seat</title>"#));
        assert!(html.contains(r#"<a href="/member-states/DK">Denmark</a>"#), "{html}");
        assert!(html.contains("<td>eligible</td>"));
        // A country drawn only for orientation is not a row of the data.
        assert!(!html.contains(">Malta<"));
        // Greece is labelled as the EU labels it.
        assert!(html.contains(">EL<"));
    }
}
