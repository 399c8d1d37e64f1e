//! Typed settings: defaults, then an optional TOML file, then `RAPPORTEUR__SECTION__KEY` variables,
//! then command-line flags. Passed explicitly; never global.

use anyhow::{bail, Context};
use rapporteur_store::StoreLocation;
use serde::Deserialize;
use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

#[derive(Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub server: ServerSettings,
    pub database: DatabaseSettings,
    pub statistics: StatisticsSettings,
    pub linkage: LinkageSettings,
    pub estimation: EstimationSettings,
}

/// `[estimation]`: how much one estimation may ask of the server.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EstimationSettings {
    /// The most bootstrap resamples an estimation may ask for (each repeats the model choice).
    pub max_resamples: usize,
}

impl Default for EstimationSettings {
    fn default() -> Self {
        EstimationSettings { max_resamples: rapporteur_web::EstimationSettings::default().max_resamples }
    }
}

impl EstimationSettings {
    pub fn limits(&self) -> rapporteur_web::EstimationSettings {
        rapporteur_web::EstimationSettings { max_resamples: self.max_resamples }
    }

    fn check(&self) -> anyhow::Result<()> {
        if self.max_resamples < 10 {
            bail!(
                "[estimation] max_resamples must be at least 10 (a bootstrap needs that many), not {}",
                self.max_resamples
            );
        }
        Ok(())
    }
}

/// `[linkage]`: the limits of key-file uploads and linkage runs.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LinkageSettings {
    /// The most records one key file may hold.
    pub max_records: u64,
    /// The largest upload body in bytes (a million 1,024-bit keys with their attributes are some 230 MB).
    pub upload_limit_bytes: usize,
    /// How many times a run is started over after the server stopped during it, before it is failed.
    pub max_attempts: u32,
}

impl Default for LinkageSettings {
    fn default() -> Self {
        let limits = rapporteur_web::LinkageSettings::default();
        LinkageSettings {
            max_records: limits.max_records,
            upload_limit_bytes: limits.upload_limit_bytes,
            max_attempts: limits.max_attempts,
        }
    }
}

impl LinkageSettings {
    pub fn limits(&self) -> rapporteur_web::LinkageSettings {
        rapporteur_web::LinkageSettings {
            max_records: self.max_records,
            upload_limit_bytes: self.upload_limit_bytes,
            max_attempts: self.max_attempts,
        }
    }

    fn check(&self) -> anyhow::Result<()> {
        if self.max_records == 0 || self.upload_limit_bytes == 0 || self.max_attempts == 0 {
            bail!("[linkage] max_records, upload_limit_bytes and max_attempts must each be at least 1");
        }
        Ok(())
    }
}

/// `[statistics]`: disclosure control per dataflow and the year-on-year warning.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StatisticsSettings {
    /// Counts from 1 to this less one are suppressed in THB_VICT (5: counts 1 to 4).
    pub victims_threshold: u64,
    /// The same for THB_PERS.
    pub persons_threshold: u64,
    /// A figure that changes by more than this factor from one year to the next is flagged.
    pub year_on_year_factor: f64,
}

impl Default for StatisticsSettings {
    fn default() -> Self {
        let policy = rapporteur_stats::Policy::default();
        StatisticsSettings {
            victims_threshold: policy.victims.threshold,
            persons_threshold: policy.persons.threshold,
            year_on_year_factor: policy.validation.year_on_year_factor,
        }
    }
}

impl StatisticsSettings {
    pub fn policy(&self) -> rapporteur_stats::Policy {
        let mut policy = rapporteur_stats::Policy::default();
        // The protection asked of secondary suppression follows the threshold: an attacker must not be able to
        // tell a suppressed count from one at the threshold.
        policy.victims.threshold = self.victims_threshold;
        policy.victims.protection = self.victims_threshold;
        policy.persons.threshold = self.persons_threshold;
        policy.persons.protection = self.persons_threshold;
        policy.validation.year_on_year_factor = self.year_on_year_factor;
        policy
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServerSettings {
    pub addr: SocketAddr,
    /// The address the public uses, for feeds and the sitemap; defaults to `http://{addr}`.
    pub public_url: Option<String>,
    /// The operator's contact e-mail address, shown on the contact, privacy and accessibility pages; without
    /// it, those pages send readers to "the operator of this portal".
    pub contact_email: Option<String>,
}

impl ServerSettings {
    /// The operator's contact address, checked.
    pub fn contact_email(&self) -> Option<rapporteur_core::accounts::Email> {
        self.contact_email.as_deref().and_then(|e| rapporteur_core::accounts::Email::parse(e).ok())
    }

    fn check(&self) -> anyhow::Result<()> {
        if let Some(e) = &self.contact_email {
            if rapporteur_core::accounts::Email::parse(e).is_err() {
                bail!("[server] contact_email {e:?} is not an e-mail address such as portal@example.eu");
            }
        }
        Ok(())
    }
}

#[derive(Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DatabaseSettings {
    /// A PostgreSQL URL; when absent, SQLite in `data_dir`.
    pub url: Option<String>,
    pub data_dir: PathBuf,
}

impl Default for ServerSettings {
    fn default() -> Self {
        ServerSettings { addr: SocketAddr::from(([127, 0, 0, 1], 8080)), public_url: None, contact_email: None }
    }
}

impl Default for DatabaseSettings {
    fn default() -> Self {
        DatabaseSettings { url: None, data_dir: PathBuf::from("data") }
    }
}

// The database URL may hold a password: never print it.
impl fmt::Debug for DatabaseSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DatabaseSettings")
            .field("url", &self.url.as_ref().map(|_| "<redacted>"))
            .field("data_dir", &self.data_dir)
            .finish()
    }
}

impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Settings")
            .field("server", &self.server)
            .field("database", &self.database)
            .field("statistics", &self.statistics)
            .field("linkage", &self.linkage)
            .field("estimation", &self.estimation)
            .finish()
    }
}

impl Settings {
    /// Defaults, then the file (if given), then the environment.
    pub fn load(file: Option<&Path>, env: impl Iterator<Item = (String, String)>) -> anyhow::Result<Self> {
        let mut settings = match file {
            Some(path) => {
                let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
                toml::from_str(&text).with_context(|| format!("in the settings file {}", path.display()))?
            }
            None => Settings::default(),
        };
        for (key, value) in env {
            let Some(name) = key.strip_prefix("RAPPORTEUR__") else { continue };
            match name {
                "SERVER__ADDR" => {
                    settings.server.addr =
                        value.parse().with_context(|| format!("{key}={value:?} is not an address such as 127.0.0.1:8080"))?
                }
                "SERVER__PUBLIC_URL" => settings.server.public_url = Some(value),
                "SERVER__CONTACT_EMAIL" => settings.server.contact_email = Some(value),
                "DATABASE__URL" => settings.database.url = Some(value),
                "DATABASE__DATA_DIR" => settings.database.data_dir = PathBuf::from(value),
                "STATISTICS__VICTIMS_THRESHOLD" => {
                    settings.statistics.victims_threshold =
                        value.parse().with_context(|| format!("{key}={value:?} is not a whole number"))?
                }
                "STATISTICS__PERSONS_THRESHOLD" => {
                    settings.statistics.persons_threshold =
                        value.parse().with_context(|| format!("{key}={value:?} is not a whole number"))?
                }
                "STATISTICS__YEAR_ON_YEAR_FACTOR" => {
                    settings.statistics.year_on_year_factor = value
                        .parse()
                        .ok()
                        .filter(|f: &f64| *f > 1.0)
                        .with_context(|| format!("{key}={value:?} is not a factor above 1 such as 3"))?
                }
                "LINKAGE__MAX_RECORDS" => {
                    settings.linkage.max_records =
                        value.parse().with_context(|| format!("{key}={value:?} is not a whole number"))?
                }
                "LINKAGE__UPLOAD_LIMIT_BYTES" => {
                    settings.linkage.upload_limit_bytes =
                        value.parse().with_context(|| format!("{key}={value:?} is not a number of bytes"))?
                }
                "LINKAGE__MAX_ATTEMPTS" => {
                    settings.linkage.max_attempts =
                        value.parse().with_context(|| format!("{key}={value:?} is not a whole number"))?
                }
                "ESTIMATION__MAX_RESAMPLES" => {
                    settings.estimation.max_resamples =
                        value.parse().with_context(|| format!("{key}={value:?} is not a whole number"))?
                }
                _ => bail!("unknown setting {key}: known are RAPPORTEUR__SERVER__ADDR, RAPPORTEUR__SERVER__PUBLIC_URL, RAPPORTEUR__SERVER__CONTACT_EMAIL, RAPPORTEUR__DATABASE__URL, RAPPORTEUR__DATABASE__DATA_DIR, RAPPORTEUR__STATISTICS__VICTIMS_THRESHOLD, RAPPORTEUR__STATISTICS__PERSONS_THRESHOLD, RAPPORTEUR__STATISTICS__YEAR_ON_YEAR_FACTOR, RAPPORTEUR__LINKAGE__MAX_RECORDS, RAPPORTEUR__LINKAGE__UPLOAD_LIMIT_BYTES, RAPPORTEUR__LINKAGE__MAX_ATTEMPTS, RAPPORTEUR__ESTIMATION__MAX_RESAMPLES"),
            }
        }
        settings.linkage.check()?;
        settings.estimation.check()?;
        settings.server.check()?;
        Ok(settings)
    }

    pub fn store_location(&self) -> StoreLocation {
        match &self.database.url {
            Some(url) => StoreLocation::Url(url.clone()),
            None => StoreLocation::DataDir(self.database.data_dir.clone()),
        }
    }

    pub fn public_url(&self) -> String {
        self.server.public_url.clone().unwrap_or_else(|| format!("http://{}", self.server.addr))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Iterator<Item = (String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>().into_iter()
    }

    #[test]
    fn layers() {
        let s = Settings::load(None, env(&[])).unwrap();
        assert_eq!(s.store_location(), StoreLocation::DataDir("data".into()));
        assert_eq!(s.public_url(), "http://127.0.0.1:8080");
        let s = Settings::load(None, env(&[("RAPPORTEUR__DATABASE__URL", "postgres://u:pw@h/db"), ("OTHER", "x")]))
            .unwrap();
        assert_eq!(s.store_location(), StoreLocation::Url("postgres://u:pw@h/db".into()));
        assert!(!format!("{s:?}").contains("pw"), "the password never shows");
        assert!(Settings::load(None, env(&[("RAPPORTEUR__SERVER__ADDR", "nope")])).is_err());
        assert!(Settings::load(None, env(&[("RAPPORTEUR__TYPO", "1")])).is_err());
        let s = Settings::load(None, env(&[("RAPPORTEUR__STATISTICS__VICTIMS_THRESHOLD", "10")])).unwrap();
        assert_eq!(s.statistics.policy().victims.threshold, 10);
        assert!(Settings::load(None, env(&[("RAPPORTEUR__STATISTICS__YEAR_ON_YEAR_FACTOR", "0.5")])).is_err());
        assert_eq!(s.linkage.limits(), rapporteur_web::LinkageSettings::default());
        let s = Settings::load(
            None,
            env(&[("RAPPORTEUR__LINKAGE__MAX_RECORDS", "5000"), ("RAPPORTEUR__LINKAGE__MAX_ATTEMPTS", "1")]),
        )
        .unwrap();
        assert_eq!((s.linkage.limits().max_records, s.linkage.limits().max_attempts), (5000, 1));
        assert!(Settings::load(None, env(&[("RAPPORTEUR__LINKAGE__MAX_ATTEMPTS", "0")])).is_err());
        assert!(Settings::load(None, env(&[("RAPPORTEUR__LINKAGE__UPLOAD_LIMIT_BYTES", "lots")])).is_err());
        let s = Settings::load(None, env(&[("RAPPORTEUR__ESTIMATION__MAX_RESAMPLES", "500")])).unwrap();
        assert_eq!(s.estimation.limits().max_resamples, 500);
        assert!(Settings::load(None, env(&[("RAPPORTEUR__ESTIMATION__MAX_RESAMPLES", "3")])).is_err());
        let s = Settings::load(None, env(&[("RAPPORTEUR__SERVER__CONTACT_EMAIL", "portal@example.eu")])).unwrap();
        assert_eq!(s.server.contact_email().unwrap().as_str(), "portal@example.eu");
        assert!(Settings::load(None, env(&[("RAPPORTEUR__SERVER__CONTACT_EMAIL", "not an address")])).is_err());
    }

    #[test]
    fn file_layer() {
        let dir = std::env::temp_dir().join(format!("rapporteur-settings-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("r.toml");
        std::fs::write(&file, "[server]\naddr = \"0.0.0.0:9000\"\n").unwrap();
        let s = Settings::load(Some(&file), env(&[("RAPPORTEUR__SERVER__PUBLIC_URL", "https://x.eu")])).unwrap();
        assert_eq!(s.server.addr.port(), 9000);
        assert_eq!(s.public_url(), "https://x.eu");
        std::fs::write(&file, "[server]\nadress = 1\n").unwrap();
        let e = Settings::load(Some(&file), env(&[])).unwrap_err();
        assert!(format!("{e:#}").contains("adress"));
        std::fs::remove_dir_all(&dir).ok();
    }
}
