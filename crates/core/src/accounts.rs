//! Accounts, roles and scopes: who may do what, decided without I/O so that every route asks the same rules.

use crate::content::Commitment;
use crate::country::MemberState;
use crate::slug::Slug;
use std::fmt;

/// What an account is for. Scoped roles carry their scope, so an unscoped rapporteur cannot exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// EU ATC office: everything, including accounts.
    Admin,
    /// EU ATC office: portal content and workspace items.
    Editor,
    /// A National Rapporteur or Equivalent Mechanism: one Member State.
    Rapporteur { member_state: MemberState },
    /// A data source (police, NGO, labour inspectorate …) within one Member State.
    Source { member_state: MemberState, organisation: Slug },
    /// One of the ten EU agencies.
    Agency { agency: Slug },
    /// One civil-society organisation of the Platform.
    Cso { organisation: Slug },
}

/// The role's name as stored and typed on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleName {
    Admin,
    Editor,
    Rapporteur,
    Source,
    Agency,
    Cso,
}

impl RoleName {
    pub const ALL: [RoleName; 6] =
        [RoleName::Admin, RoleName::Editor, RoleName::Rapporteur, RoleName::Source, RoleName::Agency, RoleName::Cso];

    pub fn code(self) -> &'static str {
        match self {
            RoleName::Admin => "admin",
            RoleName::Editor => "editor",
            RoleName::Rapporteur => "rapporteur",
            RoleName::Source => "source",
            RoleName::Agency => "agency",
            RoleName::Cso => "cso",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == text.trim())
    }
}

/// A role was named without the scope it needs, or with one it cannot have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RoleError {
    #[error("unknown role {0:?}: expected admin, editor, rapporteur, source, agency or cso")]
    UnknownRole(String),
    #[error("the role {role} needs {needs}")]
    MissingScope { role: &'static str, needs: &'static str },
    #[error("the role {role} takes no {extra}")]
    ExtraScope { role: &'static str, extra: &'static str },
}

/// The scope fields as a form, the command line or the store give them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScopeFields {
    pub member_state: Option<MemberState>,
    pub organisation: Option<Slug>,
    pub agency: Option<Slug>,
}

impl Role {
    /// Builds a role from its name and scope fields; a missing or superfluous scope is an error.
    pub fn new(name: RoleName, scope: ScopeFields) -> Result<Self, RoleError> {
        let role = name.code();
        let missing = |needs| RoleError::MissingScope { role, needs };
        let extra = |extra| RoleError::ExtraScope { role, extra };
        let ScopeFields { member_state, organisation, agency } = scope;
        match name {
            RoleName::Admin | RoleName::Editor => {
                if member_state.is_some() {
                    return Err(extra("member state"));
                }
                if organisation.is_some() {
                    return Err(extra("organisation"));
                }
                if agency.is_some() {
                    return Err(extra("agency"));
                }
                Ok(if name == RoleName::Admin { Role::Admin } else { Role::Editor })
            }
            RoleName::Rapporteur => {
                if organisation.is_some() {
                    return Err(extra("organisation"));
                }
                if agency.is_some() {
                    return Err(extra("agency"));
                }
                Ok(Role::Rapporteur { member_state: member_state.ok_or_else(|| missing("a member state"))? })
            }
            RoleName::Source => {
                if agency.is_some() {
                    return Err(extra("agency"));
                }
                Ok(Role::Source {
                    member_state: member_state.ok_or_else(|| missing("a member state"))?,
                    organisation: organisation.ok_or_else(|| missing("an organisation"))?,
                })
            }
            RoleName::Agency => {
                if member_state.is_some() {
                    return Err(extra("member state"));
                }
                if organisation.is_some() {
                    return Err(extra("organisation"));
                }
                Ok(Role::Agency { agency: agency.ok_or_else(|| missing("an agency"))? })
            }
            RoleName::Cso => {
                if member_state.is_some() {
                    return Err(extra("member state"));
                }
                if agency.is_some() {
                    return Err(extra("agency"));
                }
                Ok(Role::Cso { organisation: organisation.ok_or_else(|| missing("an organisation"))? })
            }
        }
    }

    pub fn name(&self) -> RoleName {
        match self {
            Role::Admin => RoleName::Admin,
            Role::Editor => RoleName::Editor,
            Role::Rapporteur { .. } => RoleName::Rapporteur,
            Role::Source { .. } => RoleName::Source,
            Role::Agency { .. } => RoleName::Agency,
            Role::Cso { .. } => RoleName::Cso,
        }
    }

    /// The scope fields, for storage and display.
    pub fn scope(&self) -> ScopeFields {
        match self {
            Role::Admin | Role::Editor => ScopeFields::default(),
            Role::Rapporteur { member_state } => {
                ScopeFields { member_state: Some(*member_state), ..Default::default() }
            }
            Role::Source { member_state, organisation } => ScopeFields {
                member_state: Some(*member_state),
                organisation: Some(organisation.clone()),
                agency: None,
            },
            Role::Agency { agency } => ScopeFields { agency: Some(agency.clone()), ..Default::default() },
            Role::Cso { organisation } => {
                ScopeFields { organisation: Some(organisation.clone()), ..Default::default() }
            }
        }
    }

    /// Whether this role may do what `permission` names: the one place where roles meet rights, asked by
    /// every route, page and command.
    pub fn may(&self, permission: Permission<'_>) -> bool {
        let office = matches!(self, Role::Admin | Role::Editor);
        match permission {
            Permission::ReadWorkspace => true,
            Permission::ManageAccounts => matches!(self, Role::Admin),
            Permission::EditContent => office,
            Permission::ActForMemberState(ms) => match self {
                Role::Rapporteur { member_state } => *member_state == ms,
                _ => office,
            },
            Permission::AddMeetingDocuments => office || matches!(self, Role::Rapporteur { .. }),
            Permission::SubmitStatistics(ms) => {
                matches!(self, Role::Rapporteur { member_state } if *member_state == ms)
            }
            Permission::ReviewStatistics => office,
            Permission::ContributeStatistics(ms) => {
                matches!(self, Role::Source { member_state, .. } if *member_state == ms)
            }
            Permission::RecordProgress(commitment) => match self {
                Role::Agency { agency } => commitment.owners.contains(agency),
                _ => office,
            },
            Permission::UploadLinkageKeys(ms) => {
                matches!(self, Role::Source { member_state, .. } if *member_state == ms)
            }
            Permission::RunLinkage(ms) => {
                matches!(self, Role::Rapporteur { member_state } if *member_state == ms)
            }
            Permission::ReadLinkageRuns(ms) | Permission::ReadEstimates(ms) => match self {
                Role::Rapporteur { member_state } => *member_state == ms,
                _ => office,
            },
            Permission::RunEstimation(ms) | Permission::PublishEstimation(ms) => {
                matches!(self, Role::Rapporteur { member_state } if *member_state == ms)
            }
        }
    }
}

/// What an account may be allowed to do. Scoped permissions carry what they are scoped to, so a check can
/// never forget the Member State or the commitment it is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission<'a> {
    /// Read the network's workspace (meetings, commitments, reports): every account.
    ReadWorkspace,
    /// Manage accounts and read the audit log: admins.
    ManageAccounts,
    /// Write portal content (projects, calls, news, instruments, meetings), review Civil Society Platform
    /// applications: the EU ATC office (editors and admins).
    EditContent,
    /// Work on what belongs to one Member State (its page, its attendance at meetings): the office, and that
    /// Member State's rapporteur.
    ActForMemberState(MemberState),
    /// Add documents to a meeting: the office and every rapporteur (their contributions).
    AddMeetingDocuments,
    /// Record progress on a commitment: the office, and an agency that owns it.
    RecordProgress(&'a Commitment),
    /// Enter, submit and sign off a Member State's statistics: that Member State's rapporteur only (the office
    /// validates what the Member State submits; it does not submit for it).
    SubmitStatistics(MemberState),
    /// Read every submission, validate or return it: the office.
    ReviewStatistics,
    /// Contribute one organisation's figures to its Member State's draft: a source of that Member State.
    ContributeStatistics(MemberState),
    /// Upload one organisation's linkage keys for its Member State (and read its own uploads back): a source of
    /// that Member State. Never another source's keys.
    UploadLinkageKeys(MemberState),
    /// See every source's uploads of a Member State and run the linkage over them: that Member State's
    /// rapporteur only.
    RunLinkage(MemberState),
    /// Read a Member State's linkage runs and their results (counts, never keys): its rapporteur and the
    /// office.
    ReadLinkageRuns(MemberState),
    /// Estimate a Member State's hidden figure (multiple systems estimation) from its linkage runs or an
    /// uploaded capture-history table: that Member State's rapporteur only.
    RunEstimation(MemberState),
    /// Publish one of a Member State's estimates beside its registered figures (the rapporteur signs it
    /// off): that Member State's rapporteur only.
    PublishEstimation(MemberState),
    /// Read a Member State's estimates, published or not, with their inputs: its rapporteur and the office.
    ReadEstimates(MemberState),
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Role::Admin | Role::Editor => f.write_str(self.name().code()),
            Role::Rapporteur { member_state } => write!(f, "rapporteur for {}", member_state.iso()),
            Role::Source { member_state, organisation } => write!(f, "source {organisation} in {}", member_state.iso()),
            Role::Agency { agency } => write!(f, "agency {agency}"),
            Role::Cso { organisation } => write!(f, "civil-society organisation {organisation}"),
        }
    }
}

/// An e-mail address, trimmed and lower-cased so that one person has one account.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Email(String);

/// The text is not an e-mail address.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not an e-mail address")]
pub struct InvalidEmail(pub String);

impl Email {
    pub fn parse(text: &str) -> Result<Self, InvalidEmail> {
        let t = text.trim().to_lowercase();
        let ok = t.len() <= 254
            && t.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.contains('@')
            })
            && !t.chars().any(|c| c.is_whitespace() || c.is_control());
        if ok {
            Ok(Email(t))
        } else {
            Err(InvalidEmail(text.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A password as typed: long enough, and never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

/// The password is too short or too long.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a password must have from {min} to {max} characters", min = Password::MIN_CHARS, max = Password::MAX_CHARS)]
pub struct WeakPassword;

impl Password {
    pub const MIN_CHARS: usize = 12;
    pub const MAX_CHARS: usize = 1024;

    pub fn new(text: String) -> Result<Self, WeakPassword> {
        let n = text.chars().count();
        if (Self::MIN_CHARS..=Self::MAX_CHARS).contains(&n) {
            Ok(Password(text))
        } else {
            Err(WeakPassword)
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

/// A new account as an admin sends it.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountDocument {
    pub email: String,
    /// admin, editor, rapporteur, source, agency or cso
    pub role: String,
    pub member_state: Option<String>,
    pub organisation: Option<String>,
    pub agency: Option<String>,
    /// At least 12 characters.
    pub password: String,
}

impl AccountDocument {
    /// Checks every field, or lists every problem.
    pub fn check(self) -> Result<(Email, Role, Password), Vec<crate::FieldProblem>> {
        let mut check = crate::Checker::default();
        let email = check.ok("email", Email::parse(&self.email));
        let name = RoleName::parse(&self.role);
        if name.is_none() {
            check.bad("role", "role must be admin, editor, rapporteur, source, agency or cso");
        }
        let scope = ScopeFields {
            member_state: crate::problems::trimmed(self.member_state)
                .and_then(|m| check.ok("member_state", MemberState::parse(&m))),
            organisation: crate::problems::trimmed(self.organisation)
                .and_then(|o| check.ok("organisation", Slug::parse(&o))),
            agency: crate::problems::trimmed(self.agency).and_then(|a| check.ok("agency", Slug::parse(&a))),
        };
        let role = name.and_then(|name| check.ok("role", Role::new(name, scope)));
        let password = check.ok("password", Password::new(self.password));
        check.finish(email.zip(role).zip(password).map(|((e, r), p)| (e, r, p)))
    }
}

impl<'de> serde::Deserialize<'de> for Email {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Email::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(code: &str) -> MemberState {
        MemberState::parse(code).unwrap()
    }

    #[test]
    fn scoped_roles_need_their_scope() {
        let de = ScopeFields { member_state: Some(ms("DE")), ..Default::default() };
        assert_eq!(Role::new(RoleName::Rapporteur, de.clone()).unwrap(), Role::Rapporteur { member_state: ms("DE") });
        assert!(matches!(Role::new(RoleName::Rapporteur, ScopeFields::default()), Err(RoleError::MissingScope { .. })));
        assert!(matches!(Role::new(RoleName::Admin, de.clone()), Err(RoleError::ExtraScope { .. })));
        assert!(matches!(
            Role::new(RoleName::Source, de),
            Err(RoleError::MissingScope { needs: "an organisation", .. })
        ));
        let agency = ScopeFields { agency: Some(Slug::parse("europol").unwrap()), ..Default::default() };
        let role = Role::new(RoleName::Agency, agency.clone()).unwrap();
        assert_eq!(role.scope(), agency);
    }

    #[test]
    fn a_rapporteur_acts_only_for_their_member_state() {
        let de = Role::Rapporteur { member_state: ms("DE") };
        assert!(de.may(Permission::ActForMemberState(ms("DE"))));
        assert!(!de.may(Permission::ActForMemberState(ms("FR"))));
        assert!(!de.may(Permission::EditContent));
        assert!(de.may(Permission::AddMeetingDocuments));
        assert!(Role::Editor.may(Permission::ActForMemberState(ms("FR"))));
        assert!(!Role::Editor.may(Permission::ManageAccounts));
        assert!(Role::Admin.may(Permission::ManageAccounts));
        let europol = Slug::parse("europol").unwrap();
        let owned = Commitment {
            slug: Slug::parse("js2018-data").unwrap(),
            instrument: Slug::parse("joint-statement-2018").unwrap(),
            title: "Data".into(),
            priority: None,
            owners: vec![europol.clone()],
            due: None,
            source_text: String::new(),
        };
        assert!(Role::Agency { agency: europol.clone() }.may(Permission::RecordProgress(&owned)));
        assert!(!Role::Agency { agency: Slug::parse("frontex").unwrap() }.may(Permission::RecordProgress(&owned)));
        assert!(!Role::Cso { organisation: europol.clone() }.may(Permission::RecordProgress(&owned)));
        assert!(Role::Editor.may(Permission::RecordProgress(&owned)));
        let cso = Role::Cso { organisation: europol };
        assert!(cso.may(Permission::ReadWorkspace) && !cso.may(Permission::AddMeetingDocuments));
    }

    #[test]
    fn linkage_keys_come_from_sources_and_runs_from_their_rapporteur() {
        let police = Role::Source { member_state: ms("DE"), organisation: Slug::parse("bka").unwrap() };
        let rapporteur = Role::Rapporteur { member_state: ms("DE") };
        assert!(police.may(Permission::UploadLinkageKeys(ms("DE"))));
        assert!(!police.may(Permission::UploadLinkageKeys(ms("FR"))), "only for its own Member State");
        assert!(!police.may(Permission::RunLinkage(ms("DE"))));
        assert!(!police.may(Permission::ReadLinkageRuns(ms("DE"))));
        assert!(rapporteur.may(Permission::RunLinkage(ms("DE"))));
        assert!(!rapporteur.may(Permission::RunLinkage(ms("FR"))));
        assert!(!rapporteur.may(Permission::UploadLinkageKeys(ms("DE"))), "a rapporteur holds no records");
        assert!(rapporteur.may(Permission::ReadLinkageRuns(ms("DE"))));
        assert!(!rapporteur.may(Permission::ReadLinkageRuns(ms("FR"))));
        for office in [Role::Admin, Role::Editor] {
            assert!(office.may(Permission::ReadLinkageRuns(ms("FR"))), "the office reads the results");
            assert!(!office.may(Permission::RunLinkage(ms("FR"))));
            assert!(!office.may(Permission::UploadLinkageKeys(ms("FR"))));
        }
        let agency = Role::Agency { agency: Slug::parse("europol").unwrap() };
        assert!(
            !agency.may(Permission::ReadLinkageRuns(ms("DE"))) && !agency.may(Permission::UploadLinkageKeys(ms("DE")))
        );
    }

    #[test]
    fn estimates_are_run_and_published_by_their_rapporteur_and_read_by_the_office() {
        let rapporteur = Role::Rapporteur { member_state: ms("DE") };
        let police = Role::Source { member_state: ms("DE"), organisation: Slug::parse("bka").unwrap() };
        for may in [Permission::RunEstimation(ms("DE")), Permission::PublishEstimation(ms("DE"))] {
            assert!(rapporteur.may(may));
            assert!(!police.may(may) && !Role::Editor.may(may) && !Role::Admin.may(may));
        }
        assert!(!rapporteur.may(Permission::RunEstimation(ms("FR"))));
        assert!(!rapporteur.may(Permission::PublishEstimation(ms("FR"))));
        assert!(
            rapporteur.may(Permission::ReadEstimates(ms("DE"))) && !rapporteur.may(Permission::ReadEstimates(ms("FR")))
        );
        assert!(
            Role::Editor.may(Permission::ReadEstimates(ms("FR")))
                && Role::Admin.may(Permission::ReadEstimates(ms("FR")))
        );
        assert!(!police.may(Permission::ReadEstimates(ms("DE"))));
        assert!(!Role::Agency { agency: Slug::parse("europol").unwrap() }.may(Permission::ReadEstimates(ms("DE"))));
    }

    #[test]
    fn emails_and_passwords() {
        assert_eq!(Email::parse("  Anna.Rapporteur@Example.EU ").unwrap().as_str(), "anna.rapporteur@example.eu");
        for bad in ["", "anna", "@example.eu", "anna@", "anna@example", "a b@example.eu", "a@b@c.eu"] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
        assert!(Password::new("short".into()).is_err());
        let p = Password::new("correct horse battery".into()).unwrap();
        assert!(!format!("{p:?}").contains("horse"));
    }
}
