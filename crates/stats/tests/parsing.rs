//! The reader of outside files, fed mutated files: it answers with problems placed inside the file, never
//! panics, never hangs.

use proptest::prelude::*;
use rapporteur_stats::{read_csv, validate_parsed, ReadOptions, ValidationOptions};

const VALID: &str =
    "DATAFLOW,LAST UPDATE,freq,sex,age,citizen,exploit,status,reg_org,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG,CONF_STATUS\n\
RAPPORTEUR:THB_VICT(1.0),01/02/24 10:00:00,A,F,TOTAL,TOTAL,TOTAL,TOTAL,TOTAL,AT,2022,12,p,\n\
RAPPORTEUR:THB_VICT(1.0),01/02/24 10:00:00,A,M,TOTAL,TOTAL,TOTAL,TOTAL,TOTAL,AT,2022,30,,\n\
RAPPORTEUR:THB_VICT(1.0),01/02/24 10:00:00,A,UNK,TOTAL,TOTAL,TOTAL,TOTAL,TOTAL,AT,2022,0,,\n\
RAPPORTEUR:THB_VICT(1.0),01/02/24 10:00:00,A,T,TOTAL,TOTAL,TOTAL,TOTAL,TOTAL,AT,2022,42,,\n\
RAPPORTEUR:THB_VICT(1.0),01/02/24 10:00:00,A,T,Y_LT18,TOTAL,SEX,IDENT,NGO,AT,2022,3,,C\n\
RAPPORTEUR:THB_VICT(1.0),01/02/24 10:00:00,A,T,TOTAL,TOTAL,TOTAL,TOTAL,TOTAL,EL,2021,:,,\n";

#[derive(Debug, Clone)]
enum Mutation {
    Replace(usize, u8),
    Insert(usize, u8),
    Delete(usize),
    Duplicate(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let byte = prop_oneof![
        Just(b','),
        Just(b'"'),
        Just(b'\n'),
        Just(b'\r'),
        Just(b':'),
        Just(b'-'),
        Just(b'9'),
        Just(0xff),
        Just(0xc3),
        any::<u8>()
    ];
    prop_oneof![
        (any::<usize>(), byte.clone()).prop_map(|(i, b)| Mutation::Replace(i, b)),
        (any::<usize>(), byte).prop_map(|(i, b)| Mutation::Insert(i, b)),
        any::<usize>().prop_map(Mutation::Delete),
        (any::<usize>(), 1usize..40).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
    ]
}

fn apply(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = bytes.len().max(1);
        match *m {
            Mutation::Replace(i, b) if !bytes.is_empty() => bytes[i % len] = b,
            Mutation::Insert(i, b) => bytes.insert(i % (bytes.len() + 1), b),
            Mutation::Delete(i) if !bytes.is_empty() => {
                bytes.remove(i % len);
            }
            Mutation::Duplicate(i, n) if !bytes.is_empty() => {
                let start = i % len;
                let end = (start + n).min(bytes.len());
                let copy = bytes[start..end].to_vec();
                bytes.splice(end..end, copy);
            }
            _ => {}
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn mutated_files_get_placed_problems_never_a_panic(mutations in prop::collection::vec(mutation(), 1..8)) {
        let bytes = apply(VALID.as_bytes().to_vec(), &mutations);
        let lines = bytes.iter().filter(|b| **b == b'\n').count() as u64 + 2;
        let parsed = read_csv(bytes.as_slice(), &ReadOptions::default());
        let problems = validate_parsed(&parsed, &ValidationOptions::default());
        for problem in &problems {
            prop_assert!(!problem.message.is_empty());
            if let Some(line) = problem.place.line {
                prop_assert!((1..=lines).contains(&line), "line {} outside the file: {}", line, problem);
            }
            if let Some(column) = problem.place.column {
                prop_assert!((1..=64).contains(&column), "column {} for {}", column, problem);
            }
        }
        // What was read is whole: every observation kept has a place in the file.
        for table in parsed.dataset.tables() {
            for (cell, _) in table.iter() {
                prop_assert!(parsed.place_of(table.id, cell).line.is_some());
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let parsed = read_csv(bytes.as_slice(), &ReadOptions::default());
        let _ = validate_parsed(&parsed, &ValidationOptions::default());
    }
}

#[test]
fn the_valid_file_is_valid() {
    let parsed = read_csv(VALID.as_bytes(), &ReadOptions::default());
    let problems = validate_parsed(&parsed, &ValidationOptions::default());
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(parsed.dataset.observation_count(), 6);
}
