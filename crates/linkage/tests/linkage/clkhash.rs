//! Keys byte for byte as clkhash 0.18.3 makes them: the derived keys, the published vectors, and every
//! record of FEBRL4 under both schemas.

use std::fs;

use base64::Engine as _;
use rapporteur_linkage::encode::derived_key;
use rapporteur_linkage::records::encode_csv;
use rapporteur_linkage::{Encoder, KeyFile, Schema, Scratch};
use serde_json::Value;

use crate::data;

fn schema(name: &str) -> Schema {
    Schema::from_json(&fs::read_to_string(data(name)).unwrap()).unwrap()
}

fn vectors() -> Value {
    serde_json::from_str(&fs::read_to_string(data("test_vectors.json")).unwrap()).unwrap()
}

#[test]
fn derived_keys_and_published_vectors() {
    for (name, set) in vectors().as_object().unwrap() {
        let schema = schema(set["schema"].as_str().unwrap());
        let secret = set["secret_utf8"].as_str().unwrap().as_bytes();
        for (which, expected) in set["hkdf_keys_hex_feature1_given_name"].as_array().unwrap().iter().enumerate() {
            let key: String =
                derived_key(&schema, secret, 1, which).unwrap().iter().map(|b| format!("{b:02x}")).collect();
            assert_eq!(key, expected.as_str().unwrap(), "{name}: key {which} of feature 1");
        }
        let encoder = Encoder::new(schema, secret).unwrap();
        let mut scratch = Scratch::default();
        for (i, record) in set["records"].as_array().unwrap().iter().enumerate() {
            let row: Vec<&str> = record["row"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
            let mut key = Vec::new();
            encoder.encode_into(&row, &mut scratch, &mut key).unwrap();
            let expected =
                base64::engine::general_purpose::STANDARD.decode(record["clk_b64"].as_str().unwrap()).unwrap();
            assert_eq!(key, expected, "{name}: record {i}");
            let popcount: u32 = key.iter().map(|b| b.count_ones()).sum();
            assert_eq!(u64::from(popcount), record["popcount"].as_u64().unwrap());
        }
    }
}

#[test]
fn every_febrl4_record_under_both_schemas() {
    for (schema_file, tag) in [("febrl4_schema_clkhash_docs.json", "docs"), ("febrl4_schema_blake.json", "blake")] {
        let encoder = Encoder::new(schema(schema_file), b"secret").unwrap();
        for side in ["a", "b"] {
            let input = fs::File::open(data(&format!("febrl4_{side}.csv"))).unwrap();
            let ours = encode_csv(&encoder, input, |_| {}).unwrap();
            let theirs =
                KeyFile::read(fs::File::open(data(&format!("febrl4_{side}_clks_{tag}.json"))).unwrap()).unwrap();
            assert_eq!(ours.keys.len(), 5000);
            let differing: Vec<usize> = (0..5000).filter(|&i| ours.keys.bytes(i) != theirs.keys.bytes(i)).collect();
            assert!(
                differing.is_empty(),
                "{tag} {side}: {} keys differ, first {:?}",
                differing.len(),
                &differing[..differing.len().min(5)]
            );
        }
    }
}
