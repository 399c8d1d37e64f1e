//! Password hashes (argon2id) and API tokens (random, stored as SHA-256).

use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rapporteur_core::accounts::Password;
use sha2::{Digest, Sha256};

/// The prefix of every API token, so that a leaked one is easy to recognise in logs and scanners.
pub const TOKEN_PREFIX: &str = "rpt_";

/// An argon2id hash in PHC form (salt and parameters included).
pub fn hash_password(password: &Password) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.expose().as_bytes(), &salt)
        .expect("argon2 with default parameters hashes any password")
        .to_string()
}

/// Whether the password matches the stored hash; a malformed hash matches nothing.
pub fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// A hash that no password matches, verified against when an account does not exist, so that a
/// sign-in takes as long for an unknown address as for a wrong password.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password(&Password::new("no account has this password".into()).expect("long enough")))
}

/// A new secret: 32 random bytes, hex.
pub fn random_secret() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// A new API token, shown once.
pub fn new_token() -> String {
    format!("{TOKEN_PREFIX}{}", random_secret())
}

/// What the store keeps of a token or session id: its SHA-256. Tokens are random, so no salt is needed.
pub fn secret_hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_differ() {
        let p = Password::new("correct horse battery".into()).unwrap();
        let a = hash_password(&p);
        let b = hash_password(&p);
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b, "salted");
        assert!(verify_password(&a, "correct horse battery"));
        assert!(!verify_password(&a, "correct horse batterz"));
        assert!(!verify_password("not a hash", "x"));
        assert!(!verify_password(dummy_hash(), "correct horse battery"));
    }

    #[test]
    fn tokens() {
        let t = new_token();
        assert!(t.starts_with(TOKEN_PREFIX) && t.len() == 4 + 64);
        assert_ne!(new_token(), t);
        assert_eq!(secret_hash(&t), secret_hash(&t));
        assert_ne!(secret_hash(&t), t);
    }
}
