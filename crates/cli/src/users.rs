//! `rapporteur user …`: accounts managed from the server's machine (the first admin starts here).

use anyhow::{bail, Context};
use clap::Subcommand;
use rapporteur_core::accounts::{Email, Password, Role, RoleName, ScopeFields};
use rapporteur_core::{MemberState, Slug};
use rapporteur_store::{AccountRepository, Actor, SqlStore};
use std::io::BufRead;

#[derive(Subcommand)]
pub enum UserCommand {
    /// Create an account. The password is read from standard input (one line), never from the command line.
    Add {
        #[arg(long)]
        email: String,
        /// admin, editor, rapporteur, source, agency or cso
        #[arg(long)]
        role: String,
        /// The Member State of a rapporteur or source (ISO code, e.g. DE).
        #[arg(long, value_name = "CODE")]
        member_state: Option<String>,
        /// The organisation of a source or civil-society account (a slug, e.g. bka).
        #[arg(long, value_name = "SLUG")]
        organisation: Option<String>,
        /// The agency of an agency account (a slug, e.g. europol).
        #[arg(long, value_name = "SLUG")]
        agency: Option<String>,
        /// Read the password from standard input (required: passwords never go on the command line).
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// List the accounts.
    List,
    /// Disable an account: it can no longer sign in, its sessions end and its API tokens are revoked.
    Disable {
        #[arg(long)]
        email: String,
    },
    /// Enable a disabled account again.
    Enable {
        #[arg(long)]
        email: String,
    },
    /// Print a new API token for the account (shown once; stored hashed).
    Token {
        #[arg(long)]
        email: String,
    },
    /// Set a new password, read from standard input, and end the account's sessions.
    ResetPassword {
        #[arg(long)]
        email: String,
        #[arg(long, required = true)]
        password_stdin: bool,
    },
}

fn email(text: &str) -> anyhow::Result<Email> {
    Email::parse(text).with_context(|| "--email")
}

fn read_password() -> anyhow::Result<Password> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).context("reading the password from standard input")?;
    let line = line.trim_end_matches(['\n', '\r']).to_owned();
    if line.is_empty() {
        bail!("no password on standard input: pipe it in, e.g. `printf '%s\\n' \"$PASSWORD\" | rapporteur user add …`");
    }
    Password::new(line).context("the password on standard input")
}

pub async fn run(store: &SqlStore, command: UserCommand) -> anyhow::Result<()> {
    let cli = Actor::Cli;
    match command {
        UserCommand::Add { email: e, role, member_state, organisation, agency, password_stdin: _ } => {
            let name = RoleName::parse(&role).with_context(|| {
                format!("--role {role:?}: expected admin, editor, rapporteur, source, agency or cso")
            })?;
            let scope = ScopeFields {
                member_state: member_state.as_deref().map(MemberState::parse).transpose().context("--member-state")?,
                organisation: organisation.as_deref().map(Slug::parse).transpose().context("--organisation")?,
                agency: agency.as_deref().map(Slug::parse).transpose().context("--agency")?,
            };
            let role = Role::new(name, scope).context("--role")?;
            let email = email(&e)?;
            let password = read_password()?;
            let account = store.create_account(&cli, &email, &role, &password).await?;
            println!("Created {} ({}).", account.email, account.role);
        }
        UserCommand::List => {
            let mut paging = Some(rapporteur_core::Paging::first(rapporteur_core::paging::MAX_PER_PAGE));
            while let Some(page) = paging {
                let accounts = store.list_accounts(page).await?;
                for a in &accounts.items {
                    println!("{}\t{}\t{}", a.email, a.role, if a.disabled { "disabled" } else { "active" });
                }
                paging = page.next().filter(|next| next.offset() < accounts.total);
            }
        }
        UserCommand::Disable { email: e } => {
            let a = store.set_account_disabled(&cli, &email(&e)?, true).await?;
            println!("Disabled {}: its sessions have ended and its API tokens are revoked.", a.email);
        }
        UserCommand::Enable { email: e } => {
            let a = store.set_account_disabled(&cli, &email(&e)?, false).await?;
            println!("Enabled {}.", a.email);
        }
        UserCommand::Token { email: e } => {
            let token = store.create_api_token(&cli, &email(&e)?).await?;
            eprintln!("A new API token for {e} (shown once; send it as `Authorization: Bearer TOKEN`):");
            println!("{token}");
        }
        UserCommand::ResetPassword { email: e, password_stdin: _ } => {
            let email = email(&e)?;
            let password = read_password()?;
            store.set_password(&cli, &email, &password).await?;
            println!("The password of {email} is set; its sessions have ended.");
        }
    }
    Ok(())
}
