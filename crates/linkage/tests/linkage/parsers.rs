//! Every reader of outside input — schemas, key files, records — on mutated and arbitrary input: a clear
//! error naming the place, never a panic or a hang.

use proptest::prelude::*;
use rapporteur_linkage::records::encode_csv;
use rapporteur_linkage::schema::VICTIMS;
use rapporteur_linkage::{Encoder, KeyFile, Schema};

/// A mutation of a text: bytes replaced, removed, duplicated, or the text cut.
#[derive(Debug, Clone)]
enum Mutation {
    Replace(usize, u8),
    Remove(usize, usize),
    Duplicate(usize, usize),
    Cut(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Replace(i, b)),
        (any::<usize>(), 1usize..40).prop_map(|(i, n)| Mutation::Remove(i, n)),
        (any::<usize>(), 1usize..40).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
        any::<usize>().prop_map(Mutation::Cut),
    ]
}

fn apply(text: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let mut bytes = text.to_vec();
    for m in mutations {
        if bytes.is_empty() {
            break;
        }
        let len = bytes.len();
        match *m {
            Mutation::Replace(i, b) => bytes[i % len] = b,
            Mutation::Remove(i, n) => {
                let start = i % len;
                bytes.drain(start..(start + n).min(len));
            }
            Mutation::Duplicate(i, n) => {
                let start = i % len;
                let piece = bytes[start..(start + n).min(len)].to_vec();
                bytes.splice(start..start, piece);
            }
            Mutation::Cut(i) => bytes.truncate(i % len),
        }
    }
    bytes
}

const RECORDS: &str = "record_id,given_name,family_name,birth_date,birth_country,year,sex,age,exploit,citizen\n\
1,Ana,Popescu,1990-01-02,RO,2023,F,Y_GE18,SEX,EU27_2020_FOR\n\
2,Ирина,Шевченко,,UA,2022,F,UNK,LAB,NEU27_2020_FOR\n\
3,\"Jean-Luc, Jr\",O'Brien,1985-12-31,,2021,M,Y_GE18,LAB,NAT\n";

fn key_file() -> Vec<u8> {
    let encoder = Encoder::new(Schema::from_json(VICTIMS).unwrap(), b"secret").unwrap();
    let file = encode_csv(&encoder, RECORDS.as_bytes(), |_| {}).unwrap();
    let mut out = Vec::new();
    file.write(&mut out).unwrap();
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn mutated_schemas_parse_or_say_where(mutations in proptest::collection::vec(mutation(), 1..4)) {
        let text = apply(VICTIMS.as_bytes(), &mutations);
        if let Ok(text) = std::str::from_utf8(&text) {
            if let Err(e) = Schema::from_json(text) {
                prop_assert!(!e.place.is_empty() && !e.message.is_empty(), "{e:?}");
            }
        }
    }

    #[test]
    fn mutated_key_files_read_or_say_where(mutations in proptest::collection::vec(mutation(), 1..4)) {
        let bytes = apply(&key_file(), &mutations);
        if let Err(e) = KeyFile::read(bytes.as_slice()) {
            prop_assert!(!e.to_string().is_empty());
        }
    }

    #[test]
    fn arbitrary_bytes_are_no_key_file(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = KeyFile::read(bytes.as_slice());
    }

    #[test]
    fn mutated_records_encode_or_name_their_line(mutations in proptest::collection::vec(mutation(), 1..4)) {
        let encoder = Encoder::new(Schema::from_json(VICTIMS).unwrap(), b"secret").unwrap();
        let bytes = apply(RECORDS.as_bytes(), &mutations);
        match encode_csv(&encoder, bytes.as_slice(), |_| {}) {
            Ok(file) => prop_assert!(!file.keys.is_empty()),
            Err(e) => prop_assert!(e.line <= 5 && !e.message.is_empty(), "{e:?}"),
        }
    }
}

#[test]
fn record_errors_name_line_and_column() {
    let encoder = Encoder::new(Schema::from_json(VICTIMS).unwrap(), b"secret").unwrap();
    let bad = RECORDS.replace("1985-12-31", "31/12/1985");
    let err = encode_csv(&encoder, bad.as_bytes(), |_| {}).unwrap_err();
    assert_eq!((err.line, err.column.as_deref()), (4, Some("birth_date")), "{err}");
    assert_eq!(err.to_string(), "line 4, column 'birth_date': '31/12/1985' is not a date in the format '%Y-%m-%d'");
}
