//! BLIP, the defence against frequency attacks: bits flip at the rate asked, the same record flips the same
//! bits, and keys made with and without it are never linked together.

use rapporteur_linkage::{Encoder, Schema, Scratch};

fn encoder(blip: Option<f64>) -> Encoder {
    let text = std::fs::read_to_string(crate::data("febrl4_schema_blake.json")).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    if let Some(blip) = blip {
        value["rapporteur"] = serde_json::json!({ "blip": blip });
    }
    Encoder::new(Schema::from_value(&value).unwrap(), b"secret").unwrap()
}

#[test]
fn bits_flip_at_the_rate_asked_and_the_same_record_flips_the_same_bits() {
    let (plain, hardened) = (encoder(None), encoder(Some(0.05)));
    assert_ne!(plain.schema().fingerprint_hex(), hardened.schema().fingerprint_hex());
    let mut scratch = Scratch::default();
    let mut reader = csv::Reader::from_path(crate::data("febrl4_a.csv")).unwrap();
    let (mut flipped, mut bits) = (0u64, 0u64);
    for row in reader.records().take(500) {
        let row = row.unwrap();
        let values: Vec<&str> = row.iter().collect();
        let (mut a, mut b, mut again) = (Vec::new(), Vec::new(), Vec::new());
        plain.encode_into(&values, &mut scratch, &mut a).unwrap();
        hardened.encode_into(&values, &mut scratch, &mut b).unwrap();
        hardened.encode_into(&values, &mut Scratch::default(), &mut again).unwrap();
        assert_eq!(b, again, "one record, one key");
        flipped += a.iter().zip(&b).map(|(x, y)| (x ^ y).count_ones() as u64).sum::<u64>();
        bits += 8 * a.len() as u64;
    }
    let rate = flipped as f64 / bits as f64;
    assert!((0.045..0.055).contains(&rate), "flip rate {rate}");
}

#[test]
fn a_flip_probability_out_of_range_is_refused() {
    let text = std::fs::read_to_string(crate::data("febrl4_schema_blake.json")).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["rapporteur"] = serde_json::json!({ "blip": 0.5 });
    assert_eq!(Schema::from_value(&value).unwrap_err().place, "rapporteur.blip");
}
