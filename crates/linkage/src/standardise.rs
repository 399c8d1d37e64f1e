//! The optional standardisation of text values before encoding, the same at every source.
//!
//! Names of victims arrive in many scripts and spellings: "Ирина Шевченко", "IRINA  SHEVCHENKO",
//! "Irína Ševčenko". Bloom-filter keys compare n-grams, so two sources that write one name in two scripts
//! share nothing. Standardising first brings them to one form:
//! 1. compatibility decomposition (NFKD), so ligatures and full-width letters become plain letters;
//! 2. transliteration of every non-Latin script to Latin letters (Cyrillic, Greek and Arabic among them) and
//!    removal of diacritics, by the `deunicode` tables;
//! 3. lower case;
//! 4. apostrophes dropped (O'Brien = OBrien), every other character that is not a letter or digit becomes a
//!    space (Jean-Luc = Jean Luc), and runs of spaces become one, none at either end.
//!
//! A schema turns it on with `"rapporteur": {"standardise": true}`; it then applies to every `string`
//! column and changes the schema's fingerprint, so keys made with and without it are never linked together.
//! Keys made with it differ from clkhash's for values it changes (clkhash uses values as they are).

use unicode_normalization::UnicodeNormalization as _;

/// Appends the standard form of `value` to `out`.
pub fn standardise(value: &str, out: &mut String) {
    let decomposed: String = value.nfkd().collect();
    let latin = deunicode::deunicode(&decomposed);
    let mut pending_space = false;
    for c in latin.chars() {
        if matches!(c, '\'' | '`') {
            continue;
        }
        if c.is_ascii_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c.to_ascii_lowercase());
        } else {
            pending_space = true;
        }
    }
}

/// The standard form of `value`, as a new string.
pub fn standardised(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    standardise(value, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::standardised;

    #[test]
    fn one_name_in_many_scripts_and_spellings() {
        assert_eq!(standardised("  IRINA   Shevchenko "), "irina shevchenko");
        assert_eq!(standardised("Irína Ševčenko"), "irina sevcenko");
        assert_eq!(standardised("Ирина"), "irina");
        assert_eq!(standardised("Νίκος"), "nikos");
        assert_eq!(standardised("O'Brien"), "obrien");
        assert_eq!(standardised("Jean-Luc"), "jean luc");
        assert_eq!(standardised("ﬁona"), "fiona");
        assert!(!standardised("محمد").is_empty());
        assert!(standardised("محمد").is_ascii());
        assert_eq!(standardised(""), "");
        assert_eq!(standardised("--"), "");
    }
}
