//! Synthetic victims of trafficking in human beings, registered by several organisations, with the truth
//! known: the test bed for measuring how well linkage finds one person across sources, and how well multiple
//! systems estimation recovers the number of victims from the overlaps.
//!
//! **SYNTHETIC DATA.** Every person and every record made here is invented from built-in lists of common
//! names, names made from them by each language's rules, and made-up rates; no record of any real person is
//! read, copied or reproduced, and any likeness to a real person is chance. See [`SYNTHETIC`], which tools should print beside anything they write from it.
//!
//! # The population
//! [`SynthSpec::persons`] victims identified in one reporting Member State ([`REPORTING_COUNTRY`], Germany)
//! in 2019–2024. Each has an origin drawn from the main countries of citizenship of registered victims in
//! the EU (nationals, Romania, Bulgaria, Hungary, Greece, Nigeria, Ukraine, Moldova, Vietnam, China,
//! Albania, Morocco, Brazil, Syria, Pakistan; weights in `ORIGINS`), a form of exploitation drawn by origin
//! (Eurostat codes SEX, LAB, CRIM, BEG, MAR, OTH, UNK), a sex drawn given the form (mostly F for sexual
//! exploitation and forced marriage, mostly M for labour), a given name (for some persons two) and a family
//! name typical of the origin, drawn as in real registers (see Names below; a female family name where the
//! language inflects it: Ivanova, Papadopoulou, Kovalevska), an identification date and
//! an age at identification of 14 to 50 years (18% children), hence a birth date. The citizenship group
//! (NAT, EU27_2020_FOR, NEU27_2020_FOR) follows from the origin relative to the reporting country; the
//! age group (Y_LT18, Y_GE18) from the birth and identification dates.
//!
//! # Names
//! Each origin lists its commonest real given and family names, commonest first, and continues its family
//! names with a long tail made by its own morphology: Romanian roots with -escu, -ache, -ică, -oiu, -eanu,
//! -aru; Ukrainian roots with -enko, -chuk/-iuk, -yshyn, -iv, -ovych, -ov and adjectives in -skyi (women
//! -ska, -ova), written in Cyrillic and romanised by the national system and five older or foreign ones
//! (Petryshyn, Petrishin, Petryschyn…); Bulgarian father's-name forms -ov/-ev, -ski, -chev, -kov (women -ova,
//! -eva, -ska); Greek -opoulos, -idis, -akis, -atos, -iadis, -oulis, also after Papa-, Chatzi- and Kara-
//! (women -opoulou, -idou, -aki), romanised by ELOT 743 and three other ways; Edo, Yoruba and Igbo
//! compositions (Osa-gie, Ade-yemi, Nwa-nkwo); Hungarian places in -i (Szegedi, Kisfalvi); Albanian definite
//! and clan forms (Gjoni, Gjonaj); Moldovan -ari, -enco, -iuc, -schi; Moroccan nisbas and compounds with El,
//! Ben, Aït, Ou, Bou, Id, Ouled and Syrian ones with al-, Abu, Hajj, Sheikh, in Arabic script with Latin
//! forms in the French, English and German manners; Pakistani clans and personal names; German compounds
//! (Obermann, Steinhuber) and the Turkish, Polish, Italian and Yugoslav names of Germans; Brazilian double
//! family names (Oliveira Santos, also de Oliveira dos Santos). A made name ranks by the product of its
//! root's and its ending's ranks, so common roots with common endings lead; one that would read like an
//! earlier name, once standardised, is left out.
//!
//! Names are drawn by rank from a Zipf law, the weight of rank r falling as 1 / (r + offset); the offset of
//! each origin's family names is set so that the 20 commonest cover about the share they cover in national
//! registers (Müller alone 0.9% of Germans, the 20 commonest German names about 5%; Nagy 2.4% of Hungarians
//! and Ivanov 2.8% of Bulgarians, their 20 commonest about a quarter; Khan and a few clans over a third of
//! Pakistanis). Where the shares of the commonest names are known they are used as they are: Nguyễn 38% of
//! Vietnamese and 14 names 90%; Chinese from the 2020 census, Wang, Li and Zhang about 7% each. A second
//! given name is drawn for the shares of women and men below (the commoner of the two first: Maria
//! Eduarda, Muhammad Imran); Vietnamese carry a middle name before the given name (Thị Lan, Văn Nam), and
//! a quarter of Bulgarians the father's name after it, as their documents print it (Мария Иванова). The
//! figures, as the test `name_figures` prints them:
//!
//! | origin | family names | 20 commonest | P(two share one) | given names F/M | second given name F/M |
//! |--------|-------------:|-------------:|-----------------:|----------------:|-----------------------|
//! | DE     | 2,600        | 5.5%         | 0.0009           | 86/80           | 0.20/0.15             |
//! | RO     | 991          | 11.1%        | 0.0021           | 69/70           | 0.25/0.20             |
//! | BG     | 907          | 24.8%        | 0.0050           | 62/62           | father's name 0.25    |
//! | HU     | 975          | 22.6%        | 0.0043           | 67/69           | 0.20/0.15             |
//! | GR     | 1,736        | 6.3%         | 0.0011           | 53/54           | 0.05/0.05             |
//! | NG     | 1,406        | 6.1%         | 0.0012           | 70/69           | 0.40/0.35             |
//! | UA     | 1,096        | 5.9%         | 0.0013           | 55/57           | none                  |
//! | MD     | 863          | 16.6%        | 0.0031           | 50/50           | 0.10/0.08             |
//! | VN     | 103          | 92.2%        | 0.18             | 65/73           | middle name 0.97      |
//! | CN     | 185          | 54.3%        | 0.027            | 304/306         | none                  |
//! | AL     | 868          | 11.6%        | 0.0022           | 60/62           | 0.05/0.05             |
//! | MA     | 972          | 10.2%        | 0.0019           | 57/54           | 0.15/0.20             |
//! | BR     | 3,000        | 16.2%        | 0.0024           | 71/71           | 0.45/0.35             |
//! | SY     | 1,035        | 10.0%        | 0.0019           | 56/60           | 0.08/0.15             |
//! | PK     | 892          | 37.3%        | 0.011            | 63/69           | 0.20/0.45             |
//!
//! Of 20,000 persons, about 800 share given, second and family name with another person (most of them
//! Vietnamese and Chinese, as in real registers); with the lists of a few dozen names this module had
//! before, thousands did. Assumptions: the head lists and shares are those commonly published from national
//! statistics and surname surveys, rounded; the tails are invented, and a real origin has tens of thousands
//! of family names where these have one to three thousand, so two persons share a family name two to ten
//! times as often as in reality: linkage is, if anything, tested on harder data.
//!
//! # Capture
//! Each source ([`SOURCES`], the first [`SynthSpec::sources`] of them) registers each person or not, as in
//! capture–recapture data: police 0.45; NGO shelters 0.30, or 0.48 after police (referral); labour
//! inspection 0.45 for labour exploitation, 0.06 otherwise; immigration 0.40 for non-EU citizens, 0.10 for
//! other EU citizens, 0.04 for nationals; social services 0.55 for children, 0.20 for adults, ×1.4 after an
//! NGO; prosecution 0.45 after police, 0.05 otherwise. Every probability is multiplied by the person's
//! visibility (0.5, 1 or 1.5, with weights 3:4:3, capped at 0.95), so catchability is heterogeneous and
//! sources are dependent, as in real lists. Persons whom no source registers appear in no record: the
//! population a count estimate should recover is [`SynthSpec::persons`], not the persons seen.
//!
//! # Recording errors
//! Each record is made independently, with the errors of [`ErrorRates`] drawn independently of each other
//! (see there for each one's definition and default). Records carry their own `record_id`
//! (`police-000123`), numbered after the records of the source are shuffled, so neither the id nor the
//! order tells the person; [`SynthSource::person`] holds the truth.
//!
//! # Determinism and cost
//! A person's draws come from a SplitMix64 stream of its own, and a record's from a stream of its source,
//! person and copy, so the output depends on the seed alone: not on the number of threads, nor on the
//! platform (only integer arithmetic, IEEE multiplications and comparisons are used on the random numbers).
//! Names are drawn from cumulative integer weights. With 3 sources the records of police, NGO shelters and
//! labour inspection are those of the same seed with 6 sources. The name tables (some 30,000 names with
//! their spellings) are made once per process, in about 0.2 s; then a million persons take a few seconds on
//! a few cores. Records take about 0.55 KB each in memory (ten `String`s, each its own allocation: 1,000,000
//! persons and 6 sources, 1.85 million records, take about 1 GB).

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::sync::OnceLock;

use chrono::{Datelike as _, Days, Months, NaiveDate};
use rayon::prelude::*;
use unicode_normalization::UnicodeNormalization as _;

use crate::standardise::standardised;

/// The note that goes with anything made by this module.
pub const SYNTHETIC: &str = "SYNTHETIC DATA: every person and record was invented by rapporteur_linkage::synth \
                             from built-in name lists, names made from them by rule, and made-up rates; any \
                             likeness to a real person is chance.";

/// The columns of a source's CSV file, those of `schemas/victims.json` in order.
pub const COLUMNS: [&str; 10] = [
    "record_id",
    "given_name",
    "family_name",
    "birth_date",
    "birth_country",
    "year",
    "sex",
    "age",
    "exploit",
    "citizen",
];

/// The sources, in the order [`SynthSpec::sources`] takes them.
pub const SOURCES: [&str; 6] =
    ["police", "ngo_shelter", "labour_inspection", "immigration", "social_services", "prosecution"];

/// The Member State whose organisations register the victims: it decides who is a national.
pub const REPORTING_COUNTRY: &str = "DE";

/// The largest population [`generate`] makes (record numbers and person ids stay well inside `u32`).
pub const MAX_PERSONS: usize = 10_000_000;

/// What to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct SynthSpec {
    pub seed: u64,
    /// The true number of victims, seen or not.
    pub persons: usize,
    /// How many of [`SOURCES`] register them, 3 to 6.
    pub sources: usize,
    pub errors: ErrorRates,
}

impl SynthSpec {
    /// A specification with the default error rates.
    pub fn new(seed: u64, persons: usize, sources: usize) -> SynthSpec {
        SynthSpec { seed, persons, sources, errors: ErrorRates::default() }
    }
}

/// The probabilities of recording errors, each drawn independently for every record.
///
/// The defaults are set from what is reported of registers of victims (documents often missing or false,
/// names taken down by ear, through interpreters, from documents in other scripts) and from the rates
/// synthetic-data generators for linkage use (FEBRL, GeCo: 5–20% of values corrupted per field); they are
/// deliberately a little harsher than clean civil registers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ErrorRates {
    /// Share of records with one typo (a character inserted, deleted, substituted, or two transposed) in the
    /// given or the family name. Default 0.06.
    pub typo: f64,
    /// Share of records, among those whose names have other spellings, that write them otherwise than in the
    /// standard Latin form: in the native script (Cyrillic, Greek, Arabic), preferred by NGO shelters and
    /// social services, or in another Latin transliteration or without or with diacritics (Schewtschenko,
    /// Muhammad, Nguyễn). Default 0.35: in registers of victims the spelling varies more than anything else.
    pub transliteration: f64,
    /// Share of records with given and family name swapped. Default 0.03.
    pub swapped_names: f64,
    /// Share of records with no birth date (no document, or none given). Default 0.12.
    pub missing_birth_date: f64,
    /// Share of the records that carry a birth date whose date is wrong: day and month swapped (when both
    /// are 12 or less) or the year off by one. Default 0.04.
    pub wrong_birth_date: f64,
    /// Share of records with another family name of the same origin (marriage, or a false document, common
    /// among victims). Default 0.03.
    pub name_change: f64,
    /// Share of records, among persons with a second given name (or a Vietnamese middle name, or a
    /// Bulgarian father's name), that leave it out. Default 0.10.
    pub dropped_second_name: f64,
    /// Probability that a source registers a person it registers a second time, as a separate record with
    /// errors of its own. Default 0.02.
    pub duplicate_within_source: f64,
}

impl Default for ErrorRates {
    fn default() -> ErrorRates {
        ErrorRates {
            typo: 0.06,
            transliteration: 0.35,
            swapped_names: 0.03,
            missing_birth_date: 0.12,
            wrong_birth_date: 0.04,
            name_change: 0.03,
            dropped_second_name: 0.10,
            duplicate_within_source: 0.02,
        }
    }
}

impl ErrorRates {
    /// No errors at all: every record of a person is the same but for its id and attributes left unknown.
    pub const NONE: ErrorRates = ErrorRates {
        typo: 0.0,
        transliteration: 0.0,
        swapped_names: 0.0,
        missing_birth_date: 0.0,
        wrong_birth_date: 0.0,
        name_change: 0.0,
        dropped_second_name: 0.0,
        duplicate_within_source: 0.0,
    };

    fn check(&self) -> Result<(), SynthError> {
        let rates = [
            ("typo", self.typo),
            ("transliteration", self.transliteration),
            ("swapped_names", self.swapped_names),
            ("missing_birth_date", self.missing_birth_date),
            ("wrong_birth_date", self.wrong_birth_date),
            ("name_change", self.name_change),
            ("dropped_second_name", self.dropped_second_name),
            ("duplicate_within_source", self.duplicate_within_source),
        ];
        match rates.into_iter().find(|(_, value)| !(0.0..=1.0).contains(value)) {
            Some((name, value)) => Err(SynthError::Rate { name, value }),
            None => Ok(()),
        }
    }
}

/// One source's records and the truth about them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthSource {
    /// One of [`SOURCES`].
    pub name: String,
    /// The records, values in the order of [`COLUMNS`].
    pub records: Vec<[String; 10]>,
    /// The true person (0 to persons − 1) of each record.
    pub person: Vec<u32>,
}

impl SynthSource {
    /// The source's records encoded into linkage keys, as the source would encode them.
    pub fn keys(&self, encoder: &crate::Encoder) -> Result<crate::KeySet, crate::ValueError> {
        let mut keys = crate::KeySet::new(encoder.schema().bits);
        let mut scratch = crate::Scratch::default();
        let mut key = Vec::new();
        for record in &self.records {
            let row: Vec<&str> = record.iter().map(String::as_str).collect();
            encoder.encode_into(&row, &mut scratch, &mut key)?;
            keys.push_bytes(&key);
        }
        Ok(keys)
    }
}

/// Why a specification cannot be generated.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SynthError {
    #[error("{0} sources: a synthetic data set has 3 to 6")]
    Sources(usize),
    #[error("{0} persons: a synthetic population has 1 to 10,000,000")]
    Persons(usize),
    #[error("the error rate '{name}' is {value}; a rate lies between 0 and 1")]
    Rate { name: &'static str, value: f64 },
}

/// Generates the sources' records; see the module's documentation for the model.
pub fn generate(spec: &SynthSpec) -> Result<Vec<SynthSource>, SynthError> {
    Ok(generate_logged(spec)?.sources)
}

/// Writes a source as CSV with the header of [`COLUMNS`], ready for [`crate::records::encode_csv`].
pub fn write_csv(source: &SynthSource, out: impl Write) -> std::io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(COLUMNS)?;
    for record in &source.records {
        writer.write_record(record)?;
    }
    writer.flush()
}

// ---------------------------------------------------------------------------------------------------------
// Random numbers

const GOLDEN: u64 = 0x9e37_79b9_7f4a_7c15;

/// SplitMix64 (Steele, Lea and Flood, 2014): tiny, fast, and the same on every platform.
struct SplitMix64(u64);

fn finalise(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// An independent stream for one (tag, index): a person, or a record of a source.
fn stream(seed: u64, tag: u64, index: u64) -> SplitMix64 {
    SplitMix64(finalise(finalise(seed ^ tag.wrapping_mul(GOLDEN)).wrapping_add(index)))
}

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GOLDEN);
        finalise(self.0)
    }

    /// Uniform in `0..n` (Lemire's multiply-shift; the bias is below 2⁻⁴⁰ for the sizes used here).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `0..n`, for the cumulative weights of [`Draw`].
    fn below_u64(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// True with probability `p`: never for 0, always for 1.
    fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64) * (1.0 / (1u64 << 53) as f64) < p
    }

    /// An index drawn with the given integer weights.
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut x = self.below(total as usize) as u32;
        for (i, &w) in weights.iter().enumerate() {
            if x < w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }
}

const TAG_PERSON: u64 = 1;
const TAG_SHUFFLE: u64 = 2;
/// Records use tags from here: one per (source, copy).
const TAG_RECORD: u64 = 16;

// ---------------------------------------------------------------------------------------------------------
// The population

/// Eurostat's forms of exploitation, in the order of `Origin::exploit`.
const EXPLOIT: [&str; 7] = ["SEX", "LAB", "CRIM", "BEG", "MAR", "OTH", "UNK"];
const LAB: usize = 1;
/// Share of women and girls among victims of each form (EU figures: sexual exploitation and forced marriage
/// almost all women and girls, labour exploitation mostly men).
const FEMALE_SHARE: [f64; 7] = [0.92, 0.25, 0.45, 0.50, 0.95, 0.55, 0.60];

/// Where victims come from, with names typical of each origin.
///
/// Names: entries separated by commas; an entry is `native=Standard/Alternative/…`, the first Latin form
/// being the one most sources write. The native script is given only for Cyrillic, Greek and Arabic names;
/// an entry in Cyrillic or Greek alone gets its Latin forms from the origin's [`Script`], and every entry
/// gets the other spellings the script makes (German Mueller for Müller, Romanian Stefan for Ștefan). A
/// family entry may give a female form after `~`. The lists start with the commonest names, in order:
/// given names are drawn with weights falling along the list (see [`Shape`]), family names likewise over
/// the listed names followed by the origin's long tail (`more_family`).
struct Origin {
    /// ISO 3166 alpha-2 code, written as the country of birth.
    country: &'static str,
    /// Share of victims, per mille (roughly the citizenships of registered victims in the EU, Eurostat
    /// 2019–2022, with nationals for the reporting country).
    per_mille: u32,
    citizen: &'static str,
    /// Weights of the forms of exploitation, in the order of `EXPLOIT`.
    exploit: [u32; 7],
    female: &'static str,
    male: &'static str,
    family: &'static str,
    /// What a woman's family name adds, in the native script and in Latin, where the language inflects it
    /// and the entry gives no female form (Bulgarian Ivanov, Ivanova).
    feminine: Option<(&'static str, &'static str)>,
    /// How the names are written in Latin letters and spelled otherwise.
    script: Script,
    /// Given names made by rule after the listed ones, for women (`true`) or men.
    more_given: fn(bool) -> Vec<String>,
    /// The long tail of family names after the listed ones, commonest first, as entries of `family`.
    more_family: fn() -> Vec<String>,
    /// How the family names are distributed, and how many there are.
    family_shape: Shape,
    /// The offsets of the Zipf laws of women's and men's given names: the smaller, the commoner the first
    /// names (Muhammad is the given name of one man in eight in Pakistan).
    given_offset: (u32, u32),
    /// Whether, and how, persons carry a second given name.
    second: Second,
}

/// Whether persons of an origin carry a second given name, written in `given_name` after a space.
#[derive(Debug, Clone, Copy)]
enum Second {
    None,
    /// A second name from the same list (Maria Eduarda, Muhammad Imran, Anna Lena), for these shares of
    /// women and men; the commoner of the two names comes first.
    Given(f64, f64),
    /// A Vietnamese middle name, written before the given name (Thị Lan, Văn Nam), for this share of
    /// persons, from its own lists.
    Middle {
        share: f64,
        female: &'static str,
        male: &'static str,
        female_shape: Shape,
        male_shape: Shape,
    },
    /// The father's given name made a father's name by the Bulgarian rule (Георги Георгиев, Петър Петров),
    /// written after the given name as Bulgarian documents print it (Мария Иванова), for this share of
    /// persons.
    Patronymic(f64),
}

const NAT: &str = "NAT";
const EU: &str = "EU27_2020_FOR";
const NON_EU: &str = "NEU27_2020_FOR";

const ORIGINS: [Origin; 15] = [
    Origin {
        country: "DE",
        per_mille: 300,
        citizen: NAT,
        exploit: [60, 15, 8, 2, 3, 8, 4],
        female: "Anna, Laura, Julia, Sarah/Sara, Lisa, Lena, Jana, Jennifer, Jessica, Vanessa, Michelle, Nicole, \
                 Sandra, Melanie, Katharina/Catharina, Sophie/Sofie, Marie, Nina, Kim, Lea/Léa, Chantal, \
                 Jacqueline, Franziska, Stefanie/Stephanie, Katrin/Kathrin, Sabine, Claudia, Andrea, Petra, \
                 Susanne, Kerstin, Nadine, Tanja, Sabrina, Christina/Kristina, Carina/Karina, Denise, Mandy, \
                 Jasmin/Yasmin, Janina, Natalie/Nathalie, Alina, Leonie, Hannah/Hanna, Emily/Emilie, Mia, Emma, \
                 Lara, Sophia/Sofia, Celine/Céline, Annika, Luisa/Louisa, Johanna, Marlene, Pia, Nele, Paula, \
                 Clara/Klara, Charlotte, Ronja, Maja/Maya, Selina, Vivien, Aylin, Elif, Anastasia, Larissa, Svenja, \
                 Greta, Frieda/Frida, Mila, Lina, Theresa/Teresa, Elisabeth, Birgit, Heike, Silke, Anja, Simone, \
                 Manuela, Daniela, Yvonne, Ramona, Kristin, Merle, Carolin/Caroline",
        male: "Lukas/Lucas, Jonas, Leon, Tim, Kevin, Dennis, Marcel, Florian, Tobias, Sebastian, Daniel, Jan, \
               Niklas/Niclas, Patrick, Sven, Markus/Marcus, Stefan/Stephan, Christian, Alexander, Maximilian, \
               Paul, Felix, Elias, Noah, Luca/Luka, Ben, Max, Moritz, Philipp/Philip, Julian, David, Simon, \
               Fabian, Dominik/Dominic, Benjamin, Robin, Pascal, Marco/Marko, Mario, René/Rene, Thomas, Michael, \
               Andreas, Frank, Jürgen, Uwe, Ralf/Ralph, Jens, Dirk, Thorsten/Torsten, Matthias/Mathias, Martin, \
               Oliver, Kai/Kay, Nico/Niko, Erik/Eric, Finn/Fynn, Jannik/Yannick, Till, Lars, Hendrik/Henrik, \
               Johannes, Manuel, Benedikt, Marvin, Justin, Dustin, Mehmet, Emre, Can, Artur/Arthur, \
               Viktor/Victor, Waldemar, Eugen, Mustafa, Hannes, Malte, Ole, Sören, Björn",
        family: "Müller/Mueller/Muller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Schulz, \
                 Hoffmann, Schäfer/Schaefer/Schafer, Koch, Bauer, Richter, Klein, Wolf, Schröder/Schroeder, \
                 Neumann, Schwarz, Zimmermann, Braun, Krüger/Krueger/Kruger, Hofmann, Hartmann, Lange, Schmitt, \
                 Werner, Krause, Meier, Lehmann",
        feminine: None,
        script: Script::latin(&[DE_UMLAUTS]),
        more_given: no_more_given,
        more_family: de_family,
        family_shape: Shape { head: &[], offset: 100, size: 2_600 },
        given_offset: (10, 10),
        second: Second::Given(0.20, 0.15),
    },
    Origin {
        country: "RO",
        per_mille: 100,
        citizen: EU,
        exploit: [50, 30, 8, 6, 2, 2, 2],
        female: "Maria, Elena, Ioana, Andreea, Alexandra, Mihaela, Ana, Cristina, Daniela, Gabriela, Florentina, \
                 Nicoleta, Alina, Roxana, Georgiana, Denisa, Bianca, Larisa, Ramona, Simona, Loredana, \
                 Ștefania/Stefania, Mădălina/Madalina, Violeta, Irina, Diana, Raluca, Oana, Adriana, Camelia, \
                 Carmen, Claudia, Corina, Dana, Emilia, Lavinia, Lăcrămioara, Liliana, Luminița, Manuela, \
                 Marinela, Mirela, Monica, Natalia, Paula, Petronela, Rodica, Sabina, Silvia, Sorina, Valentina, \
                 Veronica, Viorica, Aurelia, Anca, Anișoara, Cosmina, Delia, Doina, Geanina, Iuliana, Lorena, \
                 Marioara, Otilia, Paraschiva, Rebeca, Teodora, Angela, Cătălina",
        male: "Ion, Andrei, Alexandru, Mihai, Constantin, Gheorghe, Florin, Marian, Ionuț/Ionut, Ștefan/Stefan, \
               Daniel, Adrian, Cristian, Vasile, Nicolae, Cătălin/Catalin, Bogdan, Costel, Dumitru, Petru, \
               Marius, Gabriel, Ionel, Costin, Dorin, Emil, Eugen, Laurențiu, Liviu, Lucian, Marcel, Mircea, \
               Nelu, Ovidiu, Paul, Radu, Răzvan, Sorin, Silviu, Valentin, Viorel, Aurel, Cosmin, Dragoș, Alin, \
               Claudiu, Cornel, Dănuț, Doru, Fănel, George, Grigore, Iulian, Leonard, Mihail, Nicușor, Octavian, \
               Petrică, Remus, Sebastian, Traian, Tudor, Valeriu, Vlad, Robert, Denis, Darius, Rareș, Iosif, \
               Marin",
        family: "Popescu, Popa, Pop, Radu, Dumitru, Stan, Stoica, Gheorghe, Matei, Ciobanu, Ionescu, Rusu, Mihai, \
                 Constantin, Munteanu, Lungu, Marin, Tudor, Dinu, Moldovan, Enache, Lazăr/Lazar, Florea, Dobre, \
                 Barbu, Nistor, Căldăraru/Caldararu, Stănescu/Stanescu, Niculescu, Mocanu",
        feminine: None,
        script: Script::latin(&[RO_CEDILLA]),
        more_given: no_more_given,
        more_family: ro_family,
        family_shape: Shape { head: &[], offset: 50, size: 1_500 },
        given_offset: (8, 8),
        second: Second::Given(0.25, 0.20),
    },
    Origin {
        country: "BG",
        per_mille: 60,
        citizen: EU,
        exploit: [55, 25, 6, 8, 2, 2, 2],
        female: "Мария=Maria/Mariya, Иванка=Ivanka/Iwanka, Елена=Elena/Jelena, Йорданка=Yordanka/Jordanka/Iordanka, \
                 Пенка=Penka, Десислава=Desislava/Dessislava, Гергана=Gergana, Виктория=Viktoriya/Viktoria/Victoria, \
                 Николина=Nikolina/Nicolina, Надежда=Nadezhda/Nadejda/Nadeschda, \
                 Цветелина=Tsvetelina/Cvetelina/Zwetelina, Силвия=Silviya/Silvia, Радослава=Radoslava, \
                 Петя=Petya/Petia/Petja, Теодора=Teodora/Theodora, Симона=Simona, Станислава=Stanislava, \
                 Галина=Galina, Михаела=Mihaela/Michaela, Ралица=Ralitsa/Ralica/Ralitza, Веселина, Даниела, \
                 Катя, Милена, Антония, Боряна, Вяра, Дарина, Диана, Донка, Екатерина, Живка, Зорница, Калина, \
                 Красимира, Лиляна, Любка, Магдалена, Марияна, Невена, Нели, Павлина, Пламена, Росица, Румяна, \
                 Светла, Снежана, Стела, Цвета, Яна, Албена, Ваня, Габриела, Деница, Емилия, Валентина, Мариана, \
                 Кристина, Анелия, Стефка, Тодорка, Гинка",
        male: "Георги=Georgi/Gueorgui, Иван=Ivan/Iwan, Димитър=Dimitar/Dimitr, Николай=Nikolay/Nikolai, \
               Петър=Petar/Peter, Христо=Hristo/Christo/Khristo, Тодор=Todor, Стоян=Stoyan/Stojan/Stoian, \
               Атанас=Atanas/Athanas, Васил=Vasil/Wassil, Асен=Asen/Assen, Йордан=Yordan/Jordan/Iordan, \
               Стефан=Stefan/Stephan, Кирил=Kiril/Kirill, Ангел=Angel, Емил=Emil, \
               Любомир=Lyubomir/Ljubomir/Liubomir, Младен=Mladen, Красимир=Krasimir, Борис=Boris, Ивайло, \
               Калоян, Пламен, Румен, Веселин, Валентин, Даниел, Мартин, Милен, Никола, Огнян, Павел, \
               Радослав, Светослав, Симеон, Тихомир, Цветан, Явор, Любен, Живко, Добромир, Боян, Бойко, Евгени, \
               Здравко, Илия, Методи, Трифон, Христиан, Мирослав, Владимир, Станимир, Венцислав, Александър, \
               Благой, Велизар, Галин, Делян, Захари, Костадин, Кристиян, Петко",
        family: "Иванов=Ivanov/Iwanow, Георгиев=Georgiev/Georgiew/Gueorguiev, Димитров=Dimitrov/Dimitrow, \
                 Петров=Petrov/Petrow, Николов=Nikolov/Nikolow, Христов=Hristov/Christov/Khristov, \
                 Стоянов=Stoyanov/Stojanov/Stoianov, Тодоров=Todorov/Todorow, Илиев=Iliev/Iliew, \
                 Атанасов=Atanasov/Atanassov, Василев=Vasilev/Vassilev/Wassilew, Ангелов=Angelov/Angelow, \
                 Йорданов=Yordanov/Jordanov/Iordanov, Костов=Kostov/Kostow, Маринов=Marinov/Marinow, \
                 Петков=Petkov/Petkow, Колев=Kolev/Kolew, Митев=Mitev/Mitew, Попов=Popov/Popow, \
                 Стефанов=Stefanov/Stephanov, Кирилов=Kirilov/Kirillov, \
                 Михайлов=Mihaylov/Mihailov/Michailow/Mikhaylov, Симеонов=Simeonov/Simeonow, Радев=Radev/Radew, \
                 Асенов=Asenov/Assenov, Павлов=Pavlov/Pawlow, Русев=Rusev/Russev, Янков=Yankov/Jankov/Iankov, \
                 Ковачев=Kovachev/Kovacev/Kowatschew, Марков=Markov/Markow",
        feminine: Some(("а", "a")),
        script: Script::native(&[BG_OFFICIAL, BG_OLD, BG_GERMAN, BG_FRENCH, BG_SCHOLARLY]),
        more_given: no_more_given,
        more_family: bg_family,
        family_shape: Shape { head: &[], offset: 10, size: 1_100 },
        given_offset: (8, 8),
        second: Second::Patronymic(0.25),
    },
    Origin {
        country: "HU",
        per_mille: 40,
        citizen: EU,
        exploit: [60, 25, 5, 4, 2, 2, 2],
        female: "Erzsébet/Erzsebet, Katalin, Ilona, Éva/Eva, Anikó/Aniko, Zsuzsanna/Zsuzsana, Mária/Maria, \
                 Krisztina, Andrea, Tímea/Timea, Nikolett, Szilvia, Mónika/Monika, Renáta/Renata, Brigitta, Edina, \
                 Dóra/Dora, Vivien, Boglárka/Boglarka, Réka/Reka, Anna, Zsófia, Eszter, Judit, Ágnes, Erika, \
                 Gabriella, Hajnalka, Ildikó, Irén, Julianna, Klára, Magdolna, Margit, Marianna, Melinda, Noémi, \
                 Orsolya, Petra, Rita, Rozália, Szabina, Tünde, Veronika, Viktória, Zita, Bernadett, Csilla, \
                 Dorina, Enikő, Evelin, Fanni, Gréta, Henrietta, Ibolya, Jázmin, Kitti, Lili, Luca, Nóra, Tamara, \
                 Vanda, Zsanett, Alexandra, Barbara, Beáta, Dalma",
        male: "László/Laszlo, István/Istvan, József/Jozsef, János/Janos, Zoltán/Zoltan, Sándor/Sandor, Gábor/Gabor, \
               Ferenc, Attila, Péter/Peter, Tamás/Tamas, Zsolt, Tibor, András/Andras, Csaba, Imre, Lajos, Gyula, \
               Balázs/Balazs, Norbert, Gergely, Dániel, Dávid, Ádám, Bence, Máté, Levente, Márk, Roland, \
               Krisztián, Richárd, Róbert, Béla, Géza, Mihály, Antal, Pál, Dénes, Ernő, Győző, Jenő, Kálmán, \
               Károly, Miklós, Nándor, Ottó, Rudolf, Szabolcs, Tivadar, Viktor, Barnabás, Bálint, Botond, Dominik, \
               Kristóf, Marcell, Milán, Olivér, Patrik, Zsigmond, Árpád, Ákos, Benedek, Vilmos, Endre, Elemér, \
               Ervin, Gusztáv, Lőrinc",
        family: "Nagy, Kovács/Kovacs, Tóth/Toth, Szabó/Szabo, Horváth/Horvath, Varga, Kiss, Molnár/Molnar, \
                 Németh/Nemeth, Farkas, Balogh/Balog, Papp, Takács/Takacs, Juhász/Juhasz, Lakatos, \
                 Mészáros/Meszaros, Oláh/Olah, Simon, Rácz/Racz, Fekete, Szilágyi/Szilagyi, Török/Torok, \
                 Fehér/Feher, Gál/Gal, Kis, Szűcs/Szucs, Kocsis, Orsós/Orsos, Pintér/Pinter, Sárközi/Sarkozi",
        feminine: None,
        script: Script::latin(&[HU_SHORT_ACCENTS]),
        more_given: no_more_given,
        more_family: hu_family,
        family_shape: Shape { head: &[], offset: 12, size: 1_100 },
        given_offset: (8, 8),
        second: Second::Given(0.20, 0.15),
    },
    Origin {
        country: "GR",
        per_mille: 15,
        citizen: EU,
        exploit: [50, 25, 10, 5, 2, 5, 3],
        female: "Μαρία=Maria, Ελένη=Eleni/Helene, Αικατερίνη=Aikaterini/Ekaterini/Katerina, \
                 Βασιλική=Vasiliki/Vassiliki, Σοφία=Sofia/Sophia, Αγγελική=Angeliki/Aggeliki, \
                 Γεωργία=Georgia/Yeoryia, Δήμητρα=Dimitra/Demetra, Κωνσταντίνα=Konstantina/Constantina, \
                 Παρασκευή=Paraskevi/Paraskewi, Ευαγγελία=Evangelia/Evaggelia, Χριστίνα=Christina/Hristina, \
                 Ιωάννα=Ioanna/Joanna, Άννα=Anna, Αναστασία=Anastasia, Ειρήνη=Eirini/Irini/Irene, \
                 Δέσποινα=Despoina/Despina, Αθανασία=Athanasia, Ευτυχία=Eftychia/Eftihia/Eutychia, \
                 Χρυσούλα=Chrysoula/Hrisoula/Chrisoula, Κυριακή, Φωτεινή, Ευγενία, Σταυρούλα, Ζωή, Όλγα, Μαρίνα, \
                 Αλεξάνδρα, Πολυξένη, Αφροδίτη, Θεοδώρα, Νικολέτα, Ευανθία, Σταματία, Μαγδαληνή, Βαρβάρα, \
                 Ελευθερία, Αρετή, Ουρανία, Φανή, Κατερίνα, Νεκταρία, Χαρίκλεια, Ευδοκία, Ιφιγένεια, Καλλιόπη, \
                 Λαμπρινή, Μυρτώ, Παναγιώτα, Πηνελόπη, Ροδάνθη, Σπυριδούλα, Στέλλα",
        male: "Γεώργιος=Georgios/Yeoryios, Ιωάννης=Ioannis/Joannis, Κωνσταντίνος=Konstantinos/Constantinos, \
               Δημήτριος=Dimitrios/Demetrios, Νικόλαος=Nikolaos/Nicolaos, Παναγιώτης=Panagiotis/Panayiotis, \
               Βασίλειος=Vasileios/Vasilios/Vassilios, Χρήστος=Christos/Hristos, Αθανάσιος=Athanasios/Athanassios, \
               Μιχαήλ=Michail/Mihail/Michael, Ευάγγελος=Evangelos/Evaggelos, Σπυρίδων=Spyridon/Spiridon, \
               Αντώνιος=Antonios/Andonios, Άγγελος=Angelos/Aggelos, Θεόδωρος=Theodoros/Teodoros, \
               Ηλίας=Ilias/Elias, Αναστάσιος=Anastasios, Εμμανουήλ=Emmanouil/Emmanuel, Σωτήριος=Sotirios, \
               Στέφανος=Stefanos/Stephanos, Ανδρέας, Παύλος, Πέτρος, Σταύρος, Μάρκος, Λάμπρος, Αριστείδης, \
               Φώτιος, Ηρακλής, Χαράλαμπος, Γρηγόριος, Ελευθέριος, Κυριάκος, Πρόδρομος, Ευστάθιος, Θεοφάνης, \
               Μιλτιάδης, Αλέξανδρος, Διονύσιος, Ιάκωβος, Μάριος, Ορέστης, Περικλής, Σάββας, Τιμόθεος, \
               Απόστολος, Νεκτάριος, Στυλιανός, Λεωνίδας, Ιορδάνης, Κλεάνθης, Μενέλαος, Οδυσσέας, Φίλιππος",
        family: "Παπαδόπουλος=Papadopoulos/Papadopulos~Παπαδοπούλου=Papadopoulou/Papadopulu, \
                 Παπαδάκης=Papadakis~Παπαδάκη=Papadaki, Γεωργίου=Georgiou/Yeoryiou, \
                 Οικονόμου=Oikonomou/Ikonomou/Economou, Παπαγεωργίου=Papageorgiou/Papayeoryiou, \
                 Βασιλείου=Vasileiou/Vasiliou/Vassiliou, Νικολάου=Nikolaou/Nicolaou, Δημητρίου=Dimitriou/Demetriou, \
                 Ιωάννου=Ioannou/Joannou, Κωνσταντίνου=Konstantinou/Constantinou, Αντωνίου=Antoniou/Andoniou, \
                 Μακρής=Makris~Μακρή=Makri, Παππάς=Pappas/Papas~Παππά=Pappa/Papa, Αλεξίου=Alexiou/Alexiu, \
                 Καραγιάννης=Karagiannis/Karayannis~Καραγιάννη=Karagianni/Karayanni, \
                 Λαμπρόπουλος=Lampropoulos/Labropoulos~Λαμπροπούλου=Lampropoulou/Labropoulou, \
                 Μαυρίδης=Mavridis/Mavrides~Μαυρίδου=Mavridou/Mavridu, Χατζής=Chatzis/Hatzis~Χατζή=Chatzi/Hatzi, \
                 Αθανασίου=Athanasiou/Athanassiou, Πετρίδης=Petridis/Petrides~Πετρίδου=Petridou/Petridu",
        feminine: None,
        script: Script::native(&[GR_ELOT, GR_PHONETIC, GR_GERMAN, GR_CLASSICAL]),
        more_given: no_more_given,
        more_family: gr_family,
        family_shape: Shape { head: &[], offset: 100, size: 2_000 },
        given_offset: (8, 8),
        second: Second::Given(0.05, 0.05),
    },
    Origin {
        country: "NG",
        per_mille: 90,
        citizen: NON_EU,
        exploit: [80, 8, 4, 2, 1, 3, 2],
        female: "Blessing, Joy, Precious, Favour/Favor, Gift, Mercy, Peace, Faith, Esther, Grace, Happiness, \
                 Osasere/Osaser, Ivie, Esohe, Aisosa/Aisossa, Itohan, Omosede, Adesuwa, Ngozi, Chioma, Adaeze, \
                 Funmilayo, Eghosa, Princess, Glory, Success, Comfort, Patience, Charity, Loveth, Gloria, Rita, \
                 Vivian, Stella, Juliet, Evelyn, Oghogho, Isoken, Eseosa, Osarugue, Iyobosa, Omoye, Efe, Uwa, \
                 Ifeoma, Nneka, Amaka, Chinyere, Adaobi, Obiageli, Folake, Bukola, Yetunde, Kemi, Titilayo, \
                 Abimbola, Omolara, Aisha, Fatima, Hauwa, Zainab, Amina, Ruth, Deborah, Sandra, Victoria, \
                 Goodness, Endurance, Mary, Rose",
        male: "Osagie, Osaro, Efosa/Efoza, Osas, Uyi, Emeka, Chinedu, Chukwuemeka/Chukwu Emeka, Ikenna, Tunde, \
               Segun, Samuel, Godwin, Friday, Sunday, Emmanuel, Kingsley, Festus, Lucky, Osaretin, Osahon, \
               Osazee, Nosa, Ehis, Obinna, Chidi, Chukwudi, Nnamdi, Uchenna, Ifeanyi, Obiora, Kelechi, Tochukwu, \
               Olumide, Olusegun, Ayodele, Adebayo, Babatunde, Oluwaseun, Femi, Kunle, Yusuf, Ibrahim, Musa, \
               Abdullahi, Aliyu, Sani, Garba, Peter, John, Paul, David, Joseph, Michael, Victor, Stanley, Kelvin, \
               Collins, Prince, Innocent, Goodluck, Monday, Patrick, Solomon, Moses, Uyiosa, Eseosa, Omoruyi, \
               Osayande",
        family: "Osagie, Igbinedion, Omoregie/Omoreige, Obaseki, Osaghae, Aigbe, Ehigiator, Idahosa, Okoro, \
                 Okafor, Eze, Okonkwo, Nwosu, Obi, Adeyemi, Ogunleye, Bello, Abubakar/Abubakr, Ibrahim, Musa, \
                 Uwaifo, Edokpolo, Iyamu, Aimufua, Ogbebor, Ekhator/Ekhatör, Erhabor, Nosakhare, Okpara, Akpan",
        feminine: None,
        script: Script::latin(&[]),
        more_given: no_more_given,
        more_family: ng_family,
        family_shape: Shape { head: &[], offset: 120, size: 2_000 },
        given_offset: (8, 8),
        second: Second::Given(0.40, 0.35),
    },
    Origin {
        country: "UA",
        per_mille: 70,
        citizen: NON_EU,
        exploit: [35, 50, 5, 2, 1, 4, 3],
        female: "Ірина=Iryna/Irina, Олена=Olena/Elena, Оксана=Oksana/Oxana, \
                 Наталія=Nataliia/Natalia/Nataliya/Natalija, Тетяна=Tetiana/Tetyana/Tatiana/Tatjana, \
                 Юлія=Yuliia/Yulia/Julia/Julija, Ганна=Hanna/Ganna/Anna, Марія=Mariia/Maria/Mariya, \
                 Світлана=Svitlana/Svetlana/Swetlana, Людмила=Liudmyla/Lyudmyla/Ludmila/Ljudmila, \
                 Вікторія=Viktoriia/Viktoriya/Victoria, Катерина=Kateryna/Katerina/Ekaterina, \
                 Анастасія=Anastasiia/Anastasia/Anastasija, Ольга=Olha/Olga, Валентина=Valentyna/Valentina/Walentina, \
                 Галина=Halyna/Galina/Galyna, Дарина=Daryna/Darina, Христина=Khrystyna/Kristina/Christina/Chrystyna, \
                 Софія=Sofiia/Sofia/Sofiya, Яна=Yana/Jana/Iana, Надія, Лариса, Марина, Інна, Алла, Віра, Любов, \
                 Ніна, Діана, Аліна, Вероніка, Ангеліна, Єлизавета, Поліна, Уляна, Соломія, Мирослава, Богдана, \
                 Зоряна, Роксолана, Леся, Лілія, Раїса, Жанна, Євгенія, Карина, Марта, Ярослава, Тамара, Ксенія, \
                 Мілана, Злата, Олександра, Оля, Валерія",
        male: "Олександр=Oleksandr/Olexandr/Aleksandr/Alexander, Андрій=Andrii/Andriy/Andrij/Andrey, \
               Сергій=Serhii/Serhiy/Sergii/Sergej/Sergey, Володимир=Volodymyr/Wolodymyr/Vladimir, \
               Дмитро=Dmytro/Dmitro/Dmitri, Микола=Mykola/Mikola/Nikolai, Іван=Ivan/Iwan, \
               Юрій=Yurii/Yuriy/Jurij/Yuri, Василь=Vasyl/Wasyl/Vasil, Віктор=Viktor/Victor/Wiktor, \
               Олег=Oleh/Oleg, Максим=Maksym/Maxim/Maksim, Богдан=Bohdan/Bogdan, Тарас=Taras, Ігор=Ihor/Igor, \
               Петро=Petro, Роман=Roman, Денис=Denys/Denis, Артем=Artem/Artyom/Artjom, \
               Віталій=Vitalii/Vitaliy/Witalij/Vitaly, Євген, Ярослав, Михайло, Степан, Павло, Назар, Остап, \
               Ілля, Кирило, Данило, Владислав, Станіслав, Вадим, Валерій, Анатолій, Григорій, Руслан, \
               Ростислав, Святослав, Мирослав, Тимофій, Федір, Леонід, Геннадій, Едуард, Костянтин, Антон, \
               Арсен, Марко, Матвій, Семен, Яків, Орест, Любомир, Олексій, Валентин, Євгеній",
        family: "Шевченко=Shevchenko/Sevcenko/Schewtschenko/Chevtchenko, Бондаренко=Bondarenko, \
                 Коваленко=Kovalenko/Kowalenko, Бойко=Boiko/Boyko/Bojko, Ткаченко=Tkachenko/Tkacenko/Tkatschenko, \
                 Кравченко=Kravchenko/Kravcenko/Krawtschenko, Олійник=Oliinyk/Oliynyk/Olijnyk/Oleinik, \
                 Шевчук=Shevchuk/Sevcuk/Schewtschuk, Коваль=Koval/Kowal, \
                 Поліщук=Polishchuk/Polischuk/Politschuk, Бондар=Bondar, Ткачук=Tkachuk/Tkatschuk/Tkacuk, \
                 Мороз=Moroz, Марченко=Marchenko/Marcenko/Martschenko, Лисенко=Lysenko/Lissenko/Lisenko, \
                 Руденко=Rudenko, Савченко=Savchenko/Sawtschenko/Savcenko, Петренко=Petrenko, \
                 Мельник=Melnyk/Melnik, Ковальчук=Kovalchuk/Kowaltschuk/Kovalcuk, Романенко=Romanenko, \
                 Павленко=Pavlenko/Pawlenko, Левченко=Levchenko/Lewtschenko/Levcenko, \
                 Харченко=Kharchenko/Charchenko/Chartschenko/Harchenko, Пономаренко=Ponomarenko, \
                 Гончаренко=Honcharenko/Goncharenko/Gontscharenko, Карпенко=Karpenko, \
                 Василенко=Vasylenko/Vasilenko/Wassilenko, Клименко=Klymenko/Klimenko, Кузьменко=Kuzmenko/Kusmenko",
        feminine: None,
        script: Script::native(&[UA_NATIONAL, UA_PASSPORT_1996, UA_RUSSIAN, UA_GERMAN, UA_FRENCH, UA_SCHOLARLY]),
        more_given: no_more_given,
        more_family: ua_family,
        family_shape: Shape { head: &[], offset: 150, size: 2_000 },
        given_offset: (8, 8),
        second: Second::None,
    },
    Origin {
        country: "MD",
        per_mille: 30,
        citizen: NON_EU,
        exploit: [35, 50, 6, 3, 1, 3, 2],
        female: "Ana, Maria, Natalia, Tatiana/Tatjana, Olga, Elena, Irina, Svetlana, Cristina, Victoria, Diana, \
                 Doina, Mariana, Ludmila, Aliona/Alena, Corina, Valentina, Galina, Nadejda/Nadezhda, Veronica, \
                 Lilia, Angela, Ecaterina, Eugenia, Inga, Larisa, Liuba, Lucia, Marina, Nina, Oxana, Raisa, \
                 Silvia, Stela, Tamara, Valeria, Vera, Zinaida, Adriana, Alexandra, Daniela, Dorina, Iulia, Liliana, \
                 Mihaela, Nicoleta, Rodica, Snejana, Alina, Carolina",
        male: "Ion, Vasile, Sergiu, Andrei, Nicolae, Alexandru, Vladimir, Igor, Victor, Dumitru, Oleg, Gheorghe, \
               Mihail, Valeriu, Vitalie, Dorin, Ghenadie, Petru, Iurie/Yuri, Vadim, Anatol, Constantin, Denis, \
               Eugen, Grigore, Ilie, Iulian, Leonid, Marin, Maxim, Nicolai, Pavel, Radu, Roman, Ruslan, Serghei, \
               Stanislav, Tudor, Valentin, Veaceslav, Viorel, Boris, Cristian, Daniel, Dan, Artur, Adrian, \
               Emil, Octavian, Mircea",
        family: "Rusu, Ceban/Cheban, Ciobanu, Cebotari/Chebotari, Lungu, Țurcanu/Turcanu, Munteanu, Cojocaru, \
                 Rotari, Sârbu/Sirbu/Sarbu, Bivol, Guțu/Gutu, Moraru, Cazacu, Popa, Balan, Rotaru, Melnic, \
                 Plămădeală/Plamadeala, Botnari, Prodan, Grosu, Cazac, Bejenari, Railean",
        feminine: None,
        script: Script::latin(&[RO_CEDILLA, MD_RUSSIAN]),
        more_given: no_more_given,
        more_family: md_family,
        family_shape: Shape { head: &[], offset: 25, size: 1_000 },
        given_offset: (8, 8),
        second: Second::Given(0.10, 0.08),
    },
    Origin {
        country: "VN",
        per_mille: 45,
        citizen: NON_EU,
        exploit: [20, 50, 25, 0, 1, 2, 2],
        female: "Lan, Hương, Hoa, Mai, Thu, Hằng, Linh, Nga, Hà, Trang, Thảo, Phương, Hạnh, Ngọc, Yến, Dung, \
                 Nhung, Tuyết, Ánh, Oanh, Anh, Huyền, Hiền, Giang, Loan, Nhàn, Nhi, Quỳnh, Vân, Thủy, Tâm, Thơm, \
                 Hồng, Hải, Liên, Lý, Mến, Ngân, Nguyệt, Như, Phượng, Quyên, Sen, Thanh, Thắm, Thoa, Thúy, Trâm, \
                 Trinh, Uyên, Vy, Xuân, Diệp, Đào, Duyên, Hậu, Hòa, Hường, Huệ, Khánh, Kiều, Lệ, Liễu, My, Ninh, \
                 Sương, Tuyền, Tươi, Vui, Chi",
        male: "Nam, Hùng, Tuấn, Long, Đức, Thành, Minh, Hải, Dũng, Sơn, Anh, Huy, Tùng, Quân, Khánh, Đạt, Phúc, \
               Trường, Bình, Cường, Công, Chiến, Chung, Cảnh, Định, Đông, Dương, Giang, Hiếu, Hòa, Hoàng, Hưng, \
               Khoa, Kiên, Lâm, Lộc, Lợi, Luân, Mạnh, Nghĩa, Nhân, Phong, Quang, Quý, Sang, Tài, Tâm, Tân, \
               Thắng, Thanh, Thiện, Thịnh, Toàn, Trí, Trọng, Trung, Tú, Việt, Vinh, Vũ, Bảo, Duy, Hiệp, Hợp, \
               Lực, Nguyên, Phát, Quyết, Thái, Tiến, Tính, Tuyên, Vương, Hậu, Kỳ",
        family: "Nguyen/Nguyễn, Tran/Trần, Le/Lê, Pham/Phạm, Hoang/Hoàng, Huynh/Huỳnh, Phan, Vu/Vũ, Vo/Võ, \
                 Dang/Đặng, Bui/Bùi, Do/Đỗ, Ho/Hồ, Ngo/Ngô, Duong/Dương, Ly/Lý, Dinh/Đinh, Truong/Trương, \
                 Luong/Lương, Mai, Trinh/Trịnh, Doan/Đoàn, Cao, Lam/Lâm, Ha/Hà",
        feminine: None,
        script: Script::plain(),
        more_given: no_more_given,
        more_family: vn_family,
        family_shape: Shape { head: &VN_FAMILY_SHARES, offset: 10, size: 300 },
        given_offset: (10, 10),
        second: Second::Middle {
            share: 0.97,
            female: "Thị, Ngọc, Thu, Thanh, Thùy, Kim, Hồng, Minh, Phương, Mai, Bảo, Khánh, Diệu, Quỳnh, Hoài, \
                     Bích, Mỹ, Lan, Tuyết, Hải, Ánh, Cẩm, Hương, Kiều, Thảo",
            male: "Văn, Đức, Minh, Quang, Hữu, Công, Thanh, Xuân, Tiến, Hoàng, Mạnh, Ngọc, Anh, Trọng, Duy, Quốc, \
                   Thế, Việt, Bá, Đình, Tuấn, Trung, Hồng, Kim, Đăng, Huy, Khắc, Nhật, Thành, Trường",
            // Thị and Văn: about half of women and men in the provinces most victims come from.
            female_shape: Shape { head: &[5_500], offset: 4, size: 100 },
            male_shape: Shape { head: &[4_500], offset: 4, size: 100 },
        },
    },
    Origin {
        country: "CN",
        per_mille: 35,
        citizen: NON_EU,
        exploit: [45, 45, 4, 0, 1, 3, 2],
        female: "Xiaoli/Xiao Li/Hsiao-li, Lina/Li Na, Mei, Yan/Yen, Jing/Ching, Fang, Hong/Hung, Ying, \
                 Xiaoyan/Xiao Yan/Hsiao-yen, Lihua/Li Hua, Juan/Chuan, Hui/Hwei, Min, Yun, Qing/Ching Ching, \
                 Xiumei/Xiu Mei/Hsiu-mei, Lan, Ping, Xue/Hsueh, Jiayi/Jia Yi/Chia-yi",
        male: "Wei, Jun/Chun, Lei, Yong, Jie/Chieh, Tao, Ming, Qiang/Chiang, Jian/Chien, Hao, Bo/Po, Gang/Kang, \
               Feng, Chao, Peng, Bin/Pin, Zhiqiang/Zhi Qiang/Chih-chiang, Jianguo/Jian Guo/Chien-kuo, Guang/Kuang, \
               Long/Lung",
        family: "Wang, Li/Lee, Zhang/Chang, Liu/Lau, Chen/Chan, Yang/Yeung, Huang/Wong, Zhao/Chao, Wu/Ng, \
                 Zhou/Chou/Chow, Xu/Hsu, Sun, Ma, Zhu/Chu, Guo/Kuo, He/Ho, Lin/Lam, Gao/Kao, Luo/Lo, \
                 Zheng/Cheng, Liang/Leung, Xie/Hsieh/Tse, Song/Sung, Tang/Tong, Han, Deng/Teng, Cao/Tsao",
        feminine: None,
        script: Script::latin(&[]),
        more_given: cn_given,
        more_family: cn_family,
        family_shape: Shape { head: &CN_FAMILY_SHARES, offset: 10, size: 500 },
        given_offset: (20, 20),
        second: Second::None,
    },
    Origin {
        country: "AL",
        per_mille: 30,
        citizen: NON_EU,
        exploit: [45, 30, 15, 2, 3, 3, 2],
        female: "Elira, Arjola, Anxhela/Angela, Erjona, Klodiana/Klaudiana, Enkeleda, Mirela, Blerina, Dorina, \
                 Jonida, Alketa, Ermira, Fatjona, Xhensila/Jensila, Brunilda, Elona, Valbona, Rovena, Marsela, \
                 Lindita, Anila, Arta, Besa, Besiana, Denada, Dorela, Drita, Edlira, Eglantina, Elda, Elsa, \
                 Enkelejda, Entela, Esmeralda, Etleva, Flutura, Gentiana, Ilda, Irena, Jeta, Kejsi, Klea, Luljeta, \
                 Manjola, Mimoza, Migena, Nertila, Orjeta, Pranvera, Rudina, Shpresa, Silvana, Sonila, Teuta, \
                 Vjollca, Xhulia, Zamira, Ledia, Ornela, Juliana",
        male: "Arben, Erion, Ilir, Besnik, Gentian, Kledi, Fatmir, Artan, Dritan, Agron, Albert, Ardit, Endrit, \
               Klajdi/Klaidi, Mario, Erald, Altin, Bledar, Genti, Sokol, Alban, Andi, Arbër, Ardian, Armand, Arjan, \
               Astrit, Bashkim, Blerim, Burim, Dashamir, Edmond, Elton, Endri, Erjon, Fatos, Gazmend, Gjergj, \
               Ilirjan, Indrit, Klodian, Kristi, Lulzim, Marjan, Mentor, Mirel, Olsi, Orges, Petrit, Redon, \
               Rezart, Saimir, Skënder, Taulant, Valon, Ylli, Besmir, Eduart, Ervin, Jetmir, Kastriot, Lorenc",
        family: "Hoxha/Hodja/Hodza, Shehu/Sehu, Dervishi/Dervisi, Gjoka, Leka, Kola, Marku, Hysa, Çela/Cela, \
                 Muça/Muca, Meta, Basha/Bascha, Prifti, Shkodra, Koçi/Koci, Bregu, Llaka, Dushku, Tafa, Gashi, \
                 Berisha, Krasniqi/Krasnici, Rama, Duka, Zeneli",
        feminine: None,
        script: Script::latin(&[AL_SLAVIC, AL_WESTERN]),
        more_given: no_more_given,
        more_family: al_family,
        family_shape: Shape { head: &[], offset: 50, size: 1_100 },
        given_offset: (8, 8),
        second: Second::Given(0.05, 0.05),
    },
    Origin {
        country: "MA",
        per_mille: 40,
        citizen: NON_EU,
        exploit: [20, 45, 20, 5, 3, 5, 2],
        female: "فاطمة=Fatima/Fatema/Fatma, خديجة=Khadija/Khadidja/Hadija, زينب=Zineb/Zaynab/Zeineb, \
                 مريم=Meryem/Maryam/Mariam, نادية=Nadia/Nadya, سميرة=Samira/Sameera, نعيمة=Naima/Naïma/Naeema, \
                 حنان=Hanane/Hanan, إيمان=Imane/Iman/Eman, سكينة=Soukaina/Sukaina/Sakina, هاجر=Hajar/Hadjar/Hagar, \
                 سلمى=Salma/Selma, هدى=Houda/Huda/Hoda, لطيفة=Latifa/Lateefa, مليكة=Malika/Malica, \
                 نوال=Nawal/Naoual, رشيدة=Rachida/Rashida/Raschida, أسماء=Asmae/Asmaa/Asma, كريمة=Karima/Kareema, \
                 إلهام=Ilham/Elham, عائشة=Aicha/Aisha/Aïcha, أمينة=Amina, سعاد=Souad/Suad, وفاء=Wafae/Wafaa/Wafa, \
                 بشرى=Bouchra/Bushra, فوزية=Fouzia/Fawzia, حليمة=Halima, جميلة=Jamila/Djamila, زهرة=Zahra/Zohra, \
                 سارة=Sara/Sarah, شيماء=Chaimae/Chaima/Shaima, ياسمين=Yasmine/Yasmin, كوثر=Kaoutar/Kawtar/Kawthar, \
                 غزلان=Ghizlane/Ghizlan, ابتسام=Ibtissam/Ibtisam, سناء=Sanae/Sanaa, لبنى=Loubna/Lubna, \
                 منى=Mouna/Mona/Muna, نجاة=Najat/Nadjat, رجاء=Rajae/Rajaa/Raja, سلوى=Salwa, عزيزة=Aziza, \
                 ربيعة=Rabia/Rabiaa, زكية=Zakia/Zakiya, فتيحة=Fatiha, نزهة=Nezha/Nuzha, حفيظة=Hafida/Hafiza, \
                 رحمة=Rahma, سهام=Siham, أميمة=Oumaima/Umaima, نهيلة=Nouhaila/Nuhayla, هند=Hind, إكرام=Ikram, \
                 مروة=Marwa, دنيا=Dounia/Dunya, ليلى=Leila/Laila/Layla, نورة=Noura/Nura",
        male: "محمد=Mohamed/Mohammed/Muhammad/Mohammad, يوسف=Youssef/Yusuf/Youssouf, أحمد=Ahmed/Ahmad, \
               حمزة=Hamza/Hamsa, مهدي=Mehdi/Mahdi, عبد القادر=Abdelkader/Abdulqadir/Abd al-Qadir, \
               رشيد=Rachid/Rashid/Raschid, كريم=Karim/Kareem, سعيد=Said/Saïd/Saeed, مصطفى=Mustapha/Mustafa/Mostafa, \
               حسن=Hassan/Hasan, عمر=Omar/Umar, خالد=Khalid/Khaled/Halid, إدريس=Driss/Idris/Idriss, \
               أنس=Anas/Anass, أيوب=Ayoub/Ayub/Eyup, بلال=Bilal/Belal, عبد الله=Abdellah/Abdallah/Abdullah, \
               هشام=Hicham/Hisham/Hischam, سفيان=Soufiane/Sufyan/Sofiane, عبد الرحيم=Abderrahim/Abdurrahim, \
               عبد اللطيف=Abdellatif/Abdullatif, عبد العزيز=Abdelaziz/Abdulaziz, عبد الحق=Abdelhak/Abdulhaq, \
               عبد الرحمن=Abderrahmane/Abdurrahman, عبد المجيد=Abdelmajid/Abdulmajid, محسن=Mohcine/Mohsin, \
               نور الدين=Noureddine/Nuruddin, جمال=Jamal/Djamal, عادل=Adil/Adel, عزيز=Aziz, بدر=Badr/Bader, \
               ياسين=Yassine/Yasin, أمين=Amine/Amin, زكرياء=Zakaria/Zakariya, إسماعيل=Ismail/Smail, \
               إبراهيم=Brahim/Ibrahim, موسى=Moussa/Musa, عثمان=Othmane/Othman, علي=Ali, صلاح=Salah, \
               نبيل=Nabil, فؤاد=Fouad/Fuad, طارق=Tarik/Tariq, عماد=Imad, مراد=Mourad/Murad, رضوان=Redouane/Ridwan, \
               سعد=Saad, منير=Mounir/Munir, لحسن=Lahcen/Lahsen, عبد الإله=Abdelilah/Abdulilah, \
               توفيق=Taoufik/Tawfiq, إلياس=Ilyas/Ilias, زهير=Zouhair/Zuhair",
        family: "العمراني=El Amrani/Al-Amrani/Elamrani, بنعلي=Benali/Ben Ali, العلوي=Alaoui/El Alaoui/Al-Alawi, \
                 الإدريسي=Idrissi/El Idrissi/Al-Idrisi, بناني=Bennani/Benani, التازي=Tazi/Ettazi/At-Tazi, \
                 برادة=Berrada/Barrada, الفاسي=El Fassi/Al-Fasi/Elfassi, الشرايبي=Chraibi/Chraïbi/Ech-Chraibi, \
                 بنجلون=Benjelloun/Ben Jelloun/Bin Jallun, الوزاني=Ouazzani/El Ouazzani/Al-Wazzani, \
                 بوزيد=Bouzid/Buzid, بنكيران=Benkirane/Ben Kiran, السعيدي=Saidi/Essaidi/Al-Saidi, \
                 المنصوري=Mansouri/El Mansouri/Al-Mansuri, بلحاج=Belhaj/Belhadj/Bel Hadj, \
                 الناصري=Naciri/Nasiri/En-Naciri, الحمداوي=Hamdaoui/Hamdawi, القباج=Kabbaj/Qabbaj, \
                 لحلو=Lahlou/Lahlu, الطاهري=Tahiri/Taheri/Et-Tahiri, الزياني=Ziani/Zayani",
        feminine: None,
        script: Script::latin(&[MA_ENGLISH]),
        more_given: no_more_given,
        more_family: ma_family,
        family_shape: Shape { head: &[], offset: 60, size: 1_300 },
        given_offset: (8, 3),
        second: Second::Given(0.15, 0.20),
    },
    Origin {
        country: "BR",
        per_mille: 30,
        citizen: NON_EU,
        exploit: [55, 35, 3, 0, 1, 4, 2],
        female: "Ana, Maria, Juliana, Fernanda, Camila, Amanda, Bruna, Jéssica/Jessica, Letícia/Leticia, Larissa, \
                 Gabriela, Patrícia/Patricia, Aline, Vanessa, Thaís/Thais, Débora/Debora, Daniela, Raquel, Luana, \
                 Priscila/Priscilla, Beatriz, Carolina, Eduarda, Isabela/Isabella, Júlia, Mariana, Rafaela, Sofia, \
                 Vitória, Yasmin, Adriana, Alessandra, Andréia, Bianca, Carla, Cláudia, Cristiane, Daiane, Elaine, \
                 Fabiana, Flávia, Francisca, Gisele, Jaqueline, Josiane, Kátia, Luciana, Marcela, Márcia, Michele, \
                 Natália, Paula, Renata, Rosana, Sabrina, Simone, Tatiane, Valéria, Viviane, Lorena, Giovanna, \
                 Manuela, Helena, Luíza, Lívia, Ingrid, Raíssa, Tainá, Rayane, Clara, Cecília",
        male: "João/Joao, José/Jose, Lucas, Gabriel, Rafael, Felipe/Filipe, Bruno, Thiago/Tiago, Matheus/Mateus, \
               Pedro, Gustavo, Rodrigo, Carlos, Marcos, Leonardo, Diego, Vinícius/Vinicius, Eduardo, André/Andre, \
               Fábio/Fabio, Antônio, Francisco, Paulo, Luiz/Luis, Marcelo, Ricardo, Sérgio, Fernando, Roberto, \
               Alexandre, Márcio, Anderson, Jefferson, Wellington, Cleiton, Edson, Everton, Fabrício, Guilherme, \
               Henrique, Igor, Júlio, Kaique, Leandro, Luan, Maicon, Nathan, Otávio, Renan, Renato, Samuel, Vitor, \
               Wagner, Wesley, Willian, Caio, Davi, Enzo, Arthur, Heitor, Miguel, Bernardo, Raimundo, Sebastião, \
               Manoel, Benedito, Valdir, Adriano, Cícero, Emerson, Robson",
        family: BR_FAMILY,
        feminine: None,
        script: Script::latin(&[]),
        more_given: no_more_given,
        more_family: br_family,
        family_shape: Shape { head: &[], offset: 15, size: 3_000 },
        given_offset: (8, 8),
        second: Second::Given(0.45, 0.35),
    },
    Origin {
        country: "SY",
        per_mille: 55,
        citizen: NON_EU,
        exploit: [15, 55, 8, 7, 8, 5, 2],
        female: "فاطمة=Fatima/Fatma/Fatimah, مريم=Maryam/Mariam/Meryem, نور=Nour/Nur/Noor, آية=Aya/Ayah, رنا=Rana, \
                 هبة=Hiba/Heba, سارة=Sara/Sarah, ليلى=Layla/Leila/Laila, زينب=Zainab/Zeinab/Zaynab, رهف=Rahaf, \
                 دعاء=Duaa/Doaa/Dua, ياسمين=Yasmin/Yasmine/Jasmin, آمنة=Amina/Amna/Aminah, \
                 خديجة=Khadija/Khadidscha/Hadija, إسراء=Israa/Esraa/Isra, هالة=Hala, رغد=Raghad/Ragad, \
                 سلمى=Salma/Selma, ريم=Reem/Rim, ولاء=Walaa/Wala, هيا=Haya, لمى=Lama, جنى=Jana, \
                 تسنيم=Tasneem/Tasnim, شهد=Shahad, بتول=Batoul/Batul, غدير=Ghadeer/Ghadir, دانة=Dana, \
                 رؤى=Ruaa/Roaa, لين=Leen/Lin, ريما=Rima/Reema, سوسن=Sawsan/Sausan, عبير=Abeer/Abir, منى=Muna/Mona, \
                 نادين=Nadine/Nadin, رنيم=Raneem/Ranim, سماح=Samah, صفاء=Safaa/Safa, ميس=Mais/Mays, عفاف=Afaf, \
                 أمل=Amal, وعد=Waad, سلام=Salam, إيمان=Iman/Eman, حنان=Hanan, رزان=Razan, رشا=Rasha/Racha, \
                 لانا=Lana, ديما=Dima, غادة=Ghada, نسرين=Nisreen/Nesrin, فرح=Farah, بشرى=Bushra/Bouchra, \
                 هدى=Huda/Houda, زهراء=Zahraa/Zahra, جميلة=Jamila/Djamila",
        male: "محمد=Mohammed/Muhammad/Mohamed/Mohammad/Mohamad, أحمد=Ahmed/Ahmad/Achmed, علي=Ali, عمر=Omar/Umar, \
               خالد=Khaled/Khalid/Chaled, يوسف=Youssef/Yusuf/Yousef/Jussuf, حسن=Hassan/Hasan, \
               حسين=Hussein/Hussain/Husein, محمود=Mahmoud/Mahmud/Mahmood, إبراهيم=Ibrahim/Ebrahim, \
               عبد الله=Abdullah/Abdallah/Abdulla, مصطفى=Mustafa/Mostafa/Moustafa, سامر=Samer/Sameer, عمار=Ammar, \
               بشار=Bashar/Baschar, فادي=Fadi/Fady, طارق=Tarek/Tariq/Tarik, وائل=Wael/Wail, زياد=Ziad/Ziyad/Siad, \
               عادل=Adel/Adil, عبد الرحمن=Abdulrahman/Abdelrahman/Abd al-Rahman, عبد الكريم=Abdulkarim/Abdelkarim, \
               عبد القادر=Abdulkader/Abdelkader, أنس=Anas, حمزة=Hamza, معاذ=Muaz/Moaz/Muadh, أيهم=Ayham, \
               باسل=Basel/Bassel, جهاد=Jihad/Djihad, حازم=Hazem/Hazim, رامي=Rami/Ramy, ماهر=Maher/Mahir, \
               مازن=Mazen/Mazin, نزار=Nizar/Nezar, هيثم=Haitham/Haytham, غسان=Ghassan, فراس=Firas/Feras, \
               كنان=Kinan/Kenan, ليث=Laith/Layth, مجد=Majd, نضال=Nidal/Nedal, وسيم=Wassim/Wasim/Waseem, \
               يامن=Yamen/Yamin, إياد=Iyad/Eyad, بلال=Bilal/Belal, جمال=Jamal, رياض=Riad/Riyad, \
               سليمان=Suleiman/Sulaiman, شادي=Shadi/Chadi, صالح=Saleh/Salih, عماد=Imad/Emad, فيصل=Faisal/Faysal, \
               قصي=Qusay/Kusai, ماجد=Majed/Majid, نبيل=Nabil/Nabeel, يحيى=Yahya/Yehia, جابر=Jaber/Jabir, \
               عدنان=Adnan, إسماعيل=Ismail/Ismael, علاء=Alaa/Ala",
        family: "الأحمد=Al-Ahmad/Alahmad/Al Ahmed, الحسن=Al-Hassan/Alhasan/Al Hasan, الخطيب=Al-Khatib/Alkhatib/El Khatib, \
                 الحلبي=Al-Halabi/Alhalabi/Halabi, المصري=Al-Masri/Almasri/El Masry, الشامي=Al-Shami/Alshami/Ash-Shami, \
                 العلي=Al-Ali/Alali, الحمصي=Al-Homsi/Alhomsi/Homsi, حداد=Haddad/Hadad, خوري=Khoury/Khouri/Khuri, \
                 سليمان=Suleiman/Sulaiman/Soliman, عثمان=Othman/Osman/Uthman, حمدان=Hamdan, \
                 النجار=Al-Najjar/Alnajjar/Najjar, العمر=Al-Omar/Alomar/Al Umar, الزعبي=Al-Zoubi/Alzoubi/Al-Zubi, \
                 الرفاعي=Al-Rifai/Alrifai/Rifai, قاسم=Kassem/Qasim/Kasim, درويش=Darwish/Derwisch/Darwich, \
                 حمود=Hammoud/Hamoud/Hamud, الكردي=Al-Kurdi/Alkurdi/Kurdi, عيسى=Issa/Isa/Eissa, \
                 الدباغ=Al-Dabbagh/Aldabbagh/Dabbagh, مراد=Murad/Mourad/Morad, الحمد=Al-Hamad/Alhamad/Al Hamed",
        feminine: None,
        script: Script::latin(&[SY_FRENCH, SY_GERMAN, SY_PLAIN]),
        more_given: no_more_given,
        more_family: sy_family,
        family_shape: Shape { head: &[], offset: 60, size: 1_300 },
        given_offset: (8, 3),
        second: Second::Given(0.08, 0.15),
    },
    Origin {
        country: "PK",
        per_mille: 60,
        citizen: NON_EU,
        exploit: [5, 80, 5, 3, 3, 2, 2],
        female: "Ayesha/Aisha/Ayesa, Fatima/Fatimah, Sana, Saima/Sayma, Nazia, Rabia/Rabiya, Mehwish/Mehvish, \
                 Sadia/Saadia, Hina, Bushra, Amna/Aamna, Zainab/Zaynab, Kiran, Iqra/Ikra, Shazia, Nadia, \
                 Rukhsana/Rukhsanah, Parveen/Perveen/Parvin, Samina/Sameena, Uzma/Ozma, Asma, Farah, Humaira, \
                 Iram/Irum, Javeria, Khadija, Laiba, Madiha, Maryam, Naila, Noor, Rehana, Sadaf, Saba, Shabana, \
                 Shahida, Shaista, Sidra, Sobia, Tahira, Tayyaba, Yasmin/Yasmeen, Zahida, Zara, Zubaida, Aliya, \
                 Anam, Bilqees, Farzana, Ghazala, Hafsa, Hira, Kausar, Mahnoor, Nasreen, Nusrat, Raheela, Riffat, \
                 Sabiha, Safia, Sajida, Shamim, Sumaira",
        male: "Muhammad/Mohammad/Mohammed/Muhammed, Ali, Ahmed/Ahmad, Imran, Bilal, Usman/Osman/Othman, \
               Asif/Aasif, Tariq/Tarik/Tarek, Kashif/Kashef, Hamza, Zubair/Zubayr/Zobair, Faisal/Faysal/Feisal, \
               Shahid/Shahed, Waqas/Waqqas, Adnan, Naveed/Navid/Nawid, Irfan, Arshad, Sajid/Sajed, \
               Abdul Rehman/Abdul Rahman/Abdurrahman, Abdullah, Adeel, Ahsan, Akram, Aamir/Amir, Anwar, Asad, \
               Ashfaq, Atif, Azhar, Babar, Danish, Ehsan, Fahad, Farhan, Ghulam, Haider, Hassan, Hussain, \
               Ijaz/Ejaz, Iftikhar, Junaid, Kamran, Khalid, Khurram, Mansoor/Mansur, Mohsin, Mubashir, Nadeem, \
               Nasir, Nauman/Noman, Qaiser/Kaiser, Rashid, Rizwan, Saad, Sajjad, Salman, Shahbaz, Shahzad, \
               Sohail/Suhail, Tahir, Talha, Tanveer/Tanvir, Umar/Omar, Usama/Osama, Waseem/Wasim, Yasir/Yaser, \
               Zahid, Zeeshan",
        family: "Khan, Ahmed/Ahmad, Ali, Hussain/Hussein/Husain, Shah, Malik, Iqbal/Ikbal, Butt, \
                 Qureshi/Kureshi/Quraishi, Chaudhry/Chaudhary/Choudhury/Chaudhri, Raza, Akhtar/Akhter, Aslam, \
                 Javed/Javaid/Jawed, Mahmood/Mahmud/Mehmood, Rana, Siddiqui/Siddiqi, Abbasi/Abasi, Bhatti/Bhati, \
                 Mirza, Awan, Riaz/Riyaz, Anwar/Anvar, Rashid/Rasheed, Sheikh/Shaikh/Scheich",
        feminine: None,
        script: Script::latin(&[PK_VOWELS, PK_K]),
        more_given: no_more_given,
        more_family: pk_family,
        family_shape: Shape { head: &[], offset: 3, size: 1_100 },
        given_offset: (8, 3),
        second: Second::Given(0.20, 0.45),
    },
];

/// Shares of the listed Vietnamese family names per 10,000 persons: Nguyễn about 38%, the fourteen
/// commonest about 90% (the figures usually cited from the national surveys; the rest falls to a few hundred
/// rarer names).
const VN_FAMILY_SHARES: [u32; 25] = [
    3_840, 1_210, 950, 700, 450, 60, 450, 250, 140, 210, 200, 140, 130, 130, 100, 50, 60, 60, 50, 40, 40, 40, 30, 30,
    30,
];
/// Shares of the listed Chinese family names per 10,000 persons (2020 census: Wang, Li and Zhang about 7%
/// each, the hundred commonest about 85%).
const CN_FAMILY_SHARES: [u32; 27] = [
    710, 790, 700, 540, 460, 310, 230, 200, 200, 190, 140, 130, 120, 120, 110, 100, 100, 100, 90, 90, 80, 70, 70, 60,
    60, 60, 50,
];
// ---------------------------------------------------------------------------------------------------------
// Names and how they are written

/// One name and the ways it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Name {
    native: Option<String>,
    /// The standard Latin form first, then the other spellings.
    latin: Vec<String>,
}

impl Name {
    fn has_variants(&self) -> bool {
        self.native.is_some() || self.latin.len() > 1
    }

    #[cfg(test)]
    fn forms(&self) -> impl Iterator<Item = &str> {
        self.latin.iter().map(String::as_str).chain(self.native.as_deref())
    }
}

/// A family name as men and women of the origin bear it (the same unless the language inflects it).
struct Family {
    male: Name,
    female: Name,
}

impl Family {
    /// Every Latin form standardised as linkage sees it, and the native forms as written: two family names of
    /// an origin share none. (Standardised, Arabic script keeps only consonants, so الحمد and الأحمد would
    /// read alike; they are different names.)
    fn keys(&self) -> Vec<String> {
        let latin = [&self.male, &self.female].into_iter().flat_map(|n| n.latin.iter().map(|l| standardised(l)));
        let native = [&self.male, &self.female].into_iter().filter_map(|n| n.native.clone());
        latin.filter(|k| !k.is_empty()).chain(native).collect()
    }
}

/// A way of writing: tables of replacements tried at each position, the longest key first (the earlier
/// table on a tie); in a key `^` matches the start of a word and `$` its end. Characters that no key matches
/// are kept.
type System = &'static [&'static [(&'static str, &'static str)]];

/// How an origin's names are written in Latin letters, and spelled otherwise.
#[derive(Debug, Clone, Copy)]
struct Script {
    /// Systems that write a name given in its native script alone in Latin letters, the standard first (the
    /// passport's), then older and foreign ones.
    romanise: &'static [System],
    /// Systems that write the standard Latin form otherwise (German Mueller, Arabic names French-style).
    respell: &'static [System],
    /// The standard form is the one without diacritics (Vietnamese passports write NGUYEN THI LAN) and the
    /// form with them a variant; elsewhere the form without diacritics is the variant.
    plain_standard: bool,
}

impl Script {
    const fn latin(respell: &'static [System]) -> Script {
        Script { romanise: &[], respell, plain_standard: false }
    }

    const fn native(romanise: &'static [System]) -> Script {
        Script { romanise, respell: &[], plain_standard: false }
    }

    const fn plain() -> Script {
        Script { romanise: &[], respell: &[], plain_standard: true }
    }
}

/// A [`System`] indexed by the first character of its keys, as [`Spelling`] uses it.
struct Indexed(HashMap<char, Vec<(&'static str, &'static str)>>);

impl Indexed {
    fn new(system: System) -> Indexed {
        let mut index: HashMap<char, Vec<(&str, &str)>> = HashMap::new();
        for &(key, value) in system.iter().flat_map(|table| table.iter()) {
            let first = key.chars().next().expect("keys are not empty");
            index.entry(first).or_default().push((key, value));
        }
        Indexed(index)
    }

    /// `text` written by the system.
    fn apply(&self, text: &str) -> String {
        let marked = format!("^{}$", text.replace(' ', "$ ^").replace('-', "$-^"));
        let mut out = String::with_capacity(2 * marked.len());
        let mut at = 0;
        while let Some(c) = marked[at..].chars().next() {
            let rest = &marked[at..];
            let mut best: Option<(&str, &str)> = None;
            for &(key, value) in self.0.get(&c).into_iter().flatten() {
                if rest.starts_with(key) && best.is_none_or(|(k, _)| key.len() > k.len()) {
                    best = Some((key, value));
                }
            }
            match best {
                Some((key, value)) => {
                    out.push_str(value);
                    at += key.len();
                }
                None => {
                    if c != '^' && c != '$' {
                        out.push(c);
                    }
                    at += c.len_utf8();
                }
            }
        }
        out
    }
}

/// An origin's [`Script`], ready to spell names.
struct Spelling {
    romanise: Vec<Indexed>,
    respell: Vec<Indexed>,
    plain_standard: bool,
}

impl Spelling {
    fn new(script: &Script) -> Spelling {
        Spelling {
            romanise: script.romanise.iter().map(|system| Indexed::new(system)).collect(),
            respell: script.respell.iter().map(|system| Indexed::new(system)).collect(),
            plain_standard: script.plain_standard,
        }
    }
}

fn is_native_script(c: char) -> bool {
    matches!(c, '\u{0370}'..='\u{03ff}' | '\u{1f00}'..='\u{1fff}' | '\u{0400}'..='\u{04ff}' | '\u{0600}'..='\u{06ff}')
}

fn is_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036f}').contains(&c)
}

/// A native-script name ready for [`romanised`]: in lower case, Greek without its accents (ELOT 743
/// writes none; Cyrillic й and ї must keep theirs).
fn prepared(native: &str) -> String {
    let lower: String = native.chars().flat_map(char::to_lowercase).collect();
    if lower.chars().any(|c| ('\u{0370}'..='\u{03ff}').contains(&c)) {
        lower.nfd().filter(|c| !is_mark(*c)).collect()
    } else {
        lower
    }
}

/// Each word with a capital letter.
fn capitalised(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut start = true;
    for c in text.chars() {
        if start && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            start = false;
        } else {
            out.push(c);
            if c == ' ' || c == '-' {
                start = true;
            }
        }
    }
    out
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

/// Without diacritics, as a keyboard without them or a machine-readable zone writes it.
fn folded(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfd().filter(|c| !is_mark(*c)) {
        match c {
            'ß' => out.push_str("ss"),
            'đ' => out.push('d'),
            'Đ' => out.push('D'),
            'ł' => out.push('l'),
            'Ł' => out.push('L'),
            'ı' => out.push('i'),
            _ => out.push(c),
        }
    }
    out
}

fn parse_name(entry: &str, spelling: &Spelling) -> Name {
    let entry = entry.trim();
    let (native, latin) = match entry.split_once('=') {
        Some((native, latin)) => (Some(native.trim()), latin),
        None if entry.chars().next().is_some_and(is_native_script) => (Some(entry), ""),
        None => (None, entry),
    };
    let mut forms: Vec<String> =
        latin.split('/').map(str::trim).filter(|form| !form.is_empty()).map(str::to_owned).collect();
    if let Some(native) = native.filter(|_| !spelling.romanise.is_empty()) {
        let prepared = prepared(native);
        forms.extend(spelling.romanise.iter().map(|system| capitalised(&system.apply(&prepared))));
    }
    let standard = forms.first().cloned().unwrap_or_else(|| panic!("'{entry}' has no Latin form"));
    forms.extend(spelling.respell.iter().map(|system| system.apply(&standard)));
    if spelling.plain_standard {
        forms.insert(0, folded(&standard));
    } else {
        forms.push(folded(&standard));
    }
    let mut latin: Vec<String> = Vec::with_capacity(forms.len());
    for form in forms {
        if !latin.contains(&form) {
            latin.push(form);
        }
    }
    Name { native: native.map(str::to_owned), latin }
}

/// The given names of a list, each once (by its standard form as linkage sees it).
fn parse_given(entries: impl Iterator<Item = String>, spelling: &Spelling) -> Vec<Name> {
    let mut seen = HashSet::new();
    entries.map(|entry| parse_name(&entry, spelling)).filter(|name| seen.insert(standardised(&name.latin[0]))).collect()
}

fn parse_family(entry: &str, feminine: Option<(&str, &str)>, spelling: &Spelling) -> Family {
    match entry.split_once('~') {
        Some((male, female)) => Family { male: parse_name(male, spelling), female: parse_name(female, spelling) },
        None => {
            let male = parse_name(entry, spelling);
            let female = match feminine {
                Some((native, latin)) => Name {
                    native: male.native.as_ref().map(|n| format!("{n}{native}")),
                    latin: male.latin.iter().map(|l| format!("{l}{latin}")).collect(),
                },
                None => male.clone(),
            };
            Family { male, female }
        }
    }
}

/// A long-tailed distribution over a ranked list of names.
#[derive(Debug, Clone, Copy)]
struct Shape {
    /// Shares of the first names per 10,000 persons, where they are known (Vietnamese, Chinese).
    head: &'static [u32],
    /// The other names follow a Zipf law: the name of rank r (counted after the head) weighs 1 / (r +
    /// offset), so a larger offset makes a flatter head.
    offset: u32,
    /// How many names at most, listed and generated.
    size: usize,
}

/// Draws ranks by a [`Shape`], from cumulative integer weights (so the same on every platform).
struct Draw {
    cumulative: Vec<u64>,
}

impl Draw {
    fn new(len: usize, shape: &Shape) -> Draw {
        assert!(len > 0, "an empty list of names");
        let head = shape.head.len().min(len);
        let rest = u128::from(10_000 - shape.head[..head].iter().sum::<u32>());
        let raw: Vec<u128> =
            (head..len).map(|r| (1 << 64) / ((r - head) as u128 + u128::from(shape.offset.max(1)))).collect();
        let raw_total = raw.iter().sum::<u128>().max(1);
        let mut total = 0;
        let cumulative = shape.head[..head]
            .iter()
            .map(|&share| (u128::from(share) << 40) as u64)
            .chain(raw.iter().map(|&w| ((rest << 40) * w / raw_total) as u64))
            .map(|w| {
                total += w;
                total
            })
            .collect();
        Draw { cumulative }
    }

    fn pick(&self, rng: &mut SplitMix64) -> usize {
        let total = *self.cumulative.last().expect("lists are not empty");
        let x = rng.below_u64(total);
        self.cumulative.partition_point(|&c| c <= x)
    }

    /// The probability of drawing rank `index`.
    #[cfg(test)]
    fn share(&self, index: usize) -> f64 {
        let before = if index == 0 { 0 } else { self.cumulative[index - 1] };
        (self.cumulative[index] - before) as f64 / *self.cumulative.last().unwrap() as f64
    }
}

/// The names of one origin and how they are drawn.
struct Names {
    female: Vec<Name>,
    male: Vec<Name>,
    female_draw: Draw,
    male_draw: Draw,
    family: Vec<Family>,
    family_draw: Draw,
    second: SecondNames,
}

enum SecondNames {
    None,
    Given { female: f64, male: f64 },
    Middle { share: f64, female: Vec<Name>, male: Vec<Name>, female_draw: Draw, male_draw: Draw },
    Patronymic { share: f64, fathers: Vec<Family> },
}

/// `Person::second` of a person without a second given name.
const NO_SECOND: u16 = u16::MAX;

impl Names {
    fn new(origin: &Origin) -> Names {
        let spelling = &Spelling::new(&origin.script);
        let given = |list: &str, female: bool, offset: u32| {
            let entries = list.split(',').map(str::to_owned).chain((origin.more_given)(female));
            let names = parse_given(entries, spelling);
            let draw = Draw::new(names.len(), &Shape { head: &[], offset, size: names.len() });
            (names, draw)
        };
        let (female, female_draw) = given(origin.female, true, origin.given_offset.0);
        let (male, male_draw) = given(origin.male, false, origin.given_offset.1);
        // The listed names are kept whole, so that their shares stay those written; the long tail gives way
        // to any name that would read the same as one before it.
        let mut family: Vec<Family> =
            origin.family.split(',').map(|entry| parse_family(entry, origin.feminine, spelling)).collect();
        let mut seen: HashSet<String> = family.iter().flat_map(Family::keys).collect();
        for entry in (origin.more_family)() {
            if family.len() >= origin.family_shape.size {
                break;
            }
            let candidate = parse_family(&entry, None, spelling);
            let keys = candidate.keys();
            if keys.iter().all(|key| !seen.contains(key)) {
                seen.extend(keys);
                family.push(candidate);
            }
        }
        let family_draw = Draw::new(family.len(), &origin.family_shape);
        let second = match origin.second {
            Second::None => SecondNames::None,
            Second::Given(female, male) => SecondNames::Given { female, male },
            Second::Patronymic(share) => {
                let fathers = male
                    .iter()
                    .map(|name| {
                        let (_, father) = bg_patronymic(name.native.as_deref().unwrap_or(&name.latin[0]));
                        parse_family(&format!("{father}~{father}а"), None, spelling)
                    })
                    .collect();
                SecondNames::Patronymic { share, fathers }
            }
            Second::Middle { share, female, male, female_shape, male_shape } => {
                let female = parse_given(female.split(',').map(str::to_owned), spelling);
                let male = parse_given(male.split(',').map(str::to_owned), spelling);
                SecondNames::Middle {
                    share,
                    female_draw: Draw::new(female.len(), &female_shape),
                    male_draw: Draw::new(male.len(), &male_shape),
                    female,
                    male,
                }
            }
        };
        Names { female, male, female_draw, male_draw, family, family_draw, second }
    }

    fn given(&self, female: bool) -> &[Name] {
        if female {
            &self.female
        } else {
            &self.male
        }
    }

    fn family(&self, index: usize, female: bool) -> &Name {
        let family = &self.family[index];
        if female {
            &family.female
        } else {
            &family.male
        }
    }

    /// A person's given name and second given name (indices; [`NO_SECOND`] for none).
    fn draw_given(&self, female: bool, rng: &mut SplitMix64) -> (u16, u16) {
        let draw = if female { &self.female_draw } else { &self.male_draw };
        let first = draw.pick(rng);
        let (first, second) = match &self.second {
            SecondNames::None => (first, None),
            SecondNames::Given { female: share_f, male: share_m } => {
                let mut second = None;
                if rng.chance(if female { *share_f } else { *share_m }) {
                    for _ in 0..8 {
                        let other = draw.pick(rng);
                        if other != first {
                            second = Some(other);
                            break;
                        }
                    }
                }
                // The commoner name first: Maria Eduarda, Muhammad Imran.
                match second {
                    Some(other) => (first.min(other), Some(first.max(other))),
                    None => (first, None),
                }
            }
            SecondNames::Middle { share, female_draw, male_draw, .. } => {
                let middle = if female { female_draw } else { male_draw };
                (first, rng.chance(*share).then(|| middle.pick(rng)))
            }
            // Fathers' names are drawn as men's names are.
            SecondNames::Patronymic { share, .. } => (first, rng.chance(*share).then(|| self.male_draw.pick(rng))),
        };
        (first as u16, second.map_or(NO_SECOND, |s| s as u16))
    }

    /// A person's second given name, if any.
    fn second_name(&self, female: bool, second: u16) -> Option<&Name> {
        if second == NO_SECOND {
            return None;
        }
        let index = second as usize;
        match &self.second {
            SecondNames::None => None,
            SecondNames::Given { .. } => Some(&self.given(female)[index]),
            SecondNames::Middle { female: f, male: m, .. } => Some(if female { &f[index] } else { &m[index] }),
            SecondNames::Patronymic { fathers, .. } => {
                Some(if female { &fathers[index].female } else { &fathers[index].male })
            }
        }
    }

    /// Whether the second name is written first (a Vietnamese middle name).
    fn second_first(&self) -> bool {
        matches!(self.second, SecondNames::Middle { .. })
    }
}

// ---------------------------------------------------------------------------------------------------------
// Writing systems

/// Ukrainian, national standard of 2010 (passports): Шевченко Shevchenko, Юлія Yuliia, Гнат Hnat.
const UA_NATIONAL: System = &[UA_BASE];
/// Ukrainian passports of 1996–2007: й y, ю yu, я ya (Andriy, Mariya).
const UA_PASSPORT_1996: System = &[
    &[("й", "y"), ("ю", "yu"), ("я", "ya"), ("є", "ye"), ("ї", "yi"), ("^ю", "yu"), ("^я", "ya"), ("^є", "ye")],
    UA_BASE,
];
/// Ukrainian names as Russian-language documents wrote them: Goncharenko, Vasilenko, Galina.
const UA_RUSSIAN: System = &[
    &[
        ("г", "g"),
        ("и", "i"),
        ("й", "y"),
        ("ю", "yu"),
        ("я", "ya"),
        ("є", "ye"),
        ("ї", "yi"),
        ("^ю", "yu"),
        ("^я", "ya"),
    ],
    UA_BASE,
];
/// German (Duden): Schewtschenko, Kowalenko, Wolodymyr.
const UA_GERMAN: System = &[
    &[
        ("в", "w"),
        ("ж", "sch"),
        ("з", "s"),
        ("х", "ch"),
        ("ц", "z"),
        ("ч", "tsch"),
        ("ш", "sch"),
        ("щ", "schtsch"),
        ("й", "j"),
        ("ю", "ju"),
        ("я", "ja"),
        ("є", "je"),
        ("ї", "ji"),
        ("^ю", "ju"),
        ("^я", "ja"),
        ("^є", "je"),
        ("^ї", "ji"),
        ("^й", "j"),
        ("зг", "sh"),
    ],
    UA_BASE,
];
/// French: Chevtchenko, Roudenko.
const UA_FRENCH: System = &[
    &[
        ("ж", "j"),
        ("ч", "tch"),
        ("ш", "ch"),
        ("щ", "chtch"),
        ("у", "ou"),
        ("й", "i"),
        ("ю", "iou"),
        ("я", "ia"),
        ("є", "ie"),
        ("^ю", "iou"),
        ("^я", "ia"),
        ("^є", "ie"),
        ("^й", "i"),
        ("^ї", "i"),
    ],
    UA_BASE,
];
/// Scholarly transliteration with its háčeks lost: Sevcenko, Tkacenko.
const UA_SCHOLARLY: System = &[
    &[
        ("ж", "z"),
        ("х", "ch"),
        ("ц", "c"),
        ("ч", "c"),
        ("ш", "s"),
        ("щ", "sc"),
        ("й", "j"),
        ("ю", "ju"),
        ("я", "ja"),
        ("є", "je"),
        ("ї", "ji"),
        ("^ю", "ju"),
        ("^я", "ja"),
        ("^є", "je"),
        ("^ї", "ji"),
        ("^й", "j"),
    ],
    UA_BASE,
];
const UA_BASE: &[(&str, &str)] = &[
    ("а", "a"),
    ("б", "b"),
    ("в", "v"),
    ("г", "h"),
    ("ґ", "g"),
    ("д", "d"),
    ("е", "e"),
    ("є", "ie"),
    ("ж", "zh"),
    ("з", "z"),
    ("и", "y"),
    ("і", "i"),
    ("ї", "i"),
    ("й", "i"),
    ("к", "k"),
    ("л", "l"),
    ("м", "m"),
    ("н", "n"),
    ("о", "o"),
    ("п", "p"),
    ("р", "r"),
    ("с", "s"),
    ("т", "t"),
    ("у", "u"),
    ("ф", "f"),
    ("х", "kh"),
    ("ц", "ts"),
    ("ч", "ch"),
    ("ш", "sh"),
    ("щ", "shch"),
    ("ь", ""),
    ("ю", "iu"),
    ("я", "ia"),
    ("'", ""),
    ("’", ""),
    ("^є", "ye"),
    ("^ї", "yi"),
    ("^й", "y"),
    ("^ю", "yu"),
    ("^я", "ya"),
    ("зг", "zgh"),
];

/// Bulgarian, the official system of 2009 (passports): Христо Hristo, Цветелина Tsvetelina.
const BG_OFFICIAL: System = &[BG_BASE];
/// Bulgarian passports before 2006, French-influenced: Iordanov, Stoianov, Nadejda.
const BG_OLD: System = &[&[("ж", "j"), ("й", "i"), ("ю", "iu"), ("я", "ia")], BG_BASE];
/// German: Iwanow, Kowatschew, Zwetelina.
const BG_GERMAN: System = &[
    &[
        ("в", "w"),
        ("ж", "sch"),
        ("з", "s"),
        ("ц", "z"),
        ("ч", "tsch"),
        ("ш", "sch"),
        ("щ", "scht"),
        ("й", "j"),
        ("ю", "ju"),
        ("я", "ja"),
        ("х", "ch"),
        ("ия$", "ija"),
    ],
    BG_BASE,
];
/// French: Gueorguiev, Khristov.
const BG_FRENCH: System = &[
    &[
        ("у", "ou"),
        ("ш", "ch"),
        ("ч", "tch"),
        ("ж", "j"),
        ("х", "kh"),
        ("й", "i"),
        ("ю", "iou"),
        ("я", "ia"),
        ("ге", "gue"),
        ("ги", "gui"),
    ],
    BG_BASE,
];
/// Scholarly transliteration with its háčeks lost: Kovacev, Cvetelina.
const BG_SCHOLARLY: System =
    &[&[("ж", "z"), ("ц", "c"), ("ч", "c"), ("ш", "s"), ("щ", "st"), ("й", "j"), ("ю", "ju"), ("я", "ja")], BG_BASE];
const BG_BASE: &[(&str, &str)] = &[
    ("а", "a"),
    ("б", "b"),
    ("в", "v"),
    ("г", "g"),
    ("д", "d"),
    ("е", "e"),
    ("ж", "zh"),
    ("з", "z"),
    ("и", "i"),
    ("й", "y"),
    ("к", "k"),
    ("л", "l"),
    ("м", "m"),
    ("н", "n"),
    ("о", "o"),
    ("п", "p"),
    ("р", "r"),
    ("с", "s"),
    ("т", "t"),
    ("у", "u"),
    ("ф", "f"),
    ("х", "h"),
    ("ц", "ts"),
    ("ч", "ch"),
    ("ш", "sh"),
    ("щ", "sht"),
    ("ъ", "a"),
    ("ь", "y"),
    ("ю", "yu"),
    ("я", "ya"),
    ("ия$", "ia"),
];

/// Greek, ELOT 743 (passports): Παπαδόπουλος Papadopoulos, Γεωργίου Georgiou.
const GR_ELOT: System = &[GR_BASE];
/// Greek as it sounds to English ears: Yeoryiou, Ikonomou, Hatzis.
const GR_PHONETIC: System = &[
    &[
        ("χ", "h"),
        ("γε", "ye"),
        ("γι", "yi"),
        ("γη", "yi"),
        ("γυ", "yi"),
        ("γαι", "ye"),
        ("γει", "yi"),
        ("γοι", "yi"),
        ("αι", "e"),
        ("ει", "i"),
        ("οι", "i"),
        ("υ", "i"),
    ],
    GR_BASE,
];
/// German: Papadopulos, Paraskewi.
const GR_GERMAN: System = &[&[("ου", "u"), ("β", "w"), ("ευ", "ew"), ("αυ", "aw")], GR_BASE];
/// Latinised, as in older documents and the diaspora: Constantinou, Stephanos, Eutychia.
const GR_CLASSICAL: System = &[
    &[
        ("φ", "ph"),
        ("κα", "ca"),
        ("κο", "co"),
        ("κω", "co"),
        ("κλ", "cl"),
        ("κρ", "cr"),
        ("ευ", "eu"),
        ("αυ", "au"),
        ("γγ", "ng"),
    ],
    GR_BASE,
];
const GR_BASE: &[(&str, &str)] = &[
    ("^μπ", "b"),
    ("μπ", "mp"),
    ("^ντ", "d"),
    ("ντ", "nt"),
    ("γγ", "ng"),
    ("γκ", "gk"),
    ("^γκ", "g"),
    ("γξ", "nx"),
    ("γχ", "nch"),
    ("αυθ", "afth"),
    ("αυκ", "afk"),
    ("αυξ", "afx"),
    ("αυπ", "afp"),
    ("αυσ", "afs"),
    ("αυτ", "aft"),
    ("αυφ", "aff"),
    ("αυχ", "afch"),
    ("αυ$", "af"),
    ("αυ", "av"),
    ("ευθ", "efth"),
    ("ευκ", "efk"),
    ("ευξ", "efx"),
    ("ευπ", "efp"),
    ("ευσ", "efs"),
    ("ευτ", "eft"),
    ("ευφ", "eff"),
    ("ευχ", "efch"),
    ("ευ$", "ef"),
    ("ευ", "ev"),
    ("ου", "ou"),
    ("α", "a"),
    ("β", "v"),
    ("γ", "g"),
    ("δ", "d"),
    ("ε", "e"),
    ("ζ", "z"),
    ("η", "i"),
    ("θ", "th"),
    ("ι", "i"),
    ("κ", "k"),
    ("λ", "l"),
    ("μ", "m"),
    ("ν", "n"),
    ("ξ", "x"),
    ("ο", "o"),
    ("π", "p"),
    ("ρ", "r"),
    ("σ", "s"),
    ("ς", "s"),
    ("τ", "t"),
    ("υ", "y"),
    ("φ", "f"),
    ("χ", "ch"),
    ("ψ", "ps"),
    ("ω", "o"),
];

/// German umlauts written out: Mueller, Schroeder, Grossmann.
const DE_UMLAUTS: System =
    &[&[("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue"), ("ß", "ss")]];
/// Romanian ș and ț with the cedilla of older fonts and keyboards (Ştefan): another code point.
const RO_CEDILLA: System = &[&[("ș", "ş"), ("ț", "ţ"), ("Ș", "Ş"), ("Ț", "Ţ")]];
/// Moldovan names as Russian-language documents romanise them: Chebotari, Cheban, Syrbu.
const MD_RUSSIAN: System = &[&[
    ("ce", "che"),
    ("ci", "chi"),
    ("cea", "cha"),
    ("cia", "cha"),
    ("cio", "cho"),
    ("ciu", "chu"),
    ("Ce", "Che"),
    ("Ci", "Chi"),
    ("Cea", "Cha"),
    ("Cio", "Cho"),
    ("Ciu", "Chu"),
    ("ș", "sh"),
    ("Ș", "Sh"),
    ("ț", "ts"),
    ("Ț", "Ts"),
    ("â", "y"),
    ("î", "y"),
    ("ă", "a"),
    ("enco$", "enko"),
    ("cenco$", "chenko"),
    ("iuc$", "yuk"),
    ("ciuc$", "chuk"),
]];
/// Hungarian ő and ű typed as ö and ü, as on most foreign keyboards.
const HU_SHORT_ACCENTS: System = &[&[("ő", "ö"), ("ű", "ü"), ("Ő", "Ö"), ("Ű", "Ü")]];
/// Albanian as Slavic-language documents write it: Hodza, Krasnici, Sehu.
const AL_SLAVIC: System = &[&[
    ("sh", "s"),
    ("Sh", "S"),
    ("xh", "dz"),
    ("Xh", "Dz"),
    ("q", "c"),
    ("Q", "C"),
    ("gj", "dj"),
    ("Gj", "Dj"),
    ("zh", "z"),
    ("Zh", "Z"),
    ("ç", "c"),
    ("Ç", "C"),
    ("ë", "e"),
    ("Ë", "E"),
]];
/// Albanian as Western ears write it: Hodja, Bascha.
const AL_WESTERN: System =
    &[&[("sh", "sch"), ("Sh", "Sch"), ("xh", "dj"), ("Xh", "Dj"), ("ç", "tch"), ("Ç", "Tch"), ("ë", "e"), ("Ë", "E")]];
/// Moroccan names (French-style on Moroccan documents) written the English way: Mussa, Shraibi, Lahsen.
const MA_ENGLISH: System = &[&[
    ("ou", "u"),
    ("Ou", "U"),
    ("ch", "sh"),
    ("Ch", "Sh"),
    ("dj", "j"),
    ("Dj", "J"),
    ("c", "s"),
    ("C", "S"),
    ("ss", "s"),
]];
/// Syrian names (English-style on most Syrian documents) written the French way: Darwich, Djamal.
const SY_FRENCH: System = &[&[
    ("sh", "ch"),
    ("Sh", "Ch"),
    ("jj", "dj"),
    ("j", "dj"),
    ("J", "Dj"),
    ("ou", "ou"),
    ("u", "ou"),
    ("U", "Ou"),
    ("ee", "i"),
    ("oo", "ou"),
    ("q", "k"),
]];
/// The German way: Darwisch, Chaled, Jussef.
const SY_GERMAN: System = &[&[
    ("sh", "sch"),
    ("Sh", "Sch"),
    ("kh", "ch"),
    ("Kh", "Ch"),
    ("jj", "dsch"),
    ("j", "dsch"),
    ("J", "Dsch"),
    ("^Y", "J"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("z", "s"),
    ("Z", "S"),
]];
/// Plainly, as heard: Hadad, Kasem.
const SY_PLAIN: System = &[&[
    ("q", "k"),
    ("Q", "K"),
    ("aa", "a"),
    ("ee", "i"),
    ("oo", "u"),
    ("ou", "u"),
    ("dd", "d"),
    ("ss", "s"),
    ("mm", "m"),
    ("bb", "b"),
    ("tt", "t"),
    ("ll", "l"),
    ("rr", "r"),
    ("nn", "n"),
    ("jj", "j"),
    ("kk", "k"),
    ("yy", "y"),
    ("zz", "z"),
]];
/// Urdu names with the long vowels written short: Nadim, Mansur.
const PK_VOWELS: System = &[&[("ee", "i"), ("oo", "u"), ("aa", "a")]];
/// Urdu names with k for q: Kureshi, Sadik.
const PK_K: System = &[&[("q", "k"), ("Q", "K")]];
// ---------------------------------------------------------------------------------------------------------
// The long tails: family names made by each origin's own morphology
//
// Each origin lists its commonest real names; behind them come names made as the language makes them, from
// roots (given names, trades, places, clans) and endings (Romanian -escu, Ukrainian -enko, Greek -opoulos,
// Yoruba Ade-, Arabic al- and the nisba -i). A made name ranks by the product of its root's and its
// ending's ranks, so the commonest roots with the commonest endings come first, and none is a real
// person's name except by chance.

fn no_more_given(_female: bool) -> Vec<String> {
    Vec::new()
}

fn items(list: &str) -> impl Iterator<Item = &str> {
    list.split(',').map(str::trim).filter(|item| !item.is_empty())
}

/// Each root with each ending, scored for [`ranked`]: the i-th root with the j-th ending scores
/// (i + 1)(j + 1). `join` may refuse a pair.
fn compose(roots: &str, endings: &str, join: impl Fn(&str, &str) -> Option<String>) -> Vec<(usize, String)> {
    let endings: Vec<&str> = items(endings).collect();
    let mut out = Vec::new();
    for (i, root) in items(roots).enumerate() {
        for (j, ending) in endings.iter().enumerate() {
            if let Some(name) = join(root, ending) {
                out.push(((i + 1) * (j + 1), name));
            }
        }
    }
    out
}

/// Names as they are, the i-th scored (i + 1) × `scale` for [`ranked`].
fn listed(list: &str, scale: usize) -> Vec<(usize, String)> {
    items(list).enumerate().map(|(i, name)| ((i + 1) * scale, name.to_owned())).collect()
}

/// The names by score, lowest first (ties keep their order), without any that repeats a letter thrice.
fn ranked(mut scored: Vec<(usize, String)>) -> Vec<String> {
    scored.sort_by_key(|(score, _)| *score);
    scored.into_iter().map(|(_, name)| name).filter(|name| !tripled(name)).collect()
}

fn tripled(name: &str) -> bool {
    let chars: Vec<char> = name.chars().collect();
    chars.windows(3).any(|w| w[0] == w[1] && w[1] == w[2] && w[0].is_alphabetic())
}

/// `root` and `ending` joined, one vowel dropped where they meet on the same one (Ene-escu, Oke-eke).
fn glue(root: &str, ending: &str) -> String {
    match (root.chars().last(), ending.chars().next()) {
        (Some(a), Some(b)) if a.to_lowercase().eq(b.to_lowercase()) && "aeiouăâîyαεηιουω".contains(b) => {
            format!("{root}{}", &ending[b.len_utf8()..])
        }
        _ => format!("{root}{ending}"),
    }
}

fn cyrillic_vowel(c: char) -> bool {
    "аеєиіїоуюяъ".contains(c)
}

const DE_FROM_ELSEWHERE: &str = "Yılmaz, Kaya, Demir, Şahin, Çelik, Yıldız, Yıldırım, Öztürk, Aydın, Özdemir, Arslan, \
    Doğan, Kılıç, Aslan, Çetin, Kara, Koç, Kurt, Özkan, Şimşek, Polat, Korkmaz, Erdoğan, Güneş, Aksoy, Nowak, \
    Kowalski~Kowalska, Lewandowski~Lewandowska, Wiśniewski~Wiśniewska, Wójcik, Kamiński~Kamińska, Zieliński~Zielińska, \
    Szymański~Szymańska, Woźniak, Dąbrowski~Dąbrowska, Kozłowski~Kozłowska, Mazur, Krawczyk, Kaczmarek, \
    Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Popović, Jovanović, Petrović, Nikolić, \
    Hodžić, Marković, Kovačević, Ivanović";
const DE_ROOTS: &str = "Ober, Unter, Hoch, Neu, Alt, Groß, Klein, Schön, Roth, Schwarz, Weiß, Stein, Berg, Wald, \
    Feld, Holz, Linden, Eich, Buch, Rosen, Sonnen, Mühl, Brunn, Bach, Hof, Kirch, Lang, Kurz, Frei, Wolf, Fuchs, \
    Hirsch, Hahn, Vogel, Fisch, Kaiser, König, Gold, Silber, Eisen, Wein, Korn, Lind, Birk, Tann, Fichten, Erl, \
    Esch, Wies, Acker, Moos, Ried, Horn, Bühl, Heim, Haus, Stadt, Dorn, Weid, Zell, Lauter, Kessel, Hammer, Kraus, \
    Grün, Braun, Blum, Falken, Adler, Stern, Sommer, Winter, Brand, Burg, Ebers, Eggen, Engel, Fried, Gries, \
    Hage, Heil, Hell, Kamm, Kling, Kolb, Kreuz, Land, Loh, Mark, Mittel, Nieder, Oster, Pfaff, Rauch, Reich, \
    Sand, See, Sieg, Stock, Thal, Wasser, Wester, Wieden, Zehn";
const DE_ENDINGS: &str = "mann, bauer, berger, meier, huber, hauser, müller, feld, stein, berg, bach, hofer, dorf, \
    er, inger, gruber, reiter, brunner, hardt, lechner, eder, moser, kamp, beck, wirth";

fn de_family() -> Vec<String> {
    let mut names = listed(DE_FROM_ELSEWHERE, 2);
    names.extend(compose(DE_ROOTS, DE_ENDINGS, |root, ending| {
        let lower = root.to_lowercase();
        // No Steinstein, Bergberger, Ober-er.
        let repeats = ending.starts_with(&lower) || lower.ends_with(ending) || lower.starts_with(ending);
        let doubled = repeats || ending == "er" && lower.ends_with('r');
        (!doubled).then(|| glue(root, ending))
    }));
    ranked(names)
}

const RO_NAME_ROOTS: &str = "Ion, Georg, Dumitr, Vasil, Petr, Constantin, Marin, Stăn, Nicul, Rădul, Mihăil, Ili, \
    Tom, Grigor, Teodor, Manol, Andre, Cost, Stoic, Iord, Anghel, Pavel, Flor, Crist, Sănd, Zamfir, Vlăd, Mirc, \
    Bogdăn, Dinc, Neag, Tudor, Pred, Voic, Băd, Opr, Brat, Ene, Drag, Gavril, Iac, Lazăr, Mate, Nistor, Panait, \
    Pătr, Sav, Șerb, Simion, Stoian, Tănas, Toader, Zahari, Alex, Aurel, Bucur, Călin, Dan, Dobr, Emil, Ignat, \
    Iorg, Lup, Marc, Mitr, Moise, Nae, Pan, Paraschiv, Roman, Sever, Solomon, Stan, Ștef, Vintil, Ursach, Oprișan, \
    Răduc, Sandu, Stanc, Stoen, Iancu, Pascu, Filip, Istrat, Anton, Avram, Chiril, Diacon, Dăscăl, Nedel, Oanc, \
    Petc, Pârv, Sim, Tudos, Vlad, Cârst, Ciolac, Done, Gheorgh, Manc, Matache, Mușat, Neagoe, Olar, Pop, Rad, \
    Rus, Surd, Tăn, Ursu, Zăvoi, Albu, Negr, Roș, Căpr, Lupș, Miron, Oltean, Preot, Sârb";
const RO_PLACE_ROOTS: &str = "Munt, Olt, Moldov, Ungur, Ardel, Pădur, Câmp, Vâlc, Dobrog, Bucur, Codr, Prut, Nistr, \
    Siret, Dunăr, Mureș, Someș, Bistriț, Prahov, Gorj, Mehedinț, Dolj, Teleorm, Ialomiț, Brăil, Gălăț, Tulc, Hațeg, \
    Făgăraș, Brașov, Văl, Deal, Piatr, Vornic, Spătar, Stolnic, Logofăt, Vătaf, Paharnic, Clucer, Boier, Ciuc, \
    Mărgin, Săcel, Vrânc, Argeș, Suceav, Bârlăd, Tecuc, Craiov, Caracal, Sibi";
const RO_TRADES: &str = "Morar, Rotar, Cojocar, Olar, Fierar, Lemnar, Văcar, Pescar, Ciubotar, Curelar, Dogar, \
    Pietrar, Zidar, Grădinar, Plugar, Păcurar, Pălărar, Potcovar, Cărbunar, Strungar, Lăutar, Cârciumar, Brutar, \
    Cizmar, Butnar, Sitar, Lingurar, Fântânar, Rogojinar, Cărămidar, Ciurar, Săpunar, Chelar, Jitar";
const RO_PLAIN: &str = "Ilie, Toma, Oprea, Bratu, Cristea, Ene, Neagu, Ursu, Voicu, Badea, Preda, Manea, Lupu, \
    Stanciu, Sârbu, Negru, Albu, Roșu, Surdu, Mihăilă, Gavrilă, Nedelcu, Bălan, Dragomir, Ursache, Neacșu, Vlad, \
    Zaharia, Tănase, Sima, Iancu, Pascu, Filip, Mitrea, Dobrin, Istrate, Anton, Bucur, Bogdan, Chirilă, Cojocaru, \
    Diaconu, Dascălu, Stoian, Tudose, Vasile, Nedelea, Roman, Sandu, Avram, Buzatu, Ciocan, Cârstea, Grigore, \
    Iordan, Jitaru, Manole, Nica, Oancea, Paraschiv, Petcu, Pârvu, Răducanu, Savu, Tudorache, Craciun, Vulpe, \
    Corbu, Lungu, Moise, Sava, Onu, Pană, Nistoran, Cucu, Rusu, Bejan, Ciocârlan, Hagi, Baciu, Ungureanu, Dima";

fn ro_family() -> Vec<String> {
    let join = |root: &str, ending: &str| Some(glue(root, ending));
    let mut names = compose(RO_NAME_ROOTS, "escu, ache, ică, oiu, aș, ovici", join);
    names.extend(compose(RO_PLACE_ROOTS, "eanu, escu", join));
    names.extend(compose(RO_TRADES, "u, escu", join));
    names.extend(listed(RO_PLAIN, 2));
    ranked(names)
}

/// Bulgarian roots: given names (and trades), written so that the father's-name form follows by rule; `|`
/// gives the ending where the rule would not (Васил|ев).
const BG_ROOTS: &str = "Иван, Георги, Димитър, Петър, Никола, Христо, Стоян, Тодор, Илия, Атанас, Васил|ев, Ангел, \
    Йордан, Костадин, Марин, Петко, Кол|ев, Мит|ев, Поп, Стефан, Кирил, Михайл, Симеон, Рад|ев, Асен, Павл, Рус|ев, \
    Янко, Ковач, Марко, Кръст|ев, Славчо, Пенчо, Минчо, Генчо, Кънчо, Вълчо, Стойчо, Тончо, Цветко, Стойко, Райко, \
    Денко, Драго, Благо|ев, Ненко, Велико, Вълко, Добр|ев, Здравко, Живко, Пламен, Румен, Цанко, Ганчо, Дончо, \
    Митко, Лазар, Трифон, Спас, Сотир, Станко, Станимир, Любен, Младен, Милен, Милко, Милчо, Мирчо, Иво, Ивайло, \
    Огнян, Борис, Бойко, Боян, Валентин, Веселин, Владимир, Гаврил, Григор, Давид, Дамян, Данаил, Делчо, Енчо, \
    Ен|ев, Захари, Златко, Игнат, Калин, Камен, Константин, Крум, Кузман, Любомир, Манол, Матей, Методи, Мирослав, \
    Найден, Нейко, Нен|ов, Недялко, Николай, Панайот, Пе|ев, Пенко, Пен|ев, Пройчо, Радко, Радослав, Райчо, Рангел, \
    Ристо, Росен, Сав|ов, Стамен, Станчо, Стоил, Страхил, Трайко, Филип, Цветан, Цон|ев, Чавдар, Янаки, Ян|ев, Ясен, \
    Евтим, Желязко, Жеко, Киро, Танас, Ценко, Бояджи, Терзи, Куюмджи, Абаджи, Калайджи, Чобан, Овчар, Касап, Бакал, \
    Дюлгер, Налбант, Хаджи, Даскал, Кираджи, Казанджи, Мутаф, Сарач, Табак, Чорбаджи, Грънчар, Колар, Мелничар, \
    Пчелар, Воденичар, Андрей, Алекси, Благой, Бон|ев, Велчо, Витан, Гено, Дечо, Добромир, Донко, Драган, Дянко, \
    Жел|ев, Иланко, Кочо, Лало, Лилко, Марчо, Михо, Мончо, Начо, Недко, Нешко, Нонко, Пейчо, Пъчо, Рашко, Руско, \
    Сашо, Серафим, Славко, Стан|ов, Стефчо, Тако, Тенчо, Тошко, Христак, Цочо, Чоно, Шишко, Щер|ев, Юрдан, Яким, Ахмед, Мехмед, Юсеин, Хасан, Али|ев, Мустафа, Исмаил, Ибрям, Сали|ев, Осман, Реджеп, \
    Шукри|ев, Халил, Юмер, Карагьоз, Емин, Рамадан, Байрам, Сюлейман, Ферад, Мюмюн, Кязим, Джемал, Александър, \
    Бот|ев, Гочо, Дико, Дичо, Дочо, Илко, Калчо, Кано, Мил|ев, Минко, Мирко, Панчо, Пешо, Продан, Стамат, Тинко, \
    Трендафил, Цвятко, Цено, Вело, Въто, Гюро, Динко, Жечо, Златан, Кирчо, Кунчо, Лило, Любчо, Милош, Нейчо, Ночо, \
    Пано, Първан, Ради, Самуил, Спиро, Стайко, Танчо, Трайчо, Филчо, Чочо, Бранко, Вучко, Горан, Градин, Данчо, \
    Дойчо, Дудо, Еленко, Захо, Кольо|в, Кочо, Крайчо, Кутьо|в, Мавро, Мано, Мирон, Неделчо, Нешо, Пауно, Плачко, \
    Първо, Радул, Руси|ев, Свилен, Стоимен, Стоичко, Тотьо|в, Хрисим, Цоло, Шиваров|, Янчо";
/// Bulgarian family names from places and regions: Търновски, Балкански.
const BG_PLACES: &str = "Търновски, Габровски, Балкански, Македонски, Добруджански, Загорски, Планински, Полски, \
    Горски, Софийски, Пловдивски, Самоковски, Котленски, Карловски, Разложки, Пирински, Родопски, Дунавски, \
    Тракийски, Странджански, Врачански, Сливенски, Шуменски, Ловчански, Видински, Русенски, Бургаски, Варненски, \
    Старозагорски, Казанлъшки, Копривщенски, Трявненски, Еленски, Панагюрски, Чирпански, Ямболски, Хасковски, \
    Кюстендилски, Дупнишки, Неврокопски, Мелнишки, Охридски, Битолски, Скопски, Струмски, Тимочки, Босилеградски";

/// The father's-name form of a Bulgarian root (Иван Иванов, Георги Георгиев, Николай Николаев, Петър
/// Петров), and the stem a diminutive ending attaches to.
fn bg_patronymic(root: &str) -> (String, String) {
    if let Some((stem, ending)) = root.split_once('|') {
        return (stem.to_owned(), format!("{stem}{ending}"));
    }
    if let Some(base) = root.strip_suffix("ър") {
        return (format!("{base}р"), format!("{base}ров"));
    }
    if let Some(base) = root.strip_suffix("ия") {
        return (format!("{base}и"), format!("{base}иев"));
    }
    if let Some(base) = root.strip_suffix('й') {
        return (base.to_owned(), format!("{base}ев"));
    }
    if root.ends_with('и') {
        return (root.to_owned(), format!("{root}ев"));
    }
    let stem = root.strip_suffix(['а', 'о', 'е', 'я']).unwrap_or(root);
    let soft = stem.ends_with(['ч', 'ж', 'ш', 'щ', 'ц']);
    (stem.to_owned(), format!("{stem}{}", if soft { "ев" } else { "ов" }))
}

fn bg_family() -> Vec<String> {
    let mut names = compose(BG_ROOTS, "ов, ски, чев, ков", |root, ending| {
        let (stem, patronymic) = bg_patronymic(root);
        let male = match ending {
            "ов" => patronymic,
            "ски" => format!("{patronymic}ски"),
            _ => {
                // Diminutives (Иванчо, Иванко) only after a vowel and a consonant: Иванчев, Стоянков.
                let chars: Vec<char> = stem.chars().collect();
                let n = chars.len();
                let fits = n >= 3 && cyrillic_vowel(chars[n - 2]) && !cyrillic_vowel(chars[n - 1]);
                if !fits || matches!(chars[n - 1], 'к' | 'ч' | 'й' | 'ж' | 'ш' | 'щ' | 'ц') {
                    return None;
                }
                format!("{stem}{ending}")
            }
        };
        let female = match male.strip_suffix("ски") {
            Some(base) => format!("{base}ска"),
            None => format!("{male}а"),
        };
        Some(format!("{male}~{female}"))
    });
    let places =
        items(BG_PLACES).map(|male| format!("{male}~{}", male.strip_suffix('и').unwrap_or(male).to_owned() + "а"));
    names.extend(places.enumerate().map(|(i, name)| (3 * (i + 1), name)));
    ranked(names)
}

const HU_PLAIN: &str = "Halász, Kádár, Fazekas, Asztalos, Bognár, Kerekes, Szekeres, Ács, Csizmadia, Fodor, Bodnár, \
    Borbély, Vadász, Kertész, Pásztor, Gulyás, Csordás, Kanász, Tímár, Sütő, Vincze, Hegedűs, Dobos, Sípos, Kántor, \
    Deák, Bíró, Katona, Huszár, Hajdú, Major, Bakó, Béres, Csikós, Révész, Erdős, Mezei, Hegyi, Lengyel, Orosz, \
    Cseh, Magyar, Kun, Jász, Székely, Olasz, Görög, Bosnyák, Tatár, Szász, Sváb, Vörös, Szőke, Barna, Ősz, Hosszú, \
    Bátor, Vig, Szép, Gazdag, Sárga, Zöld, Kék, Piros, Szürke, Balázs, Pál, Péter, Lukács, Antal, Fábián, Márton, \
    Bálint, Gergely, Benedek, Illés, Jakab, Máté, Orbán, Kelemen, Dénes, Bencze, Tamás, András, Ambrus, Boldizsár, \
    Kozma, Demeter, Fülöp, Mátyás, Miklós, Sebestyén, Szilveszter, Dániel, Ádám, Mózes, Sámuel, Jónás, Vass, \
    Bozsó, Rostás, Sárközy, Burai, Danyi, Kolompár, Rafael, Suha, Bogdán, Budai, Csonka, Dudás, Illyés, Józsa, \
    Kozák, Mohácsi, Nyári, Szalai, Szarka, Vida, Virág, Boros, Bakos, Bartha, Csáki, Dobai, Fenyő, Kardos";
const HU_PLACES: &str = "Bihar, Zala, Somogy, Borsod, Patak, Szeged, Debrecen, Pest, Kassa, Várad, Gyula, Tokaj, \
    Erdély, Duna, Tisza, Baranya, Heves, Nógrád, Csongrád, Békés, Bács, Tolna, Vas, Győr, Sopron, Pécs, Kecskemét, \
    Miskolc, Eger, Vác, Tata, Pápa, Kalocsa, Makó, Szolnok, Mohács, Siklós, Baja, Szentes, Szarvas, Gödöllő, Hatvan, \
    Halas, Keszthely, Tihany, Balaton, Mátra, Bakony, Zemplén, Abaúj, Csepel, Óbuda, Kaposvár, Marcal, Kisvárda, Nyír, \
    Sárvár, Tapolca, Csorna, Lenti, Paks, Tamás, Ozora, Szekszárd, Bonyhád, Dombóvár, Csík, Gyergyó, Udvarhely, \
    Háromszék, Kolozsvár, Torda, Beszterce, Temesvár, Arad, Lugos, Zenta, Szabadka, Komárom, Léva, Losonc, \
    Rimaszombat, Rozsnyó, Munkács, Ungvár, Beregszász, Huszt, Nagybánya, Szatmár, Máramaros, Szombathely, Zalaegerszeg, \
    Veszprém, Esztergom, Jászberény, Karcag, Mezőtúr, Túrkeve, Gyoma, Csaba, Orosháza, Hódmezővásárhely, Szentendre, \
    Pásztó, Salgótarján, Gyöngyös, Füzesabony, Putnok, Ózd, Sajó, Hernád, Bodrog, Szamos, Maros, Körös, Rába, Dráva, \
    Ajka, Almás, Apátfalva, Bábolna, Badacsony, Baracska, Barcs, Battonya, Bicske, Bodajk, Budakeszi, Bugac, Cegléd, \
    Csákvár, Csanád, Csenger, Csurgó, Dabas, Derecske, Dévaványa, Dorog, Dunaföldvár, Dunakeszi, Ecser, Edelény, Elek, \
    Encs, Enying, Érd, Fehérgyarmat, Fonyód, Gárdony, Gönc, Gyál, Hajdúnánás, Harkány, Hévíz, Ibrány, Isaszeg, \
    Jánoshalma, Kapuvár, Kemecse, Kerepes, Kisbér, Kiskőrös, Kistelek, Kisújszállás, Komló, Körmend, Kőszeg, Kunhegyes, \
    Lajosmizse, Letenye, Marcali, Martonvásár, Mátészalka, Mezőkövesd, Mór, Nagyatád, Nagykanizsa, Nagykálló, \
    Nagykőrös, Nyírbátor, Oroszlány, Pannonhalma, Pécsvárad, Pilis, Polgár, Ráckeve, Sárbogárd, Sarkad, Sárospatak, \
    Sásd, Siófok, Szécsény, Szendrő, Szerencs, Szigetvár, Szikszó, Tab, Téglás, Tiszafüred, Tura, Vásárosnamény, \
    Vecsés, Vép, Zirc, Zsámbék, Sümeg, Devecser, Várpalota, Bácska, Bánát, Csallóköz, Jászság, Nyírség, Sárköz, \
    Ormánság, Göcsej, Hegyhát, Őrség, Rábaköz, Szigetköz, Kiskunság, Bodrogköz, Rétköz, Kalotaszeg, Mezőség, Barcaság, \
    Dés, Zilah, Nagyvárad, Nagyszalonta, Nagykároly, Eperjes, Bártfa, Lőcse, Késmárk, Igló, Gömör, Torna, Nyitra, \
    Pozsony, Szepes, Sáros, Ugocsa, Bereg, Zaránd, Csanád, Temes, Krassó, Torontál, Bodrog, Baranyavár, Mecsek, \
    Pilisvár, Gerecse, Vértes, Börzsöny, Cserhát, Bükk, Zselic, Hetés, Somló, Kemenes, Fertő, Hanság, Rábca, Lajta";
const HU_PREFIXES: &str =
    "Kis, Nagy, Új, Ó, Szent, Fel, Al, Vár, Magyar, Német, Tót, Rác, Hegyes, Bükk, Sáros, Fekete, \
    Alsó, Felső, Közép, Duna, Tisza, Mező, Kő, Nyír, Szil, Tölgy";
const HU_PLACE_ENDINGS: &str =
    "falvi, házi, hegyi, völgyi, mezei, erdei, berki, réti, pataki, kúti, vári, laki, szegi, \
    földi, halmi, telki, szállási, keresztúri";
const HU_GIVEN: &str = "Pál, Péter, Antal, Márton, Bálint, Gergely, Benedek, Jakab, István, János, Mihály, Ferenc, \
    Imre, Miklós, Gáspár, Boldizsár, Lőrinc, Tamás, Illés, Simon, András, Fülöp, Máté, Kelemen, Sándor, Orbán, \
    Demeter, Dénes, Gyula, Lajos, Mátyás, Ambrus, Kristóf, Vince, Albert, Bertalan, Elek, Gellért, Jenő, Károly, \
    Kozma, Lukács, Márk, Orsó, Szilveszter, Tivadar, Zsigmond";

fn hu_family() -> Vec<String> {
    let mut names = listed(HU_PLAIN, 1);
    names.extend(compose(HU_PLACES, "i", |root, _| {
        Some(if root.ends_with('i') { root.to_owned() } else { format!("{root}i") })
    }));
    names.extend(compose(HU_PREFIXES, HU_PLACE_ENDINGS, |prefix, ending| Some(format!("{prefix}{ending}"))));
    names.extend(compose(HU_GIVEN, "fi, ffy", |root, ending| Some(format!("{root}{ending}"))));
    ranked(names)
}

const GR_ROOTS: &str = "γεωργ, δημητρ, νικολ, κωνσταντιν, βασιλ, αθανασ, χριστ, παναγιωτ, σταυρ, κωστ, πετρ, \
    παυλ, αντων, μιχαλ, γιανν, σπυρ, μανωλ, στεφαν, θεοδωρ, αναστασ, λαμπρ, μαυρ, ζαχαρ, φωτ, αγγελ, μαρκ, κυριακ, \
    χαραλαμπ, ευαγγελ, διαμαντ, ανδρε, γρηγορ, ελευθερ, ιωανν, σωτηρ, ραφτ, καλογερ, βλαχ, αρβανιτ, κουτσ, μαργαρ, \
    αποστολ, θωμ, φιλιππ, στυλιαν, αλεξανδρ, μαριν, σαββ, τριανταφυλλ, κοντ, ψαρ, σιδερ, ξεν, φραγκ, χρυσ, αργυρ, \
    ηλι, πολυχρον, τσακαλ, μπακαλ, καλαμ, λιακ, λυμπερ, μουρατ, ντιν, πασχαλ, ρουσ, τζαννετ, φουρναρ, χαλκ";
const GR_ENDINGS: &str = "όπουλος, ίδης, άκης, άτος, ιάδης, ούλης";
const GR_PREFIXES: &str = "-, παπα, χατζη, καρα";
const GR_PLAIN: &str = "Αναστασίου, Παναγιώτου, Χριστοδούλου, Θεοδώρου, Σταύρου, Πέτρου, Παύλου, Ανδρέου, Ράπτης, \
    Ψάρρας, Μυλωνάς, Σιδέρης, Φούρναρης, Μπακάλης, Καρβούνης, Κουτσός, Ξανθός, Μαύρος, Κοντός, Γκίκας, Βλάχος, \
    Αρβανίτης, Κρητικός, Μανιάτης, Σφακιανός, Ηπειρώτης, Πολίτης, Σαρρής, Τσολάκης, Ζαφειρίου, Μηλιώτης, Κάππος, \
    Λιάπης, Μπέης, Ρήγας, Σκλαβούνος, Τζαβέλλας, Φραγκιαδάκης, Χρηστίδης, Ψαλτής";

/// A Greek woman's form of a family name: Παπαδοπούλου, Σαββίδου, Παπαδάκη, Βλάχου.
fn gr_female(male: &str) -> String {
    const RULES: [(&str, &str); 9] = [
        ("όπουλος", "οπούλου"),
        ("ιάδης", "ιάδου"),
        ("ίδης", "ίδου"),
        ("ής", "ή"),
        ("ης", "η"),
        ("άς", "ά"),
        ("ας", "α"),
        ("ός", "ού"),
        ("ος", "ου"),
    ];
    RULES
        .iter()
        .find_map(|(ending, female)| male.strip_suffix(ending).map(|base| format!("{base}{female}")))
        .unwrap_or_else(|| male.to_owned())
}

fn gr_family() -> Vec<String> {
    let mut names = listed(GR_PLAIN, 2);
    for (p, prefix) in items(GR_PREFIXES).enumerate() {
        let prefix = if prefix == "-" { "" } else { prefix };
        let made = compose(GR_ROOTS, GR_ENDINGS, |root, ending| Some(capitalised(&glue(&glue(prefix, root), ending))));
        names.extend(made.into_iter().map(|(score, name)| (score * (p + 1), name)));
    }
    ranked(names).into_iter().map(|male| format!("{male}~{}", gr_female(&male))).collect()
}

const NG_EDO_ROOTS: &str = "Osa, Omo, Igbin, Ogie, Ogbe, Ehi, Ose, Aigbe, Uyi, Iye, Eghe, Izev, Obas, Ede, Uwa, Agba, \
    Imas, Enab, Ekhag, Erhun";
const NG_EDO_ENDINGS: &str =
    "gie, regie, edion, mwonyi, bor, ide, yande, retin, dolor, ghae, ze, mwen, wota, ruyi, osa, \
    ifo, uwa, kpolo, guosa, hon, diamen, ator, bo, sere, ota";
const NG_YORUBA_ROOTS: &str = "Ade, Olu, Ola, Oluwa, Ayo, Akin, Oye, Ogun, Fola, Oni, Ajayi, Oba, Ibi, Fal, Bab";
const NG_YORUBA_ENDINGS: &str =
    "yemi, bayo, wale, leke, ola, niyi, sanya, tunde, dele, kunle, dipo, biyi, lana, bode, \
    femi, kola, seun, tayo, yinka, dayo, goke, mola, tola, wumi, sola, jide, bisi, doyin, mide, kanmi";
const NG_IGBO_ROOTS: &str = "Nwa, Eze, Oko, Oka, Oke, Chukwu, Obi, Ike, Onye, Uche, Nna, Ugwu, Anya, Ogbu, Mba";
const NG_IGBO_ENDINGS: &str = "nkwo, for, eke, oye, ani, ugo, buike, ma, emeka, di, nna, ora, chukwu, ka, nwa, ogu, \
    ama, buchi, kachi, ebuka, ji, nwu, anyi, eze";
const NG_PLAIN: &str =
    "Usman, Sani, Aliyu, Yusuf, Suleiman, Lawal, Garba, Danjuma, Abdullahi, Mohammed, Umar, Haruna, \
    Adamu, Idris, Shehu, Yakubu, Isa, Jibril, Baba, Johnson, James, Williams, Peters, Daniels, Samuel, Emmanuel, \
    Michael, Friday, Sunday, Moses, Joseph, David, Paul, Stephen, Solomon, Benson, Jackson, Lawson, Thompson, Davies, \
    Bassey, Udo, Etim, Effiong, Ekpo, Eyo, Okon, Edet, Inyang, Essien, Umoh, Ekanem, Okorie, Anyanwu, Agu, Ugwuanyi, \
    Onah, Odo, Nnaji, Ibe, Iwu, Asogwa, Ezekwe, Nwabueze, Okwu, Ogbonna, Ojo, Alabi, Afolabi, Bamidele, Lawani, \
    Iyoha, Asemota, Edobor, Enabulele, Imasuen, Izekor, Aghahowa, Usiobaifo, Obasohan, Okungbowa, Uwadiae, Ehiorobo";

fn ng_family() -> Vec<String> {
    let join = |root: &str, ending: &str| Some(glue(root, ending));
    let mut names = compose(NG_EDO_ROOTS, NG_EDO_ENDINGS, join);
    names.extend(compose(NG_YORUBA_ROOTS, NG_YORUBA_ENDINGS, join));
    names.extend(compose(NG_IGBO_ROOTS, NG_IGBO_ENDINGS, join));
    names.extend(listed(NG_PLAIN, 1));
    ranked(names)
}

const UA_NAME_ROOTS: &str = "Петр, Іван, Степан, Остап, Мирон, Роман, Тарас, Назар, Гнат, Павл, Данил, Гаврил, Кирил, \
    Михайл, Яков, Федор, Мартин, Максим, Семен, Тимош, Клим, Карп, Давид, Демид, Панас, Нестор, Прокоп, Артем, Антон, \
    Богдан, Андрій, Матвій, Олекс, Дмитр, Гриц, Юрк, Василь, Сидор, Харитон, Охрім, Левк, Юхим, Марк, Ярем, Пилип, \
    Омелян, Мусій, Хом, Влас, Устим, Филон, Самійл, Савк, Лук'ян, Дорош, Грин, Герасим, Гордій, Захар, Кость, Лесь, \
    Микит, Никифор, Осип, Сергій, Симон, Стах, Тимофій, Трохим, Кузьм, Олесь, Лаврін, Денис, Євген, Корній, Леонтій, \
    Панкрат, Радіон, Свирид, Фед, Дем'ян, Ігнат, Калин, Кіндрат, Купріян, Мирош, Никон, Оверк, Онис, \
    Прохор, Сав, Северин, Созонт, Тимк, Тиміш, Улян, Фотій, Харк, Хведор, Яким, Вакул, Дац, Віктор, Гліб, Григор, \
    Єрем, Зіновій, Йосип, Климент, Лаврентій, Маркіян, Мирослав, Опанас, Орест, Пантелій, Порфирій, Соломон, Стефан, \
    Тадей, Тихон, Устин, Філімон, Флор, Юліан, Юрій, Ярош, Борис, Вадим, Валентин, Гнатк, Данильч, Євстах, Захарк, \
    Іваньк, Карпюк, Любомир, Мацк, Михась, Олійч, Пащ, Ромась, Савул, Тарасюк, Федюк";
const UA_TRADE_ROOTS: &str = "Коваль, Ткач, Мельник, Гончар, Бондар, Пономар, Кравч, Шевч, Кушнір, Слюсар, Тесл, \
    Шаповал, Лимар, Паламар, Дяк, Чумак, Козак, Вовк, Голуб, Мороз, Лис, Рибак, Пастух, Сотник, Писар, Мірошник, \
    Грищ, Тищ, Ющ, Яц, Бойч, Стець, Дід, Ничипор, Проц, Тимч, Кучер, Литвин, Мазур, Ляш, Сирот, Швед, Гуц, \
    Кобзар, Лемк, Поп, Кирич, Скляр, Стельмах, Цибульк, Гребен, Дзюб, Нечипор, Чорн, Біл, Сив, Довж, Кривоног, Гуз, \
    Головч, Журб, Зубк, Кобил, Коломі, Кулик, Ліщин, Мирошнич, Олійник, Пасічник, Рябок, Сорок, Тесляр, Шевел, Ярмол";
/// Family names that are adjectives (a woman's form ends in -а) or nouns (the same for all).
const UA_PLAIN: &str = "Ковалевський, Яворський, Вишневський, Садовський, Лозинський, Левицький, Савицький, \
    Стецький, Заболотний, Білий, Чорний, Сивий, Довгий, Малий, Петровський, Корецький, Городецький, Вербицький, \
    Бережний, Полянський, Заліський, Підгірний, Загорський, Ковальський, Осадчий, Кривий, Гайовий, Лісовий, Польовий, \
    Степовий, Козловський, Соколовський, Орловський, Жуковський, Голубовський, Тарнавський, Вовк, Сорока, Ворона, \
    Зозуля, Кравець, Гуменюк, Сокіл, Орел, Горобець, Кучер, Голуб, Шульга, Дудник, Приходько, Головко, Гребенюк, \
    Зінченко, Гордієнко, Кириленко, Симоненко, Сергієнко, Литвин, Мазур, Ляшко, Білоус, Бурлака, Стасюк, Гаврилюк, \
    Жук, Рак, Заєць, Півень, Лелека, Дячок, Паламарчук, Хмара, Хміль, Процик, Гнатів, Мельничук, Кузик, Семків";

fn ua_join(root: &str, ending: &str) -> Option<String> {
    let soft = root.ends_with('ь');
    let base = root.strip_suffix('ь').unwrap_or(root);
    let chars: Vec<char> = base.chars().collect();
    let (last, before) = (*chars.last()?, chars.len().checked_sub(2).map(|i| chars[i]));
    let yi = root.ends_with('й');
    // к and х soften before -енко and -ук: Марко Марченко, Пастух Пастушенко.
    let softened = || match last {
        'к' => format!("{}ч", &base[..base.len() - 'к'.len_utf8()]),
        'х' => format!("{}ш", &base[..base.len() - 'х'.len_utf8()]),
        _ => base.to_owned(),
    };
    let without_yi = || root.strip_suffix('й').unwrap_or(root).to_owned();
    Some(match ending {
        "енко" if yi => format!("{}єнко", without_yi()),
        "енко" => format!("{}енко", softened()),
        "ук" if yi || (soft && last == 'л') || last == 'в' => format!("{root}чук"),
        "ук" if soft => format!("{base}юк"),
        "ук" if matches!(last, 'к' | 'х' | 'ч' | 'ш' | 'щ' | 'ж') => format!("{}ук", softened()),
        "ук" if last == 'р' && before.is_some_and(cyrillic_vowel) => format!("{base}чук"),
        "ук" if last == 'р' => format!("{base}ук"),
        "ук" => format!("{base}юк"),
        "ишин" if yi => return None,
        "ишин" => format!("{}ишин", softened()),
        "ів" if yi => format!("{}їв", without_yi()),
        "ів" => format!("{base}ів"),
        "ович" | "ов" if yi || soft => return None,
        _ => format!("{base}{ending}"),
    })
}

/// A Ukrainian woman's form of a family name, where it differs: Ковалевська, Петрова.
fn ua_female(male: &str) -> Option<String> {
    if let Some(base) = male.strip_suffix("ий") {
        return Some(format!("{base}а"));
    }
    ["ов", "ев", "ін", "їн"].iter().any(|ending| male.ends_with(ending)).then(|| format!("{male}а"))
}

fn ua_family() -> Vec<String> {
    let mut names = compose(UA_NAME_ROOTS, "енко, ук, ишин, ів, ович, ов", ua_join);
    names.extend(compose(UA_TRADE_ROOTS, "енко, ук, ишин", ua_join));
    names.extend(listed(UA_PLAIN, 3));
    ranked(names)
        .into_iter()
        .map(|male| match ua_female(&male) {
            Some(female) => format!("{male}~{female}"),
            None => male,
        })
        .collect()
}

const MD_TRADES: &str = "Rot, Botn, Bejen, Cojoc, Mor, Ciubot, Ol, Fier, Lemn, Pesc, Pietr, Văc, Curel, Dog, Pălăr, \
    Potcov, Cărbun, Rogojin, Lingur, Butn, Căld, Cărăm, Chel, Ciur, Pâsl, Scut, Strung, Brut, Cizm, Zid, Plug, Sit, \
    Porc, Capr, Stup, Grădin, Cărciu, Păcur, Săpun, Bucăt, Spăt, Vătăm, Cioban, Cărăuș, Dârvar, Teslar, Morar";
/// Polish and Ukrainian family names in -ski as Moldovan documents write them (Zavadschi).
const MD_SCHI: &str =
    "Zavad, Lozov, Ostrov, Berezov, Dubrov, Camen, Sadov, Vișnev, Lipov, Jurav, Golub, Orlov, Socolov, \
    Cravcen, Cojocar, Covalev, Zagor, Polian, Bogdanov, Petrov, Grabov, Dobrov, Cozlov, Jucov, Lesnic, Zelen";
const MD_SLAVIC: &str =
    "Cravc, Tcac, Savc, Levc, Marc, Bondar, Coval, Lis, Rud, Vasil, Ponomar, Gonciar, Melnic, Petr, \
    Ivan, Stepan, Pavl, Roman, Ostap, Nazar, Taras, Demc, Fedc, Grit, Iurc, Semen, Timos, Harc, Clim, Carp, Moroz, \
    Sirot, Zaharc, Nicol, Mihail";
const MD_PLACES: &str = "Prut, Nistr, Codr, Moldov, Țurc, Ungur, Munt, Orhei, Soroc, Lăpușn, Bălț, Cahul, Căuș, \
    Tighin, Bugeac, Râșcan, Glod, Ocniț, Edineț, Dubăs, Vaslu, Hotin, Cern, Lunc";
const MD_PLAIN: &str = "Ursu, Lupu, Cucu, Rusnac, Țurcan, Vrabie, Negru, Mîțu, Buzu, Chiriac, Donică, Lozan, Lupașcu, \
    Ababii, Bogdan, Burlacu, Caraman, Cara, Colesnic, Cozma, Crăciun, Croitor, Dabija, Enachi, Găină, Ganea, Grecu, \
    Harea, Istrati, Iovu, Jardan, Leahu, Macovei, Mereuță, Moldovanu, Morozan, Nastas, Ojog, Postică, Pîslaru, Roșca, \
    Răileanu, Scutaru, Stratan, Suruceanu, Toma, Tulbure, Ursachi, Vieru, Zgardan, Zubcu, Ivanov~Ivanova, \
    Popov~Popova, Petrov~Petrova, Smirnov~Smirnova, Kuznețov~Kuznețova, Volcov~Volcova, Sîrbu, Bostan, Cebanu, Cucoș, \
    Frunză, Gheorghiță, Hîncu, Mardari, Negruța, Onofrei, Pascari, Racu, Spînu, Tabac, Vlas, Andronic, Arnaut, Babii, \
    Baciu, Banari, Barbă, Bîrcă, Bodrug, Botezatu, Bradu, Brânzan, Bujor, Burduja, Calmâc, Cantemir, Cârlig, Catană, \
    Cernei, Chetraru, Ciocan, Ciornei, Ciubuc, Codreanu, Corcimaru, Coroi, Cozari, Creangă, Dandara, Donțu, Dragan, \
    Druță, Furtună, Gaidarji, Gavriliță, Gîrlea, Goncear, Gorgan, Graur, Guzun, Iațco, Jitari, Leancă, Lisnic, Lupan, \
    Marian, Mihalache, Nedelciuc, Olaru, Onu, Paladi, Pantea, Pîrlog, Plugaru, Prisacari, Puiu, Rață, Stanciu, \
    Talmaci, Tănase, Tcaci, Timofti, Toderaș, Tofan, Topală, Urâtu, Vârlan, Voloc, Zaporojan";

fn md_family() -> Vec<String> {
    let join = |root: &str, ending: &str| Some(glue(root, ending));
    let mut names = compose(MD_TRADES, "ari, aru", join);
    names.extend(compose(MD_SLAVIC, "enco, iuc", join));
    names.extend(compose(MD_PLACES, "eanu, anu", join));
    names
        .extend(compose(RO_NAME_ROOTS, "iuc, aș, escu, ache", join).into_iter().map(|(score, name)| (2 * score, name)));
    names.extend(compose(MD_SCHI, "schi", join));
    names.extend(listed(MD_PLAIN, 1));
    ranked(names)
}

const VN_MORE: &str = "Kiều, Lạc, Lục, Mạc, Nghiêm, Ông, Quách, Tạ, Tăng, Thái, Thân, Tôn, Triệu, Từ, Văn, Vương, \
    Âu, Bạch, Cù, Chu, Châu, Chử, Đàm, Đào, Đậu, Giang, Giáp, Hứa, Hàn, Hầu, Kha, Khổng, Khương, Kim, La, Lã, Lại, \
    Lò, Lưu, Mẫn, Mông, Nông, Phí, Phó, Phùng, Quan, Sầm, Sơn, Tào, Thạch, Tiêu, Tống, Trang, Tô, Vi, Viên, Bế, Cấn, \
    Cung, Diệp, Doãn, Đồng, Hạ, Khuất, Lăng, Ninh, Quản, Thiều, Vưu, Âu Dương, Chế, Chiêm, Chung, Công, Hoàng Phủ, \
    Kiểu, Mạch, Nhữ, Ôn, Phương, Quang, Thiệu, Trâu, Ưng, Yên";

fn vn_family() -> Vec<String> {
    items(VN_MORE).map(str::to_owned).collect()
}

/// Pinyin syllables of Chinese family names after the listed ones, commonest first; `|` parts a compound
/// family name.
const CN_MORE: &str = "Hu, Feng, Yu, Dong, Xiao, Cheng, Cai, Pan, Yuan, Tian, Du, Jiang, Ye, Lü, Wei, Shen, Peng, \
    Lu, Su, Jia, Ding, Xue, Yan, Dai, Xia, Zhong, Ren, Fan, Fang, Shi, Yao, Tan, Liao, Zou, Xiong, Jin, Hao, Kong, \
    Bai, Cui, Kang, Mao, Qiu, Qin, Gu, Hou, Shao, Meng, Long, Wan, Duan, Lei, Qian, Yin, Yi, Chang, Qiao, Lai, Gong, \
    Wen, Pang, Fu, Shu, Niu, Zhan, Ge, Hong, Xing, Yue, Zhuang, Mo, Ou, Bao, Guan, Ji, Shang, Ling, Ke, Lan, Mu, Zuo, \
    Rao, Ning, Lian, Geng, Ruan, Sha, Tu, Xiang, Zeng, Bian, Chai, Dou, Gan, Hua, Huo, Jiao, Kou, Lou, Man, Miao, Nie, \
    Pei, Pu, Qi, Qu, Sang, Xin, Yun, Zang, Zhai, Zhen, Zhuo, Zong, Ai, Ba, Bi, Bu, Cen, Chao, Che, Chi, Chu, Cong, \
    Diao, Di, Dun, E, Fei, Gai, Gou, Hang, He, Heng, Jian, Jing, Ju, Kan, Kuang, Lang, Leng, Li, Lin, Liu, Lou, Luan, \
    Mai, Mi, Ming, Na, Nan, Ni, Nong, Pi, Ping, Qiu, Quan, Rong, Ru, Sai, Shan, She, Sheng, Si, Sui, Suo, Tai, Teng, \
    Tong, Wu, Xi, Xian, Xuan, Ya, Yang, Yong, You, Zan, Zha, Zhe, Zhi, Zhuan, Zi, Ou|yang, Si|tu, Shang|guan, Zhu|ge, \
    Si|ma, Dong|fang, Huang|fu, Mu|rong, Gong|sun, Xia|hou, Zhang|sun, Yu|wen";

/// Wade–Giles (without its apostrophes, as documents drop them) for one pinyin syllable: Xiao Hsiao, Zhi
/// Chih, Guo Kuo.
fn wade_giles(syllable: &str) -> String {
    const INITIALS: [&str; 23] = [
        "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "z", "c", "s", "r",
        "y", "w",
    ];
    let s = syllable.to_lowercase();
    let initial = INITIALS.iter().copied().find(|i| s.starts_with(i)).unwrap_or("");
    let rest = &s[initial.len()..];
    let new_initial = match initial {
        "zh" | "j" | "q" => "ch",
        "b" => "p",
        "d" => "t",
        "g" => "k",
        "x" => "hs",
        "z" | "c" => "ts",
        "r" => "j",
        other => other,
    };
    let new_rest = match rest {
        "i" if matches!(initial, "zh" | "ch" | "sh" | "r") => "ih",
        "i" if matches!(initial, "z" | "c" | "s") => "u",
        "e" if matches!(initial, "g" | "k" | "h") => "o",
        "an" if initial == "y" => "en",
        "ong" => "ung",
        "iong" => "iung",
        "ian" => "ien",
        "ie" => "ieh",
        "ue" | "üe" => "ueh",
        "ui" => "uei",
        other => other,
    };
    format!("{new_initial}{new_rest}")
}

/// A Chinese name from its syllables: the pinyin joined (standard), spaced, and Wade–Giles hyphenated.
fn chinese(syllables: &[&str]) -> String {
    let joined = capitalised(&syllables.concat().to_lowercase());
    let mut forms = vec![joined.clone()];
    if syllables.len() > 1 {
        forms.push(syllables.iter().map(|s| capitalised(&s.to_lowercase())).collect::<Vec<_>>().join(" "));
    }
    let wade: Vec<String> = syllables.iter().map(|s| wade_giles(s)).collect();
    let wade = wade.join("-");
    let mut chars = wade.chars();
    forms.push(chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default());
    let mut out: Vec<String> = Vec::new();
    for form in forms {
        if !out.contains(&form) {
            out.push(form);
        }
    }
    out.join("/")
}

fn cn_family() -> Vec<String> {
    items(CN_MORE).map(|name| chinese(&name.split('|').collect::<Vec<_>>())).collect()
}

const CN_FEMALE_SYLLABLES: &str = "Xiao, Li, Mei, Yan, Jing, Fang, Hong, Ying, Hui, Min, Yun, Qing, Xiu, Lan, Ping, \
    Xue, Jia, Yi, Na, Juan, Ting, Hua, Zhen, Qian, Wen, Yu, Lin, Dan, Xin, Rui, Shu, Ya, Lu, Jie, Yue, Chun, Cui, \
    Ling, Ni, Xia";
const CN_MALE_SYLLABLES: &str = "Wei, Jun, Lei, Yong, Jie, Tao, Ming, Qiang, Jian, Hao, Bo, Gang, Feng, Chao, Peng, \
    Bin, Zhi, Guo, Guang, Long, Hai, Dong, Hua, Xin, Yu, Kai, Liang, Lin, Hui, Cheng, Wen, Jin, Bao, De, Sheng, Fei, \
    Yang, Tian, Zhong, Ping";

/// Chinese given names beyond the listed ones: one or two syllables.
fn cn_given(female: bool) -> Vec<String> {
    let syllables = if female { CN_FEMALE_SYLLABLES } else { CN_MALE_SYLLABLES };
    let mut names = listed(syllables, 6);
    names.extend(compose(syllables, syllables, |a, b| (a != b).then(|| format!("{a}|{b}"))));
    ranked(names).into_iter().take(300).map(|name| chinese(&name.split('|').collect::<Vec<_>>())).collect()
}

const AL_ROOTS: &str = "Gjon, Lek, Pjetr, Mark, Gjergj, Ndre, Prenk, Zef, Nikoll, Kol, Ded, Gjin, Pal, Tom, Mëhill, \
    Ismail, Hasan, Hysen, Shaban, Ramadan, Bajram, Rexhep, Salih, Ahmet, Mehmet, Avdi, Rustem, Ibrahim, Jashar, \
    Osman, Selim, Qemal, Halil, Fejz, Xhafer, Sulejman, Murat, Isuf, Bekir, Hamit, Latif, Zeqir, Nezir, Nuredin, \
    Sadik, Tahir, Elez, Hajdar, Kadri, Sinan, Dalip, Feriz, Jakup, Mustaf, Veli, Ali, Deli, Muç, Gjok, Mir, Bardh, \
    Kuq, Lul, Dod, Frrok, Marash, Pep, Zog, Brahim, Demir, Emin, Fetah, Hamz, Idriz, Kasem, Lutf, Nazif, Qazim, Ram, \
    Rifat, Sabri, Tafil, Uk, Xhemal, Ymer, Abaz, Adem, Agim, Asllan, Bajazit, Bilal, Cen, Dem, Din, Dervish, Etem, \
    Fadil, Gani, Hajri, Ilaz, Islam, Kamber, Kurt, Lam, Mal, Man, Met, Nue, Osmen, Qerim, Rrap, Sali, Sefer, Shefqet, \
    Shkurt, Sokol, Tush, Vesel, Zenel, Zyber, Arif, Behar, Beqir, Cak, Dash, Gjet, Haxhi, Jonuz, Kapllan, Leon, \
    Mehmed, Nevruz, Pashk, Rrok, Sejdi, Tef, Vel, Xhevit, Ylber, Alfred, Anton, Bardhyl, Bekim, Besim, Bujar, Durim, \
    Elmaz, Enver, Ferhat, Gëzim, Hekuran, Ilmi, Isa, Kujtim, Liman, Luan, Myslim, Naim, Nexhip, Pajtim, Përparim, Qamil, \
    Ramiz, Refik, Sami, Sefedin, Shpëtim, Sotir, Spiro, Taip, Vasil, Xhevat, Zenun, Flamur, Fisnik, Hamdi, Ilia, \
    Kristaq, Llazar, Lefter, Mihal, Naum, Pandeli, Petr, Thanas, Thom, Kost, Dhimitr, Jan, Mitr, Stavr, Andon, Gjokë, \
    Arsen, Bajraktar, Dul, Fiqir, Hajdin, Hasim, Kaso, Lush, Mersin, Neim, Rexh, Shuk, Tasim, Ukshin, Xhavit, Zaim";
const AL_PLAIN: &str = "Kasapi, Terziu, Berberi, Nallbani, Mulliri, Kovaçi, Bojaxhiu, Furrxhiu, Kafexhiu, Samarxhiu, \
    Sahatçiu, Bakalli, Kalemxhiu, Argjendi, Çoba, Bariu, Tirana, Elbasani, Kavaja, Dibra, Mati, Luma, Vlora, Berati, \
    Korça, Delvina, Tepelena, Përmeti, Kruja, Lezha, Puka, Tropoja, Mirdita, Kelmendi, Hoti, Shala, Thaçi, Kastrati, \
    Bytyçi, Morina, Shkreli, Dukagjini, Boga, Gruda, Nikaj, Merturi, Kuka, Malaj, Dushi, Hasani, Ndoci, Spahiu, \
    Toska, Cani, Bala, Lika, Laçi, Mema, Pepa, Xhaferri, Zhupa, Caka, Daci, Gjini, Hala, Kraja, Lala, Noka, Qosja";

fn al_family() -> Vec<String> {
    let vowel = |c: char| "aeëiouy".contains(c);
    let mut names = compose(AL_ROOTS, "i, aj, a, o", |root, ending| {
        let last = root.chars().last()?;
        match ending {
            "i" if vowel(last) => matches!(last, 'e' | 'i').then(|| format!("{root}u")),
            "aj" if last == 'a' => Some(format!("{root}j")),
            "a" | "o" if vowel(last) => None,
            _ => Some(format!("{root}{ending}")),
        }
    });
    names.extend(listed(AL_PLAIN, 2));
    ranked(names)
}

/// Moroccan given names that family names are made of (Benmoussa, Aït Brahim, Moussaoui).
const MA_NAMES: &str = "علي=Ali, عمر=Omar, سعيد=Said, موسى=Moussa, براهيم=Brahim, يوسف=Youssef, حسن=Hassan, \
    إدريس=Driss, عبد الله=Abdellah, عيسى=Aissa, صالح=Salah, حمو=Hammou, حدو=Haddou, يحيى=Yahia, مبارك=Mbarek, \
    قاسم=Kacem, سليمان=Slimane, علال=Allal, أحمد=Ahmed, محمد=Mohamed, عمار=Ammar, عزوز=Azzouz, منصور=Mansour, \
    مسعود=Messaoud, عياد=Ayad, شقرون=Chekroun, حمزة=Hamza, داود=Daoud, إسماعيل=Smail, عثمان=Othmane, عبو=Abbou, \
    رحال=Rahal, زيان=Ziane, سالم=Salem, مالك=Malek, ناصر=Nacer, هاشم=Hachem, يعقوب=Yacoub, يونس=Younes, خليل=Khalil, \
    كريم=Karim, رشيد=Rachid, شعيب=Chouaib, جابر=Jaber, حميد=Hamid, مختار=Mokhtar, عزيز=Aziz, حسين=Houssine, \
    بكر=Bakr, جلول=Jelloul, حمادي=Hammadi, طيب=Tayeb, طاهر=Taher, عبد السلام=Abdeslam, العربي=Larbi, \
    ميمون=Mimoun, موح=Mouh, عدي=Addi, حماد=Hammad, بوشعيب=Bouchaib, قدور=Kaddour, لحسن=Lahcen, مولود=Mouloud, \
    عامر=Amer, فاتح=Fateh, نصر=Nasr, سعد=Saad, هلال=Hilal, زروال=Zerouale, عمران=Amrane, أيوب=Ayoub, بلال=Bilal, \
    جمال=Jamal, حفيظ=Hafid, حكيم=Hakim, خالد=Khalid, رضا=Reda, سفيان=Soufiane, شريف=Cherif, صديق=Seddik, طارق=Tarik, \
    عادل=Adil, عماد=Imad, فؤاد=Fouad, كمال=Kamal, لطفي=Lotfi, محسن=Mohcine, مراد=Mourad, مصطفى=Mustapha, منير=Mounir, \
    نبيل=Nabil, هشام=Hicham, وليد=Walid, ياسين=Yassine, يزيد=Yazid, أمين=Amine, أنور=Anouar, بشير=Bachir, \
    تهامي=Touhami, جواد=Jaouad, حبيب=Habib, حمدي=Hamdi, خليفة=Khalifa, ربيع=Rabie, رحمون=Rahmoun, زين=Zine, \
    سعدون=Saadoun, شاكر=Chaker, صابر=Saber, غالب=Ghaleb, فاروق=Farouk, فريد=Farid, قادر=Kader, ماجد=Majid, معطي=Maati, \
    ناجي=Naji, هارون=Haroun, وهاب=Ouahab, يامين=Yamine, حمدان=Hamdane, رمضان=Ramdane, شعبان=Chaabane, عزوز=Azzouz, \
    غريب=Gharib, فضيل=Fadil, مبروك=Mabrouk, مسعود=Messaoud, نوري=Nouri, يحيى=Yahya, زكري=Zekri, بوبكر=Boubker";
const MA_NISBAS: &str =
    "علمي=Alami, فيلالي=Filali, سبتي=Sebti, كتاني=Kettani, مرنيسي=Mernissi, شاوي=Chaoui, ريفي=Rifi, \
    سوسي=Soussi, مراكشي=Marrakchi, مكناسي=Meknassi, رباطي=Rbati, سلاوي=Slaoui, جزولي=Jazouli, دكالي=Doukkali, \
    زموري=Zemmouri, بقالي=Bakkali, سقلي=Sqalli, تطواني=Tetouani, تواتي=Touati, غازي=Ghazi, حداوي=Haddaoui, \
    قادري=Kadiri, عمراوي=Amraoui, عزوزي=Azzouzi, شرقاوي=Cherkaoui, غرباوي=Gharbaoui, شرقي=Chergui, غربي=Gharbi, \
    جبري=Jabri, كريمي=Karimi, ناجي=Naji, رحموني=Rahmouni, سهلي=Sahli, زرهوني=Zerhouni, تادلاوي=Tadlaoui, \
    مالكي=Maliki, هاشمي=Hachimi, عثماني=Othmani, بكري=Bakri, طنجاوي=Tanjaoui, وجدي=Oujdi, فكيكي=Figuigui, \
    صحراوي=Sahraoui, جبلي=Jebli, حريزي=Harizi, عبدلاوي=Abdellaoui, خياطي=Khayati, ودغيري=Oudghiri, عراقي=Iraki, \
    أندلسي=Andaloussi, مغراوي=Maghraoui, حجاجي=Hajjaji, نوري=Nouri, حسيني=Houssaini, يزيدي=Yazidi, زروالي=Zerouali, \
    صديقي=Seddiki, خطابي=Khattabi, أزمي=Azmi, مريني=Merini, سوسي=Souissi, بوعناني=Bouanani, درقاوي=Derkaoui, \
    منوني=Mennouni, وكيلي=Ouakili, تونسي=Tounsi, جزائري=Jazairi, بيضاوي=Baidaoui, برنوصي=Bernoussi";
const MA_PLAIN: &str = "بنيس=Bennis, لعرج=Laaraj, الصقلي=Sqalli, بلخياط=Belkhayat, لمرابط=Lamrabet, بوخريص=Boukhriss, \
    أقصبي=Aksabi, أوحمو=Ouhammou, الكوهن=Elkouhen, الشامي=Chami, الكبير=Lakbir, الصغير=Sghir, أمزيان=Amziane, \
    أخياط=Akhiat, أزناگ=Aznag, أمغار=Amghar, أوبلا=Oubella, بلقاضي=Belkadi, بنشقرون=Benchekroun, بوطالب=Boutaleb, \
    بوكيلي=Boukili, بلحسن=Belhassan, حجي=Hajji, خرشي=Kharchi, دحماني=Dahmani, رحو=Rahou, زهراوي=Zahraoui, \
    سليماني=Slimani, شكري=Chokri, صبري=Sabri, طالبي=Talbi, عبادي=Abbadi, فاضلي=Fadili, قاسمي=Kacimi, مرابط=Mrabet, \
    نجار=Najjar, وهبي=Wahbi, يعقوبي=Yacoubi";

/// A Moroccan family name with the article: El Alami, also written Elalami, Al-Alami, Alami.
fn ma_article(arabic: &str, latin: &str) -> String {
    format!("ال{arabic}=El {latin}/El{}/Al-{latin}/{latin}", lower_first(latin))
}

fn ma_join(root: &str, kind: &str) -> Option<String> {
    let (arabic, latin) = root.split_once('=')?;
    Some(match kind {
        "ben" => format!("بن{arabic}=Ben{}/Ben {latin}", lower_first(latin)),
        "ait" => format!("آيت {arabic}=Ait {latin}/Aït {latin}"),
        "ou" => format!("أو{arabic}=Ou{}", lower_first(latin)),
        "bou" => format!("بو{arabic}=Bou{}", lower_first(latin)),
        "id" => format!("إد {arabic}=Id {latin}/Id-{latin}"),
        "ouled" => format!("أولاد {arabic}=Ouled {latin}/Oulad {latin}/Ould {latin}"),
        // The nisba: Hassan Hassani, Moussa Moussaoui.
        "nisba" if arabic.contains(' ') => return None,
        "nisba" => match latin.strip_suffix('a') {
            Some(_) => ma_article(&format!("{}اوي", arabic.trim_end_matches(['ى', 'ة', 'ا'])), &format!("{latin}oui")),
            None if latin.ends_with(['e', 'i', 'o', 'u']) => return None,
            None => ma_article(&format!("{arabic}ي"), &format!("{latin}i")),
        },
        _ => return None,
    })
}

fn ma_family() -> Vec<String> {
    let mut names = compose(MA_NAMES, "ben, nisba, ait, ou, bou, id, ouled", ma_join);
    let nisbas = items(MA_NISBAS).filter_map(|entry| entry.split_once('=')).map(|(a, l)| ma_article(a, l));
    names.extend(nisbas.enumerate().map(|(i, name)| (i + 1, name)));
    names.extend(listed(MA_PLAIN, 2));
    ranked(names)
}

/// Syrian given names, which are family names too, with the article or without (Al-Ahmad, Hamdan).
const SY_NAMES: &str = "محمد=Mohammad, خليل=Khalil, إبراهيم=Ibrahim, محمود=Mahmoud, حسين=Hussein, عبد الله=Abdullah, \
    صالح=Saleh, خالد=Khaled, يوسف=Youssef, مصطفى=Mustafa, جاسم=Jasem, عبيد=Obaid, عواد=Awad, سعيد=Saeed, \
    يونس=Younes, ياسين=Yaseen, عباس=Abbas, جمعة=Jumaa, رمضان=Ramadan, شعبان=Shaaban, حاج=Hajj, شيخ=Sheikh, نجم=Najm, \
    ظاهر=Daher, طه=Taha, فارس=Fares, منصور=Mansour, ناصر=Nasser, نصر=Nasr, هلال=Hilal, جبر=Jabr, حميد=Hamid, \
    حبيب=Habib, حيدر=Haidar, رشيد=Rashid, زيد=Zaid, سالم=Salem, سلامة=Salameh, شاهين=Shaheen, عزيز=Aziz, عطية=Atieh, \
    علوان=Alwan, عمران=Imran, غانم=Ghanem, فرج=Faraj, فياض=Fayyad, كامل=Kamel, كريم=Karim, لطفي=Lutfi, مالك=Malek, \
    مرعي=Marei, مسلم=Muslim, معروف=Maarouf, موسى=Musa, نعمان=Nouman, هاشم=Hashem, وهبة=Wahbeh, يعقوب=Yacoub, \
    جميل=Jamil, سعد=Saad, فهد=Fahd, حمزة=Hamza, بدر=Badr, نور=Nour, زهير=Zuhair, بشير=Bashir, مخلوف=Makhlouf, \
    عبد الرحمن=Abdulrahman, عبد الكريم=Abdulkarim, عبد القادر=Abdulkader, عبد الرزاق=Abdulrazzaq, عبد الحميد=Abdulhamid, \
    عبد العزيز=Abdulaziz, عبد الغني=Abdulghani, عبد الهادي=Abdulhadi, أسعد=Asaad, أيوب=Ayoub, بكر=Bakr, توفيق=Tawfiq, \
    جلال=Jalal, حمادة=Hamada, خضر=Khader, ديب=Deeb, ذياب=Diab, راضي=Radi, سويد=Sweid, شحادة=Shehadeh, صبحي=Subhi, \
    ضاحي=Dahi, عاصي=Assi, عكاش=Akkash, عيد=Eid, فاضل=Fadel, قدور=Kaddour, محسن=Mohsen, نايف=Nayef, هزاع=Hazza, \
    أحمد=Ahmad, حسن=Hassan, علي=Ali, عمر=Omar, حمد=Hamad, أنس=Anas, أيمن=Ayman, باسل=Basel, بسام=Bassam, بشار=Bashar, \
    جهاد=Jihad, حازم=Hazem, حسام=Hussam, رامي=Rami, رياض=Riad, زياد=Ziad, سامر=Samer, سمير=Samir, شادي=Shadi, \
    طارق=Tarek, عادل=Adel, عامر=Amer, عماد=Imad, عمار=Ammar, غسان=Ghassan, فادي=Fadi, فراس=Firas, فيصل=Faisal, \
    ماجد=Majed, ماهر=Maher, مازن=Mazen, مجد=Majd, منذر=Munther, مهند=Muhannad, نبيل=Nabil, نزار=Nizar, نضال=Nidal, \
    هاني=Hani, هيثم=Haitham, وائل=Wael, وسيم=Wassim, وليد=Walid, ياسر=Yaser, يحيى=Yahya, إياد=Iyad, أسامة=Osama, \
    أكرم=Akram, أمجد=Amjad, أنور=Anwar, بلال=Bilal, ثائر=Thaer, جمال=Jamal, حاتم=Hatem, حمدي=Hamdi, خلدون=Khaldoun, \
    رائد=Raed, رضوان=Radwan, سليم=Salim, صبري=Sabri, صلاح=Salah, ضياء=Diaa, عصام=Issam, عدنان=Adnan, غازي=Ghazi, \
    فايز=Fayez, فواز=Fawaz, كمال=Kamal, لؤي=Louai, نادر=Nader, هشام=Hisham, يزن=Yazan";
const SY_NISBAS: &str = "حموي=Hamwi, إدلبي=Idlibi, دمشقي=Dimashqi, حوراني=Hourani, ديري=Deiri, رقاوي=Raqqawi, \
    طرطوسي=Tartousi, لاذقاني=Ladhiqani, درعاوي=Daraawi, جبلاوي=Jablawi, منبجي=Manbiji, عفريني=Afrini, تركماني=Turkmani, \
    بغدادي=Baghdadi, مغربي=Maghribi, يمني=Yamani, حجازي=Hijazi, نجدي=Najdi, لبناني=Lubnani, عراقي=Iraqi, \
    جبوري=Jabouri, شمري=Shammari, عبيدي=Obeidi, دليمي=Dulaimi, حريري=Hariri, تميمي=Tamimi, عنزي=Anazi, نعيمي=Naimi, \
    حديدي=Hadidi, هاشمي=Hashemi, قحطاني=Qahtani, عكيدي=Akidi, خياط=Khayyat, حلاق=Hallak, صباغ=Sabbagh, عطار=Attar, \
    لحام=Lahham, خباز=Khabbaz, قصاب=Qassab, سراج=Sarraj, حكيم=Hakim, كيال=Kayyal, سماك=Sammak, بيطار=Bitar, \
    جزار=Jazzar, حجار=Hajjar, فاخوري=Fakhouri, زيتوني=Zaitouni, نحاس=Nahhas, صائغ=Sayegh, حايك=Hayek, حمامي=Hammami, \
    طحان=Tahhan, دهان=Dahhan, قباني=Qabbani, حصري=Hosari, سيوفي=Suyufi, مارديني=Mardini, جولاني=Jolani, \
    قلموني=Qalamouni, حمداني=Hamdani, أيوبي=Ayoubi, أتاسي=Atassi, جابري=Jabiri, كيلاني=Kilani, قدسي=Qudsi, \
    مدني=Madani, شيشكلي=Shishakli, بكري=Bakri, ترك=Turk, دباس=Dabbas, حسيني=Husseini, حسني=Hasani, علواني=Alwani, \
    عبسي=Absi, نوري=Nouri, زين=Zein, سوري=Souri, موصلي=Mousalli, شهابي=Shehabi, صفدي=Safadi, عظمة=Azmeh, \
    مرعشلي=Marashli, نابلسي=Nabulsi, كزبري=Kuzbari, سباعي=Sibai, فرا=Farra, بيروتي=Beiruti, طباع=Tabbaa, حلواني=Halwani";

/// A Syrian family name with the article: Al-Shami, also written Alshami, Al Shami, El Shami, Ash-Shami.
fn sy_article(arabic: &str, latin: &str) -> String {
    let mut forms =
        vec![format!("Al-{latin}"), format!("Al{}", lower_first(latin)), format!("Al {latin}"), format!("El {latin}")];
    // The article takes the sound of a "sun letter" that follows: Ash-Shami, An-Najjar.
    let sun = ["Sh", "Th", "Dh", "S", "T", "D", "R", "Z", "N"].into_iter().find(|s| latin.starts_with(s));
    if let Some(sun) = sun {
        forms.push(format!("A{}-{latin}", sun.to_lowercase()));
    }
    format!("ال{arabic}={}", forms.join("/"))
}

fn sy_join(root: &str, kind: &str) -> Option<String> {
    let (arabic, latin) = root.split_once('=')?;
    Some(match kind {
        "al" => sy_article(arabic, latin),
        "bare" => root.to_owned(),
        "abu" => format!("أبو {arabic}=Abu {latin}/Abou {latin}/Abo {latin}"),
        "hajj" => format!("حاج {arabic}=Hajj {latin}/Haj {latin}/Al-Hajj {latin}"),
        "sheikh" => format!("شيخ {arabic}=Sheikh {latin}/Cheikh {latin}/Scheich {latin}"),
        _ => return None,
    })
}

fn sy_family() -> Vec<String> {
    let mut names = compose(SY_NAMES, "al, bare, abu, hajj, sheikh", sy_join);
    names.extend(compose(SY_NISBAS, "al, bare", sy_join));
    ranked(names)
}

const PK_CLANS: &str = "Gujjar, Jatt, Arain, Rajput, Janjua, Khokhar, Cheema, Gondal, Warraich, Bajwa, Sandhu, Sial, \
    Tarar, Virk, Goraya, Ghumman, Dogar, Mughal, Kiani, Satti, Swati, Yousafzai, Afridi, Durrani, Khattak, Marwat, \
    Bangash, Orakzai, Mohmand, Wazir, Baloch, Bugti, Marri, Memon, Soomro, Syed, Bukhari, Gilani, Naqvi, Zaidi, Rizvi, \
    Jafri, Kazmi, Hashmi, Alvi, Farooqi, Usmani, Ansari, Lodhi, Niazi, Minhas, Chattha, Tiwana, Noon, Kharal, Bhutto, \
    Jatoi, Laghari, Leghari, Mazari, Magsi, Rind, Jamali, Khosa, Paracha, Sethi, Kakar, Achakzai, Tareen, Kasi, \
    Mengal, Zehri, Raisani, Shinwari, Mehsud, Dawar, Tanoli, Gakhar, Dar, Lone, Mir, Wani, Rathore, Chauhan, Baig, \
    Beg, Agha, Pirzada, Makhdoom, Qazi, Sahi, Randhawa, Bhatti, Dhillon, Sheikh, Malik";
const PK_PERSONAL: &str = "Akram, Arshad, Ashraf, Asghar, Bashir, Hafeez, Haider, Hameed, Iftikhar, Ijaz, Imtiaz, \
    Irshad, Jamil, Karim, Khalid, Latif, Majeed, Mansoor, Maqbool, Mushtaq, Nadeem, Nawaz, Nazir, Pervaiz, Qadir, Rafiq, \
    Rehman, Saeed, Sajjad, Sarwar, Shafiq, Shahzad, Sharif, Tahir, Tanveer, Waheed, Yousaf, Zafar, Zaman, Younas, \
    Sadiq, Rauf, Ghafoor, Hanif, Amin, Aziz, Azam, Ilyas, Ishaq, Ismail, Jabbar, Jalil, Kabir, Khaliq, Masood, Munir, \
    Naeem, Nasir, Qasim, Razzaq, Sabir, Safdar, Saleem, Shabbir, Shakeel, Shaukat, Sultan, Tariq, Usman, Wahid, Zahid, \
    Zubair, Altaf, Anjum, Babar, Daud, Fazal, Ghani, Habib, Ibrahim, Idrees, Kamal, Mukhtar, Noor, Rizwan, Sattar, \
    Shahid, Yaqoob, Abbas, Afzal, Ahsan, Akbar, Alam, Arif, Asim, Aurangzeb, Bilal, Farooq, Ghulam, Hamid, Hassan, \
    Imran, Inam, Javaid, Kashif, Mehboob, Mumtaz, Nasim, Rashid, Riaz, Shafqat, Sohail, Zulfiqar";

fn pk_family() -> Vec<String> {
    let mut names = listed(PK_CLANS, 1);
    names.extend(listed(PK_PERSONAL, 1));
    let compounds = compose(PK_PERSONAL, "Khan, Ahmed, Ali, Shah, Butt, Hussain", |name, clan| {
        (name != clan).then(|| format!("{name} {clan}"))
    });
    names.extend(compounds.into_iter().map(|(score, name)| (4 * score, name)));
    ranked(names)
}

const BR_FAMILY: &str = "Silva/da Silva, Santos/dos Santos, Oliveira/de Oliveira, Souza/Sousa, Rodrigues, Ferreira, \
    Alves, Pereira, Lima, Gomes, Costa, Ribeiro, Martins, Carvalho, Almeida, Lopes, Soares, Fernandes, Vieira, Barbosa, \
    Rocha, Dias, Nascimento, Andrade, Moreira, Nunes, Marques, Machado, Mendes, Freitas";
const BR_MORE: &str = "Araújo, Cardoso, Teixeira, Cavalcanti, Monteiro, Moura, Correia, Pinto, Campos, Castro, Cunha, \
    Melo, Batista, Barros, Reis, Ramos, Azevedo, Duarte, Farias, Borges, Miranda, Medeiros, Xavier, Pires, Santana, \
    Brito, Sampaio, Fonseca, Guimarães, Coelho, Tavares, Leite, Matos, Macedo, Nogueira, Sales, Bezerra, Cruz, Jesus, \
    Conceição, Paiva, Aguiar, Moraes, Siqueira, Lacerda, Cordeiro, Amaral, Assis, Bastos, Brandão, Falcão, Figueiredo, \
    Magalhães, Neves, Pacheco, Peixoto, Queiroz, Rezende, Sá, Toledo, Valente, Vasconcelos, Viana, Paz, Luz, Mata";

/// The particle a Brazilian family name often carries (da Silva, dos Santos, de Jesus).
fn br_particle(name: &str) -> Option<&'static str> {
    match name {
        "Silva" | "Costa" | "Cruz" | "Conceição" | "Rocha" | "Luz" | "Paz" | "Mata" | "Fonseca" | "Cunha" => {
            Some("da")
        }
        "Santos" => Some("dos"),
        "Oliveira" | "Souza" | "Jesus" | "Lima" | "Assis" | "Moraes" | "Freitas" | "Andrade" => Some("de"),
        "Nascimento" | "Amaral" => Some("do"),
        _ => None,
    }
}

fn br_family() -> Vec<String> {
    let standard = |entry: &str| entry.split('/').next().unwrap_or(entry).trim().to_owned();
    let singles: Vec<String> = items(BR_FAMILY).chain(items(BR_MORE)).map(standard).collect();
    let with_particle = |name: &str| br_particle(name).map_or(name.to_owned(), |p| format!("{p} {name}"));
    let mut names = listed(BR_MORE, 1);
    // Most Brazilians carry two family names, the mother's and the father's: Oliveira Santos, also written
    // de Oliveira dos Santos.
    for (i, first) in singles.iter().enumerate() {
        for (j, second) in singles.iter().enumerate().filter(|(j, _)| *j != i) {
            let plain = format!("{first} {second}");
            let full = format!("{} {}", with_particle(first), with_particle(second));
            let entry = if full == plain { plain } else { format!("{plain}/{full}") };
            names.push(((i + 1) * (j + 1), entry));
        }
    }
    ranked(names)
}

/// Weights of the ages 14 to 50 at identification: 18% children (EU figures run from 15% to 25%), most
/// adults in their twenties.
fn age_weights() -> Vec<u32> {
    (14..=50)
        .map(|age| match age {
            14..=17 => 45,
            18..=25 => 45,
            26..=35 => 24,
            _ => 14,
        })
        .collect()
}

struct Tables {
    names: Vec<Names>,
    origin_weights: Vec<u32>,
    age_weights: Vec<u32>,
}

impl Tables {
    fn new() -> Tables {
        Tables {
            names: ORIGINS.iter().map(Names::new).collect(),
            origin_weights: ORIGINS.iter().map(|o| o.per_mille).collect(),
            age_weights: age_weights(),
        }
    }
}

/// The tables, made once per process (some 30,000 names; a few tens of milliseconds).
fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(Tables::new)
}

/// A victim, as the truth knows them.
#[derive(Debug, Clone, Copy)]
struct Person {
    origin: u8,
    exploit: u8,
    female: bool,
    given: u16,
    /// The second given name, middle name or father's name ([`Names::second_name`]), or [`NO_SECOND`].
    second: u16,
    family: u16,
    birth: NaiveDate,
    /// The date of identification; records carry only its year.
    identified: NaiveDate,
    /// Bit s: source s registers the person.
    captured: u8,
}

impl Person {
    fn child(&self) -> bool {
        age_at(self.birth, self.identified) < 18
    }
}

fn age_at(birth: NaiveDate, on: NaiveDate) -> i32 {
    on.year() - birth.year() - i32::from((on.month(), on.day()) < (birth.month(), birth.day()))
}

fn make_person(tables: &Tables, seed: u64, index: usize, sources: usize) -> Person {
    let mut rng = stream(seed, TAG_PERSON, index as u64);
    let origin = rng.weighted(&tables.origin_weights);
    let names = &tables.names[origin];
    let exploit = rng.weighted(&ORIGINS[origin].exploit);
    let female = rng.chance(FEMALE_SHARE[exploit]);
    let (given, second) = names.draw_given(female, &mut rng);
    let family = names.family_draw.pick(&mut rng);
    let year = 2019 + rng.below(6) as i32;
    let new_year = NaiveDate::from_ymd_opt(year, 1, 1).expect("2019–2024 are dates");
    let days = if NaiveDate::from_ymd_opt(year, 2, 29).is_some() { 366 } else { 365 };
    let identified = new_year + Days::new(rng.below(days) as u64);
    let age = 14 + rng.weighted(&tables.age_weights) as u32;
    // Born between a day after the (age+1)th birthday before identification and the (age)th.
    let latest = identified - Months::new(12 * age);
    let earliest = identified - Months::new(12 * (age + 1)) + Days::new(1);
    let span = (latest - earliest).num_days() as usize + 1;
    let birth = earliest + Days::new(rng.below(span) as u64);
    let visibility = [0.5, 1.0, 1.5][rng.weighted(&[3, 4, 3])];
    let mut person = Person {
        origin: origin as u8,
        exploit: exploit as u8,
        female,
        given,
        second,
        family: family as u16,
        birth,
        identified,
        captured: 0,
    };
    let citizen = ORIGINS[origin].citizen;
    let child = person.child();
    for source in 0..sources {
        let seen = |s: usize| person.captured & (1 << s) != 0;
        let base = match source {
            0 => 0.45,
            1 if seen(0) => 0.48,
            1 => 0.30,
            2 if exploit == LAB => 0.45,
            2 => 0.06,
            3 if citizen == NON_EU => 0.40,
            3 if citizen == EU => 0.10,
            3 => 0.04,
            4 => (if child { 0.55 } else { 0.20 }) * if seen(1) { 1.4 } else { 1.0 },
            5 if seen(0) => 0.45,
            _ => 0.05,
        };
        let p: f64 = base * visibility;
        if rng.chance(p.min(0.95)) {
            person.captured |= 1 << source;
        }
    }
    person
}

// ---------------------------------------------------------------------------------------------------------
// Records

/// How much a source prefers the native script when it does not write a name in its standard Latin form:
/// NGO shelters and social services work with cultural mediators; police, inspectors and prosecutors write
/// what they hear or read in Latin letters.
const NATIVE_SHARE: [f64; 6] = [0.2, 0.6, 0.1, 0.3, 0.4, 0.2];
/// Share of records without the country of birth.
const UNKNOWN_COUNTRY: f64 = 0.05;
/// Share of records with the citizenship group, or the form of exploitation, unknown.
const UNKNOWN_ATTRIBUTE: f64 = 0.03;
/// Share of records with the sex unknown.
const UNKNOWN_SEX: f64 = 0.01;
/// Share of records without a birth date whose age group is unknown too (otherwise it is estimated).
const UNKNOWN_AGE_WITHOUT_DATE: f64 = 0.3;

/// What was done to a record, for the tests.
mod applied {
    pub const TYPO: u16 = 1;
    pub const TRANSLITERATION: u16 = 2;
    pub const SWAPPED_NAMES: u16 = 4;
    pub const MISSING_BIRTH_DATE: u16 = 8;
    pub const WRONG_BIRTH_DATE: u16 = 16;
    pub const NAME_CHANGE: u16 = 32;
    /// The second record of a person in a source.
    pub const DUPLICATE: u16 = 64;
    /// The person's names (after any change) have other spellings, so transliteration could apply.
    pub const HAS_VARIANTS: u16 = 128;
    /// The person has a second given name, so it could be dropped.
    pub const HAS_SECOND: u16 = 256;
    pub const DROPPED_SECOND: u16 = 512;
}

enum Writing {
    Standard,
    Native,
    Other,
}

fn written<'a>(name: &'a Name, writing: &Writing, rng: &mut SplitMix64) -> &'a str {
    match writing {
        Writing::Standard => &name.latin[0],
        Writing::Native => name.native.as_deref().unwrap_or(&name.latin[0]),
        Writing::Other if name.latin.len() > 1 => &name.latin[1 + rng.below(name.latin.len() - 1)],
        Writing::Other => &name.latin[0],
    }
}

/// One record of `person` in `source`, without its id, and what was done to it.
fn make_record(
    tables: &Tables,
    errors: &ErrorRates,
    person: &Person,
    source: usize,
    rng: &mut SplitMix64,
) -> ([String; 10], u16) {
    let origin = &ORIGINS[person.origin as usize];
    let names = &tables.names[person.origin as usize];
    let mut flags = 0;
    let given = &names.given(person.female)[person.given as usize];
    let mut second = names.second_name(person.female, person.second);
    if second.is_some() {
        flags |= applied::HAS_SECOND;
        if rng.chance(errors.dropped_second_name) {
            second = None;
            flags |= applied::DROPPED_SECOND;
        }
    }
    let mut family_index = person.family as usize;
    if rng.chance(errors.name_change) {
        // A name drawn as names are (a husband's, a forger's), so often a common one.
        let mut other = (0..16).map(|_| names.family_draw.pick(rng)).filter(|&i| i != family_index);
        family_index = other.next().unwrap_or((family_index + 1) % names.family.len());
        flags |= applied::NAME_CHANGE;
    }
    let family = names.family(family_index, person.female);
    let parts = [Some(given), second, Some(family)];
    let mut writing = Writing::Standard;
    if parts.iter().flatten().any(|name| name.has_variants()) {
        flags |= applied::HAS_VARIANTS;
        if rng.chance(errors.transliteration) {
            flags |= applied::TRANSLITERATION;
            let native = parts.iter().flatten().any(|name| name.native.is_some());
            let other = parts.iter().flatten().any(|name| name.latin.len() > 1);
            writing =
                if native && (!other || rng.chance(NATIVE_SHARE[source])) { Writing::Native } else { Writing::Other };
        }
    }
    let first = written(given, &writing, rng);
    let mut given_name = match second {
        None => first.to_owned(),
        Some(second) => {
            let second = written(second, &writing, rng);
            if names.second_first() {
                format!("{second} {first}")
            } else {
                format!("{first} {second}")
            }
        }
    };
    let mut family_name = written(family, &writing, rng).to_owned();
    if rng.chance(errors.swapped_names) {
        std::mem::swap(&mut given_name, &mut family_name);
        flags |= applied::SWAPPED_NAMES;
    }
    if rng.chance(errors.typo) {
        let name = if rng.chance(0.5) { &mut given_name } else { &mut family_name };
        *name = typo(name, rng);
        flags |= applied::TYPO;
    }
    let birth_date = if rng.chance(errors.missing_birth_date) {
        flags |= applied::MISSING_BIRTH_DATE;
        String::new()
    } else if rng.chance(errors.wrong_birth_date) {
        flags |= applied::WRONG_BIRTH_DATE;
        iso_date(wrong_date(person.birth, rng))
    } else {
        iso_date(person.birth)
    };
    let birth_country = if rng.chance(UNKNOWN_COUNTRY) { "" } else { origin.country };
    let sex = match (rng.chance(UNKNOWN_SEX), person.female) {
        (true, _) => "UNK",
        (false, true) => "F",
        (false, false) => "M",
    };
    let age = if birth_date.is_empty() && rng.chance(UNKNOWN_AGE_WITHOUT_DATE) {
        "UNK"
    } else if person.child() {
        "Y_LT18"
    } else {
        "Y_GE18"
    };
    let exploit = if rng.chance(UNKNOWN_ATTRIBUTE) { "UNK" } else { EXPLOIT[person.exploit as usize] };
    let citizen = if rng.chance(UNKNOWN_ATTRIBUTE) { "UNK" } else { origin.citizen };
    let record = [
        String::new(),
        given_name,
        family_name,
        birth_date,
        birth_country.to_owned(),
        person.identified.year().to_string(),
        sex.to_owned(),
        age.to_owned(),
        exploit.to_owned(),
        citizen.to_owned(),
    ];
    (record, flags)
}

fn iso_date(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// A wrong but valid birth date: day and month swapped where that gives another date, else a year off.
fn wrong_date(date: NaiveDate, rng: &mut SplitMix64) -> NaiveDate {
    if date.day() <= 12 && date.day() != date.month() && rng.chance(0.5) {
        if let Some(swapped) = NaiveDate::from_ymd_opt(date.year(), date.day(), date.month()) {
            return swapped;
        }
    }
    let year = if rng.chance(0.5) { date.year() + 1 } else { date.year() - 1 };
    // 29 February becomes the 28th in a common year.
    NaiveDate::from_ymd_opt(year, date.month(), date.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, date.month(), date.day() - 1))
        .expect("the 28th exists in every month")
}

/// One typo: a character inserted, deleted or substituted, or two neighbours transposed; always a change.
fn typo(name: &str, rng: &mut SplitMix64) -> String {
    let mut chars: Vec<char> = name.chars().collect();
    for _ in 0..8 {
        let n = chars.len();
        match rng.below(4) {
            0 => {
                let at = rng.below(n + 1);
                let c = like(&chars, at.min(n.saturating_sub(1)), rng);
                chars.insert(at, c);
                return chars.into_iter().collect();
            }
            1 if n >= 2 => {
                chars.remove(rng.below(n));
                return chars.into_iter().collect();
            }
            2 if n >= 1 => {
                let at = rng.below(n);
                let c = like(&chars, at, rng);
                if c != chars[at] {
                    chars[at] = c;
                    return chars.into_iter().collect();
                }
            }
            3 if n >= 2 => {
                let at = rng.below(n - 1);
                if chars[at] != chars[at + 1] {
                    chars.swap(at, at + 1);
                    return chars.into_iter().collect();
                }
            }
            _ => {}
        }
    }
    // Names of one repeated letter are not in the lists; a doubled last letter still changes the name.
    let c = chars.last().copied().unwrap_or('a');
    chars.push(c);
    chars.into_iter().collect()
}

/// A character a hand might type in place of `chars[at]`: a Latin letter of the same case for Latin
/// letters, another letter of the name for other scripts (so Cyrillic stays Cyrillic).
fn like(chars: &[char], at: usize, rng: &mut SplitMix64) -> char {
    match chars.get(at) {
        Some(c) if c.is_ascii_alphabetic() => {
            let letter = (b'a' + rng.below(26) as u8) as char;
            if c.is_ascii_uppercase() {
                letter.to_ascii_uppercase()
            } else {
                letter
            }
        }
        _ => {
            let letters: Vec<char> = chars.iter().copied().filter(|c| c.is_alphabetic()).collect();
            if letters.is_empty() {
                'a'
            } else {
                letters[rng.below(letters.len())]
            }
        }
    }
}

/// The sources, with the persons and what was done to each record, for the tests.
struct Generated {
    sources: Vec<SynthSource>,
    #[cfg_attr(not(test), expect(dead_code, reason = "read by the tests"))]
    persons: Vec<Person>,
    #[cfg_attr(not(test), expect(dead_code, reason = "read by the tests"))]
    applied: Vec<Vec<u16>>,
}

fn generate_logged(spec: &SynthSpec) -> Result<Generated, SynthError> {
    if !(3..=SOURCES.len()).contains(&spec.sources) {
        return Err(SynthError::Sources(spec.sources));
    }
    if spec.persons == 0 || spec.persons > MAX_PERSONS {
        return Err(SynthError::Persons(spec.persons));
    }
    spec.errors.check()?;
    let tables = tables();
    let persons: Vec<Person> =
        (0..spec.persons).into_par_iter().map(|i| make_person(tables, spec.seed, i, spec.sources)).collect();
    let mut sources = Vec::with_capacity(spec.sources);
    let mut applied = Vec::with_capacity(spec.sources);
    for (source, name) in SOURCES.iter().enumerate().take(spec.sources) {
        let (mut records, truth): (Vec<[String; 10]>, Vec<(u32, u16)>) = persons
            .par_iter()
            .enumerate()
            .filter(|(_, person)| person.captured & (1 << source) != 0)
            .flat_map_iter(|(index, person)| {
                let tag = TAG_RECORD + 2 * source as u64;
                let mut rng = stream(spec.seed, tag, index as u64);
                let (record, flags) = make_record(tables, &spec.errors, person, source, &mut rng);
                let mut out = vec![(record, (index as u32, flags))];
                if rng.chance(spec.errors.duplicate_within_source) {
                    let mut rng = stream(spec.seed, tag + 1, index as u64);
                    let (record, flags) = make_record(tables, &spec.errors, person, source, &mut rng);
                    out.push((record, (index as u32, flags | applied::DUPLICATE)));
                }
                out
            })
            .unzip();
        let (mut person, mut flags): (Vec<u32>, Vec<u16>) = truth.into_iter().unzip();
        // Fisher–Yates, so that the order of the records says nothing about the persons.
        let mut rng = stream(spec.seed, TAG_SHUFFLE, source as u64);
        for i in (1..records.len()).rev() {
            let j = rng.below(i + 1);
            records.swap(i, j);
            person.swap(i, j);
            flags.swap(i, j);
        }
        records.par_iter_mut().enumerate().for_each(|(number, record)| record[0] = format!("{name}-{number:06}"));
        sources.push(SynthSource { name: (*name).to_owned(), records, person });
        applied.push(flags);
    }
    Ok(Generated { sources, persons, applied })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Encoder, Schema, Scratch};

    fn spec(seed: u64, persons: usize, sources: usize) -> SynthSpec {
        SynthSpec::new(seed, persons, sources)
    }

    fn csv_text(sources: &[SynthSource]) -> String {
        let mut out = Vec::new();
        for source in sources {
            write_csv(source, &mut out).unwrap();
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_same_seed_gives_the_same_records() {
        let a = generate(&spec(7, 3_000, 6)).unwrap();
        let b = generate(&spec(7, 3_000, 6)).unwrap();
        assert_eq!(a, b);
        let c = generate(&spec(8, 3_000, 6)).unwrap();
        assert_ne!(a, c);
        // Fewer sources: the first sources' records are unchanged.
        let three = generate(&spec(7, 3_000, 3)).unwrap();
        assert_eq!(three[..], a[..3]);
    }

    /// Pins the output, so that a change of platform, dependency or code that changes the data is seen.
    /// Deliberate changes of the model update the figure.
    #[test]
    fn the_output_is_pinned() {
        let text = csv_text(&generate(&spec(2024, 500, 6)).unwrap());
        let hash =
            text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
        assert_eq!(hash, 16_768_822_635_913_856_037, "FNV-1a of the CSV of seed 2024, 500 persons, 6 sources");
    }

    #[test]
    fn refuses_impossible_specifications() {
        assert_eq!(generate(&spec(1, 10, 2)), Err(SynthError::Sources(2)));
        assert_eq!(generate(&spec(1, 10, 7)), Err(SynthError::Sources(7)));
        assert_eq!(generate(&spec(1, 0, 3)), Err(SynthError::Persons(0)));
        assert_eq!(generate(&spec(1, MAX_PERSONS + 1, 3)), Err(SynthError::Persons(MAX_PERSONS + 1)));
        let mut bad = spec(1, 10, 3);
        bad.errors.typo = 1.5;
        assert!(matches!(generate(&bad), Err(SynthError::Rate { name: "typo", .. })));
        bad.errors.typo = f64::NAN;
        assert!(matches!(generate(&bad), Err(SynthError::Rate { name: "typo", .. })));
        for sources in 3..=6 {
            let made = generate(&spec(1, 200, sources)).unwrap();
            assert_eq!(made.len(), sources);
            let names: Vec<&str> = made.iter().map(|s| s.name.as_str()).collect();
            assert_eq!(names, SOURCES[..sources]);
        }
    }

    /// A family name of an origin, by its standard (male) form.
    fn family_named<'a>(tables: &'a Tables, country: &str, standard: &str) -> &'a Family {
        let origin = ORIGINS.iter().position(|o| o.country == country).unwrap();
        let found = tables.names[origin].family.iter().find(|f| f.male.latin[0] == standard);
        found.unwrap_or_else(|| panic!("{country}: no family name {standard}"))
    }

    #[test]
    fn name_lists_are_well_formed() {
        let tables = Tables::new();
        for (origin, names) in ORIGINS.iter().zip(&tables.names) {
            let country = origin.country;
            assert!(names.female.len() >= 40 && names.male.len() >= 40, "{country}: too few given names");
            let middles: Vec<&Name> = match &names.second {
                SecondNames::Middle { female, male, .. } => female.iter().chain(male).collect(),
                SecondNames::Patronymic { fathers, .. } => fathers.iter().flat_map(|f| [&f.male, &f.female]).collect(),
                _ => Vec::new(),
            };
            let all = names
                .female
                .iter()
                .chain(&names.male)
                .chain(middles)
                .chain(names.family.iter().flat_map(|f| [&f.male, &f.female]));
            for name in all {
                let forms: Vec<&str> = name.forms().collect();
                for (i, form) in forms.iter().enumerate() {
                    assert!(!form.is_empty() && form.trim() == *form, "{country}: '{form}'");
                    assert!(!forms[..i].contains(form), "{country}: '{form}' twice");
                }
                for latin in &name.latin {
                    assert!(!latin.chars().any(is_native_script), "{country}: '{latin}' is not in Latin letters");
                    assert!(latin.chars().any(char::is_uppercase), "{country}: '{latin}'");
                }
                if let Some(native) = &name.native {
                    assert!(native.chars().any(is_native_script), "{country}: '{native}' is not in a native script");
                }
            }
            // No two family names of an origin read alike once standardised, in any of their forms.
            let mut seen = HashSet::new();
            for family in &names.family {
                let keys: HashSet<String> = family.keys().into_iter().collect();
                assert!(keys.iter().all(|key| !seen.contains(key)), "{country}: {:?} repeats a name", family.male);
                seen.extend(keys);
            }
        }
        assert_eq!(tables.names[2].family[0].female.latin[0], "Ivanova");
        assert_eq!(tables.names[2].family[0].female.native.as_deref(), Some("Иванова"));
        assert_eq!(ORIGINS.iter().map(|o| o.per_mille).sum::<u32>(), 1000);
        // Made names follow the language, in the native script and in Latin alike.
        let petryshyn = family_named(&tables, "UA", "Petryshyn");
        assert_eq!(petryshyn.male.native.as_deref(), Some("Петришин"));
        assert!(petryshyn.male.latin.contains(&"Petryschyn".to_owned()));
        let kovalevska = family_named(&tables, "UA", "Kovalevskyi");
        assert_eq!(kovalevska.female.native.as_deref(), Some("Ковалевська"));
        assert_eq!(kovalevska.female.latin[0], "Kovalevska");
        let ivanchev = family_named(&tables, "BG", "Ivanchev");
        assert_eq!(
            (ivanchev.female.latin[0].as_str(), ivanchev.female.native.as_deref()),
            ("Ivancheva", Some("Иванчева"))
        );
        assert!(ivanchev.male.latin.contains(&"Iwantschew".to_owned()));
        let georgopoulos = family_named(&tables, "GR", "Georgopoulos");
        assert_eq!(georgopoulos.female.native.as_deref(), Some("Γεωργοπούλου"));
        assert_eq!(georgopoulos.female.latin[0], "Georgopoulou");
        let SecondNames::Patronymic { fathers, .. } = &tables.names[2].second else { panic!("BG: no fathers' names") };
        assert_eq!(
            (fathers[0].male.latin[0].as_str(), fathers[0].female.native.as_deref()),
            ("Georgiev", Some("Георгиева"))
        );
        assert!(family_named(&tables, "RO", "Dumitrescu").male.native.is_none());
        assert!(family_named(&tables, "MA", "Benmoussa").male.latin.contains(&"Ben Moussa".to_owned()));
        assert_eq!(family_named(&tables, "MA", "El Moussaoui").male.native.as_deref(), Some("الموساوي"));
        assert!(family_named(&tables, "SY", "Al-Shammari").male.latin.contains(&"Ash-Shammari".to_owned()));
        assert!(family_named(&tables, "BR", "Silva Santos").male.latin.contains(&"da Silva dos Santos".to_owned()));
        assert!(family_named(&tables, "CN", "Xiao").male.latin.contains(&"Hsiao".to_owned()));
        assert!(family_named(&tables, "MD", "Cravcenco").male.latin.contains(&"Cravchenko".to_owned()));
    }

    /// The figures of the module's documentation:
    /// `cargo test -p rapporteur-linkage --lib synth::tests::name_figures -- --nocapture`
    #[test]
    fn name_figures() {
        let tables = Tables::new();
        println!("origin  family names  top 20  P(same)  given F/M  P(same F/M)  second");
        let mut few = Vec::new();
        for (origin, names) in ORIGINS.iter().zip(&tables.names) {
            let shares = |draw: &Draw, n: usize| (0..n).map(|i| draw.share(i)).collect::<Vec<f64>>();
            let family = shares(&names.family_draw, names.family.len());
            let top20: f64 = family.iter().take(20).sum();
            let same = |shares: &[f64]| shares.iter().map(|p| p * p).sum::<f64>();
            let female = shares(&names.female_draw, names.female.len());
            let male = shares(&names.male_draw, names.male.len());
            let second = match names.second {
                SecondNames::None => "-".to_owned(),
                SecondNames::Given { female, male } => format!("{female:.2}/{male:.2}"),
                SecondNames::Middle { share, .. } => format!("{share:.2} middle"),
                SecondNames::Patronymic { share, .. } => format!("{share:.2} father's"),
            };
            println!(
                "{}  {:>12}  {:>5.1}%  {:>7.4}  {:>4}/{:<4}  {:.3}/{:.3}  {second}",
                origin.country,
                family.len(),
                100.0 * top20,
                same(&family),
                female.len(),
                male.len(),
                same(&female),
                same(&male)
            );
            let diverse = !matches!(origin.country, "VN" | "CN");
            if diverse && family.len() < 800 {
                few.push(origin.country);
            }
            assert!((family.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        }
        assert!(few.is_empty(), "{few:?} have fewer than 800 family names");
        // At the size that made the old lists collapse, few persons share their whole name with another.
        let generated = generate_logged(&spec(5, 20_000, 3)).unwrap();
        let mut counts = std::collections::HashMap::new();
        for person in &generated.persons {
            let names = &tables.names[person.origin as usize];
            let given = &names.given(person.female)[person.given as usize].latin[0];
            let second = names.second_name(person.female, person.second).map(|n| n.latin[0].as_str());
            let family = &names.family(person.family as usize, person.female).latin[0];
            *counts.entry((given.as_str(), second, family.as_str())).or_insert(0usize) += 1;
        }
        let sharing: usize = counts.values().filter(|&&n| n > 1).sum();
        let second = generated.persons.iter().filter(|p| p.second != NO_SECOND).count();
        println!("{sharing} of 20,000 persons share their full name with another person; {second} have a second name");
        assert!(sharing < 2_000, "{sharing} of 20,000 persons share their full name");
    }

    #[test]
    fn records_and_truth_agree() {
        let generated = generate_logged(&spec(11, 5_000, 6)).unwrap();
        let mut seen = vec![false; 5_000];
        for (source, flags) in generated.sources.iter().zip(&generated.applied) {
            assert_eq!(source.records.len(), source.person.len());
            assert_eq!(source.records.len(), flags.len());
            for (number, (record, &who)) in source.records.iter().zip(&source.person).enumerate() {
                let person = &generated.persons[who as usize];
                seen[who as usize] = true;
                let origin = &ORIGINS[person.origin as usize];
                assert_eq!(record[0], format!("{}-{number:06}", source.name));
                assert!(!record[1].is_empty() && !record[2].is_empty());
                assert!(record[3].is_empty() || NaiveDate::parse_from_str(&record[3], "%Y-%m-%d").is_ok());
                assert!(record[4].is_empty() || record[4] == origin.country);
                assert_eq!(record[5], person.identified.year().to_string());
                assert!((2019..=2024).contains(&person.identified.year()));
                assert!((14..=50).contains(&age_at(person.birth, person.identified)));
                let sex = if person.female { "F" } else { "M" };
                assert!(record[6] == sex || record[6] == "UNK");
                let age = if person.child() { "Y_LT18" } else { "Y_GE18" };
                assert!(record[7] == age || record[7] == "UNK" && record[3].is_empty());
                assert!(record[8] == EXPLOIT[person.exploit as usize] || record[8] == "UNK");
                assert!(record[9] == origin.citizen || record[9] == "UNK");
                assert_eq!(origin.citizen == NAT, origin.country == REPORTING_COUNTRY);
                assert!(person.captured & (1 << SOURCES.iter().position(|s| *s == source.name).unwrap()) != 0);
            }
            // Shuffled: the persons are not in order.
            assert!(source.person.windows(2).any(|w| w[0] > w[1]));
        }
        let unseen = generated.persons.iter().filter(|p| p.captured == 0).count();
        assert_eq!(seen.iter().filter(|s| !**s).count(), unseen);
        assert!(unseen > 250 && unseen < 2_000, "{unseen} of 5,000 persons are seen by no source");
    }

    #[test]
    fn every_record_encodes_under_the_victims_schema() {
        let schema = Schema::from_json(include_str!("../schemas/victims.json")).unwrap();
        let encoder = Encoder::new(schema, b"synthetic secret").unwrap();
        let mut scratch = Scratch::default();
        let mut key = Vec::new();
        let errors = ErrorRates { typo: 0.5, transliteration: 0.8, ..ErrorRates::default() };
        let sources = generate(&SynthSpec { seed: 3, persons: 4_000, sources: 6, errors }).unwrap();
        for source in &sources {
            for record in &source.records {
                let values: Vec<&str> = record.iter().map(String::as_str).collect();
                encoder.encode_into(&values, &mut scratch, &mut key).unwrap_or_else(|e| panic!("{record:?}: {e}"));
            }
            let mut text = Vec::new();
            write_csv(source, &mut text).unwrap();
            let file = crate::records::encode_csv(&encoder, text.as_slice(), |_| {}).unwrap();
            assert_eq!(file.keys.len(), source.records.len());
        }
        let header = csv_text(&sources[..1]);
        assert!(header.starts_with(&format!("{}\n", COLUMNS.join(","))));
    }

    fn forms_of(name: &Name) -> Vec<&str> {
        name.forms().collect()
    }

    /// The standard given name of a record, and every way it may be written.
    fn given_forms(names: &Names, given: &Name, second: Option<&Name>) -> (String, Vec<String>) {
        let join = |a: &str, b: Option<&str>| match b {
            None => a.to_owned(),
            Some(b) if names.second_first() => format!("{b} {a}"),
            Some(b) => format!("{a} {b}"),
        };
        let standard = join(&given.latin[0], second.map(|s| s.latin[0].as_str()));
        let mut all = Vec::new();
        for a in given.forms() {
            match second {
                None => all.push(join(a, None)),
                Some(second) => all.extend(second.forms().map(|b| join(a, Some(b)))),
            }
        }
        (standard, all)
    }

    #[test]
    fn error_rates_are_respected() {
        let errors = ErrorRates::default();
        let generated = generate_logged(&SynthSpec { seed: 5, persons: 20_000, sources: 6, errors }).unwrap();
        let tables = Tables::new();
        let flags: Vec<u16> = generated.applied.iter().flatten().copied().collect();
        let records: Vec<(&[String; 10], &Person)> = generated
            .sources
            .iter()
            .flat_map(|s| s.records.iter().zip(&s.person).map(|(r, &p)| (r, &generated.persons[p as usize])))
            .collect();
        let share = |mask: u16, among: &dyn Fn(u16) -> bool| {
            let eligible: Vec<u16> = flags.iter().copied().filter(|f| among(*f)).collect();
            (eligible.iter().filter(|f| *f & mask != 0).count() as f64 / eligible.len() as f64, eligible.len())
        };
        let close = |name: &str, (observed, n): (f64, usize), rate: f64| {
            let tolerance = 4.0 * (rate * (1.0 - rate) / n as f64).sqrt() + 0.002;
            assert!((observed - rate).abs() < tolerance, "{name}: {observed:.4} observed on {n}, {rate} expected");
        };
        let all = |_: u16| true;
        close("typo", share(applied::TYPO, &all), errors.typo);
        close("swapped", share(applied::SWAPPED_NAMES, &all), errors.swapped_names);
        close("missing date", share(applied::MISSING_BIRTH_DATE, &all), errors.missing_birth_date);
        close("name change", share(applied::NAME_CHANGE, &all), errors.name_change);
        let dated = |f: u16| f & applied::MISSING_BIRTH_DATE == 0;
        close("wrong date", share(applied::WRONG_BIRTH_DATE, &dated), errors.wrong_birth_date);
        let variants = |f: u16| f & applied::HAS_VARIANTS != 0;
        close("transliteration", share(applied::TRANSLITERATION, &variants), errors.transliteration);
        let seconds = |f: u16| f & applied::HAS_SECOND != 0;
        close("dropped second name", share(applied::DROPPED_SECOND, &seconds), errors.dropped_second_name);
        let first = |f: u16| f & applied::DUPLICATE == 0;
        let duplicates = flags.iter().filter(|f| *f & applied::DUPLICATE != 0).count();
        let firsts = flags.iter().filter(|f| first(**f)).count();
        close("duplicate", (duplicates as f64 / firsts as f64, firsts), errors.duplicate_within_source);
        // A realistic share of persons carries a second given name (most Vietnamese a middle name).
        let with_second = generated.persons.iter().filter(|p| p.second != NO_SECOND).count() as f64 / 20_000.0;
        assert!((0.15..0.30).contains(&with_second), "{with_second:.3} of persons have a second given name");

        // What the flags say is what the records show.
        let neutral = applied::HAS_VARIANTS | applied::DUPLICATE | applied::HAS_SECOND | applied::DROPPED_SECOND;
        let mut native_script = 0;
        for ((record, person), &f) in records.iter().zip(&flags) {
            let names = &tables.names[person.origin as usize];
            let given = &names.given(person.female)[person.given as usize];
            assert_eq!(f & applied::HAS_SECOND != 0, person.second != NO_SECOND);
            let dropped = f & applied::DROPPED_SECOND != 0;
            let second = if dropped { None } else { names.second_name(person.female, person.second) };
            let (standard_given, all_given) = given_forms(names, given, second);
            let family = names.family(person.family as usize, person.female);
            assert_eq!(record[3].is_empty(), f & applied::MISSING_BIRTH_DATE != 0);
            if !record[3].is_empty() {
                assert_eq!(record[3] != iso_date(person.birth), f & applied::WRONG_BIRTH_DATE != 0, "{record:?}");
            }
            if f & !neutral == 0 {
                assert_eq!((&record[1][..], &record[2][..]), (&standard_given[..], &family.latin[0][..]));
            }
            if f & !(neutral | applied::TRANSLITERATION) == 0 {
                assert!(all_given.contains(&record[1]) && forms_of(family).contains(&&record[2][..]), "{record:?}");
                let standard = (&standard_given[..], &family.latin[0][..]);
                assert_eq!((&record[1][..], &record[2][..]) != standard, f & applied::TRANSLITERATION != 0);
                if record[1].chars().any(is_native_script) {
                    native_script += 1;
                }
            }
            if f & !(neutral | applied::TRANSLITERATION) == applied::SWAPPED_NAMES {
                assert!(forms_of(family).contains(&&record[1][..]) && all_given.contains(&record[2]));
            }
            if f & !(neutral | applied::TRANSLITERATION) == applied::NAME_CHANGE {
                assert!(!forms_of(family).contains(&&record[2][..]), "{record:?}");
            }
            if f & !neutral == applied::TYPO {
                let changed = record[1] != standard_given || record[2] != family.latin[0];
                assert!(changed, "{record:?}");
            }
        }
        assert!(native_script > 100, "{native_script} records write the given name in its native script");
    }

    #[test]
    fn every_pair_of_sources_overlaps() {
        let generated = generate_logged(&spec(9, 20_000, 6)).unwrap();
        let persons = &generated.persons;
        let n = persons.len() as f64;
        for (a, name_a) in SOURCES.iter().enumerate() {
            let in_a = persons.iter().filter(|p| p.captured & (1 << a) != 0).count() as f64 / n;
            assert!((0.08..0.6).contains(&in_a), "{name_a}: {in_a:.3} of persons");
            for (b, name_b) in SOURCES.iter().enumerate().skip(a + 1) {
                let both = persons.iter().filter(|p| p.captured & (1 << a) != 0 && p.captured & (1 << b) != 0).count();
                assert!(both >= 100, "{name_a} and {name_b}: {both} persons in both");
            }
        }
        // The records tell the same: each source's distinct persons overlap with every other's.
        let distinct: Vec<std::collections::BTreeSet<u32>> =
            generated.sources.iter().map(|s| s.person.iter().copied().collect()).collect();
        for (a, first) in distinct.iter().enumerate() {
            for second in &distinct[a + 1..] {
                assert!(first.intersection(second).count() >= 100);
            }
        }
    }

    #[test]
    fn typos_always_change_the_name() {
        let mut rng = stream(1, 2, 3);
        for name in ["Ivanova", "Иванова", "محمد", "Li", "Thị Lan", "Nn"] {
            for _ in 0..200 {
                let changed = typo(name, &mut rng);
                assert_ne!(changed, name);
                let (a, b) = (name.chars().count() as i64, changed.chars().count() as i64);
                assert!((a - b).abs() <= 1);
            }
        }
    }

    #[test]
    fn wrong_dates_are_valid_and_wrong() {
        let mut rng = stream(4, 5, 6);
        for date in ["2000-02-29", "1990-03-04", "1985-12-31", "2001-01-01", "1999-05-05"] {
            let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
            for _ in 0..50 {
                assert_ne!(wrong_date(date, &mut rng), date);
            }
        }
    }
}
