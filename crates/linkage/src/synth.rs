//! Synthetic victims of trafficking in human beings, registered by several organisations, with the truth
//! known: the test bed for measuring how well linkage finds one person across sources, and how well multiple
//! systems estimation recovers the number of victims from the overlaps.
//!
//! **SYNTHETIC DATA.** Every person and every record made here is invented from built-in lists of common
//! names and made-up rates; no record of any real person is read, copied or reproduced, and any likeness to
//! a real person is chance. See [`SYNTHETIC`], which tools should print beside anything they write from it.
//!
//! # The population
//! [`SynthSpec::persons`] victims identified in one reporting Member State ([`REPORTING_COUNTRY`], Germany)
//! in 2019–2024. Each has an origin drawn from the main countries of citizenship of registered victims in
//! the EU (nationals, Romania, Bulgaria, Hungary, Greece, Nigeria, Ukraine, Moldova, Vietnam, China,
//! Albania, Morocco, Brazil, Syria, Pakistan; weights in `ORIGINS`), a form of exploitation drawn by origin
//! (Eurostat codes SEX, LAB, CRIM, BEG, MAR, OTH, UNK), a sex drawn given the form (mostly F for sexual
//! exploitation and forced marriage, mostly M for labour), a given and a family name typical of the origin
//! (a female family name where the language inflects it: Ivanova, Papadopoulou), an identification date and
//! an age at identification of 14 to 50 years (18% children), hence a birth date. The citizenship group
//! (NAT, EU27_2020_FOR, NEU27_2020_FOR) follows from the origin relative to the reporting country; the
//! age group (Y_LT18, Y_GE18) from the birth and identification dates.
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
//! With 3 sources the records of police, NGO shelters and labour inspection are those of the same seed
//! with 6 sources. A million persons take a few seconds on a few cores; records take about 0.55 KB each in
//! memory (ten `String`s: 1,000,000 persons and 6 sources, 1.85 million records, take about 1 GB).

use std::io::Write;

use chrono::{Datelike as _, Days, Months, NaiveDate};
use rayon::prelude::*;

/// The note that goes with anything made by this module.
pub const SYNTHETIC: &str = "SYNTHETIC DATA: every person and record was invented by rapporteur_linkage::synth \
                             from built-in name lists and made-up rates; any likeness to a real person is chance.";

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
/// Names: entries separated by commas; an entry is `native=Standard/Alternative/…` (the native script
/// only for Cyrillic, Greek and Arabic names), the first Latin form being the one most sources write; a
/// family entry may give a female form after `~`.
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
                 Jacqueline, Franziska, Stefanie/Stephanie",
        male: "Lukas/Lucas, Jonas, Leon, Tim, Kevin, Dennis, Marcel, Florian, Tobias, Sebastian, Daniel, Jan, \
               Niklas/Niclas, Patrick, Sven, Markus/Marcus, Stefan/Stephan, Christian, Alexander, Maximilian",
        family: "Müller/Mueller/Muller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Schulz, \
                 Hoffmann, Schäfer/Schaefer/Schafer, Koch, Bauer, Richter, Klein, Wolf, Schröder/Schroeder, \
                 Neumann, Schwarz, Zimmermann, Braun, Krüger/Krueger/Kruger, Hofmann, Hartmann, Lange, Schmitt, \
                 Werner, Krause, Meier, Lehmann",
        feminine: None,
    },
    Origin {
        country: "RO",
        per_mille: 100,
        citizen: EU,
        exploit: [50, 30, 8, 6, 2, 2, 2],
        female: "Maria, Elena, Ioana, Andreea, Alexandra, Mihaela, Ana, Cristina, Daniela, Gabriela, Florentina, \
                 Nicoleta, Alina, Roxana, Georgiana, Denisa, Bianca, Larisa, Ramona, Simona, Loredana, \
                 Ștefania/Stefania, Mădălina/Madalina, Violeta",
        male: "Ion, Andrei, Alexandru, Mihai, Constantin, Gheorghe, Florin, Marian, Ionuț/Ionut, Ștefan/Stefan, \
               Daniel, Adrian, Cristian, Vasile, Nicolae, Cătălin/Catalin, Bogdan, Costel, Dumitru, Petru",
        family: "Popescu, Popa, Pop, Radu, Dumitru, Stan, Stoica, Gheorghe, Matei, Ciobanu, Ionescu, Rusu, Mihai, \
                 Constantin, Munteanu, Lungu, Marin, Tudor, Dinu, Moldovan, Enache, Lazăr/Lazar, Florea, Dobre, \
                 Barbu, Nistor, Căldăraru/Caldararu, Stănescu/Stanescu, Niculescu, Mocanu",
        feminine: None,
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
                 Галина=Galina, Михаела=Mihaela/Michaela, Ралица=Ralitsa/Ralica/Ralitza",
        male: "Георги=Georgi/Gueorgui, Иван=Ivan/Iwan, Димитър=Dimitar/Dimitr, Николай=Nikolay/Nikolai, \
               Петър=Petar/Peter, Христо=Hristo/Christo/Khristo, Тодор=Todor, Стоян=Stoyan/Stojan/Stoian, \
               Атанас=Atanas/Athanas, Васил=Vasil/Wassil, Асен=Asen/Assen, Йордан=Yordan/Jordan/Iordan, \
               Стефан=Stefan/Stephan, Кирил=Kiril/Kirill, Ангел=Angel, Емил=Emil, \
               Любомир=Lyubomir/Ljubomir/Liubomir, Младен=Mladen, Красимир=Krasimir, Борис=Boris",
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
    },
    Origin {
        country: "HU",
        per_mille: 40,
        citizen: EU,
        exploit: [60, 25, 5, 4, 2, 2, 2],
        female: "Erzsébet/Erzsebet, Katalin, Ilona, Éva/Eva, Anikó/Aniko, Zsuzsanna/Zsuzsana, Mária/Maria, \
                 Krisztina, Andrea, Tímea/Timea, Nikolett, Szilvia, Mónika/Monika, Renáta/Renata, Brigitta, Edina, \
                 Dóra/Dora, Vivien, Boglárka/Boglarka, Réka/Reka",
        male: "László/Laszlo, István/Istvan, József/Jozsef, János/Janos, Zoltán/Zoltan, Sándor/Sandor, Gábor/Gabor, \
               Ferenc, Attila, Péter/Peter, Tamás/Tamas, Zsolt, Tibor, András/Andras, Csaba, Imre, Lajos, Gyula, \
               Balázs/Balazs, Norbert",
        family: "Nagy, Kovács/Kovacs, Tóth/Toth, Szabó/Szabo, Horváth/Horvath, Varga, Kiss, Molnár/Molnar, \
                 Németh/Nemeth, Farkas, Balogh/Balog, Papp, Takács/Takacs, Juhász/Juhasz, Lakatos, \
                 Mészáros/Meszaros, Oláh/Olah, Simon, Rácz/Racz, Fekete, Szilágyi/Szilagyi, Török/Torok, \
                 Fehér/Feher, Gál/Gal, Kis, Szűcs/Szucs, Kocsis, Orsós/Orsos, Pintér/Pinter, Sárközi/Sarkozi",
        feminine: None,
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
                 Χρυσούλα=Chrysoula/Hrisoula/Chrisoula",
        male: "Γεώργιος=Georgios/Yeoryios, Ιωάννης=Ioannis/Joannis, Κωνσταντίνος=Konstantinos/Constantinos, \
               Δημήτριος=Dimitrios/Demetrios, Νικόλαος=Nikolaos/Nicolaos, Παναγιώτης=Panagiotis/Panayiotis, \
               Βασίλειος=Vasileios/Vasilios/Vassilios, Χρήστος=Christos/Hristos, Αθανάσιος=Athanasios/Athanassios, \
               Μιχαήλ=Michail/Mihail/Michael, Ευάγγελος=Evangelos/Evaggelos, Σπυρίδων=Spyridon/Spiridon, \
               Αντώνιος=Antonios/Andonios, Άγγελος=Angelos/Aggelos, Θεόδωρος=Theodoros/Teodoros, \
               Ηλίας=Ilias/Elias, Αναστάσιος=Anastasios, Εμμανουήλ=Emmanouil/Emmanuel, Σωτήριος=Sotirios, \
               Στέφανος=Stefanos/Stephanos",
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
    },
    Origin {
        country: "NG",
        per_mille: 90,
        citizen: NON_EU,
        exploit: [80, 8, 4, 2, 1, 3, 2],
        female: "Blessing, Joy, Precious, Favour/Favor, Gift, Mercy, Peace, Faith, Esther, Grace, Happiness, \
                 Osasere/Osaser, Ivie, Esohe, Aisosa/Aisossa, Itohan, Omosede, Adesuwa, Ngozi, Chioma, Adaeze, \
                 Funmilayo, Eghosa, Princess",
        male: "Osagie, Osaro, Efosa/Efoza, Osas, Uyi, Emeka, Chinedu, Chukwuemeka/Chukwu Emeka, Ikenna, Tunde, \
               Segun, Samuel, Godwin, Friday, Sunday, Emmanuel, Kingsley, Festus, Lucky, Osaretin",
        family: "Osagie, Igbinedion, Omoregie/Omoreige, Obaseki, Osaghae, Aigbe, Ehigiator, Idahosa, Okoro, \
                 Okafor, Eze, Okonkwo, Nwosu, Obi, Adeyemi, Ogunleye, Bello, Abubakar/Abubakr, Ibrahim, Musa, \
                 Uwaifo, Edokpolo, Iyamu, Aimufua, Ogbebor, Ekhator/Ekhatör, Erhabor, Nosakhare, Okpara, Akpan",
        feminine: None,
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
                 Софія=Sofiia/Sofia/Sofiya, Яна=Yana/Jana/Iana",
        male: "Олександр=Oleksandr/Olexandr/Aleksandr/Alexander, Андрій=Andrii/Andriy/Andrij/Andrey, \
               Сергій=Serhii/Serhiy/Sergii/Sergej/Sergey, Володимир=Volodymyr/Wolodymyr/Vladimir, \
               Дмитро=Dmytro/Dmitro/Dmitri, Микола=Mykola/Mikola/Nikolai, Іван=Ivan/Iwan, \
               Юрій=Yurii/Yuriy/Jurij/Yuri, Василь=Vasyl/Wasyl/Vasil, Віктор=Viktor/Victor/Wiktor, \
               Олег=Oleh/Oleg, Максим=Maksym/Maxim/Maksim, Богдан=Bohdan/Bogdan, Тарас=Taras, Ігор=Ihor/Igor, \
               Петро=Petro, Роман=Roman, Денис=Denys/Denis, Артем=Artem/Artyom/Artjom, \
               Віталій=Vitalii/Vitaliy/Witalij/Vitaly",
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
    },
    Origin {
        country: "MD",
        per_mille: 30,
        citizen: NON_EU,
        exploit: [35, 50, 6, 3, 1, 3, 2],
        female: "Ana, Maria, Natalia, Tatiana/Tatjana, Olga, Elena, Irina, Svetlana, Cristina, Victoria, Diana, \
                 Doina, Mariana, Ludmila, Aliona/Alena, Corina, Valentina, Galina, Nadejda/Nadezhda, Veronica",
        male: "Ion, Vasile, Sergiu, Andrei, Nicolae, Alexandru, Vladimir, Igor, Victor, Dumitru, Oleg, Gheorghe, \
               Mihail, Valeriu, Vitalie, Dorin, Ghenadie, Petru, Iurie/Yuri, Vadim",
        family: "Rusu, Ceban/Cheban, Ciobanu, Cebotari/Chebotari, Lungu, Țurcanu/Turcanu, Munteanu, Cojocaru, \
                 Rotari, Sârbu/Sirbu/Sarbu, Bivol, Guțu/Gutu, Moraru, Cazacu, Popa, Balan, Rotaru, Melnic, \
                 Plămădeală/Plamadeala, Botnari, Prodan, Grosu, Cazac, Bejenari, Railean",
        feminine: None,
    },
    Origin {
        country: "VN",
        per_mille: 45,
        citizen: NON_EU,
        exploit: [20, 50, 25, 0, 1, 2, 2],
        female: "Thi Lan/Thị Lan, Thi Huong/Thị Hương, Thi Hoa/Thị Hoa, Thi Mai/Thị Mai, Thi Thu/Thị Thu, \
                 Thi Hang/Thị Hằng, Thi Linh/Thị Linh, Thi Nga/Thị Nga, Thi Ha/Thị Hà, Thi Trang/Thị Trang, \
                 Thi Thao/Thị Thảo, Thi Phuong/Thị Phương, Thi Hanh/Thị Hạnh, Thi Ngoc/Thị Ngọc, Thi Yen/Thị Yến, \
                 Thi Dung/Thị Dung, Thi Nhung/Thị Nhung, Thi Tuyet/Thị Tuyết, Thi Anh/Thị Ánh, Thi Oanh/Thị Oanh",
        male: "Van Nam/Văn Nam, Van Hung/Văn Hùng, Van Tuan/Văn Tuấn, Van Long/Văn Long, Van Duc/Văn Đức, \
               Van Thanh/Văn Thành, Van Minh/Văn Minh, Van Hai/Văn Hải, Van Dung/Văn Dũng, Van Son/Văn Sơn, \
               Duc Anh/Đức Anh, Minh Tuan/Minh Tuấn, Quang Huy, Thanh Tung/Thanh Tùng, Van Quan/Văn Quân, \
               Hoang Long/Hoàng Long, Van Khanh/Văn Khánh, Tien Dat/Tiến Đạt, Van Phuc/Văn Phúc, \
               Xuan Truong/Xuân Trường",
        family: "Nguyen/Nguyễn, Tran/Trần, Le/Lê, Pham/Phạm, Hoang/Hoàng, Huynh/Huỳnh, Phan, Vu/Vũ, Vo/Võ, \
                 Dang/Đặng, Bui/Bùi, Do/Đỗ, Ho/Hồ, Ngo/Ngô, Duong/Dương, Ly/Lý, Dinh/Đinh, Truong/Trương, \
                 Luong/Lương, Mai, Trinh/Trịnh, Doan/Đoàn, Cao, Lam/Lâm, Ha/Hà",
        feminine: None,
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
    },
    Origin {
        country: "AL",
        per_mille: 30,
        citizen: NON_EU,
        exploit: [45, 30, 15, 2, 3, 3, 2],
        female: "Elira, Arjola, Anxhela/Angela, Erjona, Klodiana/Klaudiana, Enkeleda, Mirela, Blerina, Dorina, \
                 Jonida, Alketa, Ermira, Fatjona, Xhensila/Jensila, Brunilda, Elona, Valbona, Rovena, Marsela, \
                 Lindita",
        male: "Arben, Erion, Ilir, Besnik, Gentian, Kledi, Fatmir, Artan, Dritan, Agron, Albert, Ardit, Endrit, \
               Klajdi/Klaidi, Mario, Erald, Altin, Bledar, Genti, Sokol",
        family: "Hoxha/Hodja/Hodza, Shehu/Sehu, Dervishi/Dervisi, Gjoka, Leka, Kola, Marku, Hysa, Çela/Cela, \
                 Muça/Muca, Meta, Basha/Bascha, Prifti, Shkodra, Koçi/Koci, Bregu, Llaka, Dushku, Tafa, Gashi, \
                 Berisha, Krasniqi/Krasnici, Rama, Duka, Zeneli",
        feminine: None,
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
                 إلهام=Ilham/Elham",
        male: "محمد=Mohamed/Mohammed/Muhammad/Mohammad, يوسف=Youssef/Yusuf/Youssouf, أحمد=Ahmed/Ahmad, \
               حمزة=Hamza/Hamsa, مهدي=Mehdi/Mahdi, عبد القادر=Abdelkader/Abdulqadir/Abd al-Qadir, \
               رشيد=Rachid/Rashid/Raschid, كريم=Karim/Kareem, سعيد=Said/Saïd/Saeed, مصطفى=Mustapha/Mustafa/Mostafa, \
               حسن=Hassan/Hasan, عمر=Omar/Umar, خالد=Khalid/Khaled/Halid, إدريس=Driss/Idris/Idriss, \
               أنس=Anas/Anass, أيوب=Ayoub/Ayub/Eyup, بلال=Bilal/Belal, عبد الله=Abdellah/Abdallah/Abdullah, \
               هشام=Hicham/Hisham/Hischam, سفيان=Soufiane/Sufyan/Sofiane",
        family: "العمراني=El Amrani/Al-Amrani/Elamrani, بنعلي=Benali/Ben Ali, العلوي=Alaoui/El Alaoui/Al-Alawi, \
                 الإدريسي=Idrissi/El Idrissi/Al-Idrisi, بناني=Bennani/Benani, التازي=Tazi/Ettazi/At-Tazi, \
                 برادة=Berrada/Barrada, الفاسي=El Fassi/Al-Fasi/Elfassi, الشرايبي=Chraibi/Chraïbi/Ech-Chraibi, \
                 بنجلون=Benjelloun/Ben Jelloun/Bin Jallun, الوزاني=Ouazzani/El Ouazzani/Al-Wazzani, \
                 بوزيد=Bouzid/Buzid, بنكيران=Benkirane/Ben Kiran, السعيدي=Saidi/Essaidi/Al-Saidi, \
                 المنصوري=Mansouri/El Mansouri/Al-Mansuri, بلحاج=Belhaj/Belhadj/Bel Hadj, \
                 الناصري=Naciri/Nasiri/En-Naciri, الحمداوي=Hamdaoui/Hamdawi, القباج=Kabbaj/Qabbaj, \
                 لحلو=Lahlou/Lahlu, الطاهري=Tahiri/Taheri/Et-Tahiri, الزياني=Ziani/Zayani",
        feminine: None,
    },
    Origin {
        country: "BR",
        per_mille: 30,
        citizen: NON_EU,
        exploit: [55, 35, 3, 0, 1, 4, 2],
        female: "Ana, Maria, Juliana, Fernanda, Camila, Amanda, Bruna, Jéssica/Jessica, Letícia/Leticia, Larissa, \
                 Gabriela, Patrícia/Patricia, Aline, Vanessa, Thaís/Thais, Débora/Debora, Daniela, Raquel, Luana, \
                 Priscila/Priscilla",
        male: "João/Joao, José/Jose, Lucas, Gabriel, Rafael, Felipe/Filipe, Bruno, Thiago/Tiago, Matheus/Mateus, \
               Pedro, Gustavo, Rodrigo, Carlos, Marcos, Leonardo, Diego, Vinícius/Vinicius, Eduardo, André/Andre, \
               Fábio/Fabio",
        family: "Silva/da Silva, Santos/dos Santos, Oliveira/de Oliveira, Souza/Sousa, Rodrigues, Ferreira, Alves, \
                 Pereira, Lima, Gomes, Costa, Ribeiro, Martins, Carvalho, Almeida, Lopes, Soares, Fernandes, Vieira, \
                 Barbosa, Rocha, Dias, Nascimento, Andrade, Moreira, Nunes, Marques, Machado, Mendes, Freitas",
        feminine: None,
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
                 سلمى=Salma/Selma, ريم=Reem/Rim, ولاء=Walaa/Wala",
        male: "محمد=Mohammed/Muhammad/Mohamed/Mohammad/Mohamad, أحمد=Ahmed/Ahmad/Achmed, علي=Ali, عمر=Omar/Umar, \
               خالد=Khaled/Khalid/Chaled, يوسف=Youssef/Yusuf/Yousef/Jussuf, حسن=Hassan/Hasan, \
               حسين=Hussein/Hussain/Husein, محمود=Mahmoud/Mahmud/Mahmood, إبراهيم=Ibrahim/Ebrahim, \
               عبد الله=Abdullah/Abdallah/Abdulla, مصطفى=Mustafa/Mostafa/Moustafa, سامر=Samer/Sameer, عمار=Ammar, \
               بشار=Bashar/Baschar, فادي=Fadi/Fady, طارق=Tarek/Tariq/Tarik, وائل=Wael/Wail, زياد=Ziad/Ziyad/Siad, \
               عادل=Adel/Adil",
        family: "الأحمد=Al-Ahmad/Alahmad/Al Ahmed, الحسن=Al-Hassan/Alhasan/Al Hasan, الخطيب=Al-Khatib/Alkhatib/El Khatib, \
                 الحلبي=Al-Halabi/Alhalabi/Halabi, المصري=Al-Masri/Almasri/El Masry, الشامي=Al-Shami/Alshami/Ash-Shami, \
                 العلي=Al-Ali/Alali, الحمصي=Al-Homsi/Alhomsi/Homsi, حداد=Haddad/Hadad, خوري=Khoury/Khouri/Khuri, \
                 سليمان=Suleiman/Sulaiman/Soliman, عثمان=Othman/Osman/Uthman, حمدان=Hamdan, \
                 النجار=Al-Najjar/Alnajjar/Najjar, العمر=Al-Omar/Alomar/Al Umar, الزعبي=Al-Zoubi/Alzoubi/Al-Zubi, \
                 الرفاعي=Al-Rifai/Alrifai/Rifai, قاسم=Kassem/Qasim/Kasim, درويش=Darwish/Derwisch/Darwich, \
                 حمود=Hammoud/Hamoud/Hamud, الكردي=Al-Kurdi/Alkurdi/Kurdi, عيسى=Issa/Isa/Eissa, \
                 الدباغ=Al-Dabbagh/Aldabbagh/Dabbagh, مراد=Murad/Mourad/Morad, الحمد=Al-Hamad/Alhamad/Al Hamed",
        feminine: None,
    },
    Origin {
        country: "PK",
        per_mille: 60,
        citizen: NON_EU,
        exploit: [5, 80, 5, 3, 3, 2, 2],
        female: "Ayesha/Aisha/Ayesa, Fatima/Fatimah, Sana, Saima/Sayma, Nazia, Rabia/Rabiya, Mehwish/Mehvish, \
                 Sadia/Saadia, Hina, Bushra, Amna/Aamna, Zainab/Zaynab, Kiran, Iqra/Ikra, Shazia, Nadia, \
                 Rukhsana/Rukhsanah, Parveen/Perveen/Parvin, Samina/Sameena, Uzma/Ozma",
        male: "Muhammad/Mohammad/Mohammed/Muhammed, Ali, Ahmed/Ahmad, Imran, Bilal, Usman/Osman/Othman, \
               Asif/Aasif, Tariq/Tarik/Tarek, Kashif/Kashef, Hamza, Zubair/Zubayr/Zobair, Faisal/Faysal/Feisal, \
               Shahid/Shahed, Waqas/Waqqas, Adnan, Naveed/Navid/Nawid, Irfan, Arshad, Sajid/Sajed, \
               Abdul Rehman/Abdul Rahman/Abdurrahman",
        family: "Khan, Ahmed/Ahmad, Ali, Hussain/Hussein/Husain, Shah, Malik, Iqbal/Ikbal, Butt, \
                 Qureshi/Kureshi/Quraishi, Chaudhry/Chaudhary/Choudhury/Chaudhri, Raza, Akhtar/Akhter, Aslam, \
                 Javed/Javaid/Jawed, Mahmood/Mahmud/Mehmood, Rana, Siddiqui/Siddiqi, Abbasi/Abasi, Bhatti/Bhati, \
                 Mirza, Awan, Riaz/Riyaz, Anwar/Anvar, Rashid/Rasheed, Sheikh/Shaikh/Scheich",
        feminine: None,
    },
];

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

struct Names {
    female: Vec<Name>,
    male: Vec<Name>,
    family: Vec<Family>,
}

impl Names {
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
}

fn parse_name(entry: &str) -> Name {
    let (native, latin) = match entry.split_once('=') {
        Some((native, latin)) => (Some(native.trim().to_owned()), latin),
        None => (None, entry),
    };
    Name { native, latin: latin.split('/').map(|form| form.trim().to_owned()).collect() }
}

fn parse_names(list: &str) -> Vec<Name> {
    list.split(',').map(parse_name).collect()
}

fn parse_families(list: &str, feminine: Option<(&str, &str)>) -> Vec<Family> {
    list.split(',')
        .map(|entry| match entry.split_once('~') {
            Some((male, female)) => Family { male: parse_name(male), female: parse_name(female) },
            None => {
                let male = parse_name(entry);
                let female = match feminine {
                    Some((native, latin)) => Name {
                        native: male.native.as_ref().map(|n| format!("{n}{native}")),
                        latin: male.latin.iter().map(|l| format!("{l}{latin}")).collect(),
                    },
                    None => male.clone(),
                };
                Family { male, female }
            }
        })
        .collect()
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
            names: ORIGINS
                .iter()
                .map(|o| Names {
                    female: parse_names(o.female),
                    male: parse_names(o.male),
                    family: parse_families(o.family, o.feminine),
                })
                .collect(),
            origin_weights: ORIGINS.iter().map(|o| o.per_mille).collect(),
            age_weights: age_weights(),
        }
    }
}

/// A victim, as the truth knows them.
#[derive(Debug, Clone, Copy)]
struct Person {
    origin: u8,
    exploit: u8,
    female: bool,
    given: u16,
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
    let given = rng.below(names.given(female).len());
    let family = rng.below(names.family.len());
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
        given: given as u16,
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
    pub const TYPO: u8 = 1;
    pub const TRANSLITERATION: u8 = 2;
    pub const SWAPPED_NAMES: u8 = 4;
    pub const MISSING_BIRTH_DATE: u8 = 8;
    pub const WRONG_BIRTH_DATE: u8 = 16;
    pub const NAME_CHANGE: u8 = 32;
    /// The second record of a person in a source.
    pub const DUPLICATE: u8 = 64;
    /// The person's names (after any change) have other spellings, so transliteration could apply.
    pub const HAS_VARIANTS: u8 = 128;
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
) -> ([String; 10], u8) {
    let origin = &ORIGINS[person.origin as usize];
    let names = &tables.names[person.origin as usize];
    let mut flags = 0;
    let given = &names.given(person.female)[person.given as usize];
    let mut family_index = person.family as usize;
    if rng.chance(errors.name_change) {
        family_index = (family_index + 1 + rng.below(names.family.len() - 1)) % names.family.len();
        flags |= applied::NAME_CHANGE;
    }
    let family = names.family(family_index, person.female);
    let mut writing = Writing::Standard;
    if given.has_variants() || family.has_variants() {
        flags |= applied::HAS_VARIANTS;
        if rng.chance(errors.transliteration) {
            flags |= applied::TRANSLITERATION;
            let native = given.native.is_some() || family.native.is_some();
            let other = given.latin.len() > 1 || family.latin.len() > 1;
            writing =
                if native && (!other || rng.chance(NATIVE_SHARE[source])) { Writing::Native } else { Writing::Other };
        }
    }
    let mut given_name = written(given, &writing, rng).to_owned();
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
    applied: Vec<Vec<u8>>,
}

fn generate_logged(spec: &SynthSpec) -> Result<Generated, SynthError> {
    if !(3..=SOURCES.len()).contains(&spec.sources) {
        return Err(SynthError::Sources(spec.sources));
    }
    if spec.persons == 0 || spec.persons > MAX_PERSONS {
        return Err(SynthError::Persons(spec.persons));
    }
    spec.errors.check()?;
    let tables = Tables::new();
    let persons: Vec<Person> =
        (0..spec.persons).into_par_iter().map(|i| make_person(&tables, spec.seed, i, spec.sources)).collect();
    let mut sources = Vec::with_capacity(spec.sources);
    let mut applied = Vec::with_capacity(spec.sources);
    for (source, name) in SOURCES.iter().enumerate().take(spec.sources) {
        let (mut records, truth): (Vec<[String; 10]>, Vec<(u32, u8)>) = persons
            .par_iter()
            .enumerate()
            .filter(|(_, person)| person.captured & (1 << source) != 0)
            .flat_map_iter(|(index, person)| {
                let tag = TAG_RECORD + 2 * source as u64;
                let mut rng = stream(spec.seed, tag, index as u64);
                let (record, flags) = make_record(&tables, &spec.errors, person, source, &mut rng);
                let mut out = vec![(record, (index as u32, flags))];
                if rng.chance(spec.errors.duplicate_within_source) {
                    let mut rng = stream(spec.seed, tag + 1, index as u64);
                    let (record, flags) = make_record(&tables, &spec.errors, person, source, &mut rng);
                    out.push((record, (index as u32, flags | applied::DUPLICATE)));
                }
                out
            })
            .unzip();
        let (mut person, mut flags): (Vec<u32>, Vec<u8>) = truth.into_iter().unzip();
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
        assert_eq!(hash, 15_567_931_530_926_121_846, "FNV-1a of the CSV of seed 2024, 500 persons, 6 sources");
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

    #[test]
    fn name_lists_are_well_formed() {
        let tables = Tables::new();
        for (origin, names) in ORIGINS.iter().zip(&tables.names) {
            assert!(
                names.female.len() >= 20 && names.male.len() >= 20 && names.family.len() >= 20,
                "{}",
                origin.country
            );
            let all =
                names.female.iter().chain(&names.male).chain(names.family.iter().flat_map(|f| [&f.male, &f.female]));
            for name in all {
                let forms: Vec<&str> = name.forms().collect();
                for (i, form) in forms.iter().enumerate() {
                    assert!(!form.is_empty() && form.trim() == *form, "{}: '{form}'", origin.country);
                    assert!(!forms[..i].contains(form), "{}: '{form}' twice", origin.country);
                }
                if let Some(native) = &name.native {
                    assert!(!native.is_ascii(), "{}: '{native}' is not in a native script", origin.country);
                }
            }
        }
        assert_eq!(tables.names[2].family[0].female.latin[0], "Ivanova");
        assert_eq!(tables.names[2].family[0].female.native.as_deref(), Some("Иванова"));
        assert_eq!(ORIGINS.iter().map(|o| o.per_mille).sum::<u32>(), 1000);
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

    #[test]
    fn error_rates_are_respected() {
        let errors = ErrorRates::default();
        let generated = generate_logged(&SynthSpec { seed: 5, persons: 20_000, sources: 6, errors }).unwrap();
        let tables = Tables::new();
        let flags: Vec<u8> = generated.applied.iter().flatten().copied().collect();
        let records: Vec<(&[String; 10], &Person)> = generated
            .sources
            .iter()
            .flat_map(|s| s.records.iter().zip(&s.person).map(|(r, &p)| (r, &generated.persons[p as usize])))
            .collect();
        let share = |mask: u8, among: &dyn Fn(u8) -> bool| {
            let eligible: Vec<u8> = flags.iter().copied().filter(|f| among(*f)).collect();
            (eligible.iter().filter(|f| *f & mask != 0).count() as f64 / eligible.len() as f64, eligible.len())
        };
        let close = |name: &str, (observed, n): (f64, usize), rate: f64| {
            let tolerance = 4.0 * (rate * (1.0 - rate) / n as f64).sqrt() + 0.002;
            assert!((observed - rate).abs() < tolerance, "{name}: {observed:.4} observed on {n}, {rate} expected");
        };
        let all = |_: u8| true;
        close("typo", share(applied::TYPO, &all), errors.typo);
        close("swapped", share(applied::SWAPPED_NAMES, &all), errors.swapped_names);
        close("missing date", share(applied::MISSING_BIRTH_DATE, &all), errors.missing_birth_date);
        close("name change", share(applied::NAME_CHANGE, &all), errors.name_change);
        let dated = |f: u8| f & applied::MISSING_BIRTH_DATE == 0;
        close("wrong date", share(applied::WRONG_BIRTH_DATE, &dated), errors.wrong_birth_date);
        let variants = |f: u8| f & applied::HAS_VARIANTS != 0;
        close("transliteration", share(applied::TRANSLITERATION, &variants), errors.transliteration);
        let first = |f: u8| f & applied::DUPLICATE == 0;
        let duplicates = flags.iter().filter(|f| *f & applied::DUPLICATE != 0).count();
        let firsts = flags.iter().filter(|f| first(**f)).count();
        close("duplicate", (duplicates as f64 / firsts as f64, firsts), errors.duplicate_within_source);

        // What the flags say is what the records show.
        let mut native_script = 0;
        for ((record, person), &f) in records.iter().zip(&flags) {
            let names = &tables.names[person.origin as usize];
            let given = &names.given(person.female)[person.given as usize];
            let family = names.family(person.family as usize, person.female);
            assert_eq!(record[3].is_empty(), f & applied::MISSING_BIRTH_DATE != 0);
            if !record[3].is_empty() {
                assert_eq!(record[3] != iso_date(person.birth), f & applied::WRONG_BIRTH_DATE != 0, "{record:?}");
            }
            let clean = f & !(applied::HAS_VARIANTS | applied::DUPLICATE) == 0;
            if clean {
                assert_eq!((&record[1][..], &record[2][..]), (&given.latin[0][..], &family.latin[0][..]));
            }
            if f & !(applied::HAS_VARIANTS | applied::DUPLICATE | applied::TRANSLITERATION) == 0 {
                assert!(forms_of(given).contains(&&record[1][..]) && forms_of(family).contains(&&record[2][..]));
                let standard = (&given.latin[0][..], &family.latin[0][..]);
                assert_eq!((&record[1][..], &record[2][..]) != standard, f & applied::TRANSLITERATION != 0);
                if given.native.as_deref() == Some(&record[1][..]) {
                    native_script += 1;
                }
            }
            if f & !(applied::HAS_VARIANTS | applied::DUPLICATE | applied::TRANSLITERATION) == applied::SWAPPED_NAMES {
                assert!(forms_of(family).contains(&&record[1][..]) && forms_of(given).contains(&&record[2][..]));
            }
            if f & !(applied::HAS_VARIANTS | applied::DUPLICATE | applied::TRANSLITERATION) == applied::NAME_CHANGE {
                assert!(!forms_of(family).contains(&&record[2][..]), "{record:?}");
            }
            if f & !(applied::HAS_VARIANTS | applied::DUPLICATE) == applied::TYPO {
                let changed = record[1] != given.latin[0] || record[2] != family.latin[0];
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

    /// `cargo test -p rapporteur-linkage --lib synth::tests::a_million -- --ignored --nocapture`
    #[test]
    #[ignore = "a timing, not a check: run by hand"]
    fn a_million_persons() {
        let start = std::time::Instant::now();
        let sources = generate(&spec(1, 1_000_000, 6)).unwrap();
        let records: usize = sources.iter().map(|s| s.records.len()).sum();
        println!("1,000,000 persons, {records} records in {:.2?}", start.elapsed());
    }
}
