//! `rapporteur`: serve the portal, migrate the store, add demo content.

mod link;
mod mse;
mod settings;
mod stats;
mod users;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use rapporteur_core::{Bundle, SystemClock};
use rapporteur_store::{synthetic_project, AccountRepository, ContentRepository, SqlStore};
use settings::Settings;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

#[derive(Parser)]
#[command(name = "rapporteur", version, about = "The EU anti-trafficking network's portal and data platform")]
struct Cli {
    /// A TOML settings file ([server] addr, public_url; [database] url, data_dir).
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

/// Where the store is: one of the two, or the settings' default (SQLite in ./data).
#[derive(Args, Clone)]
struct StoreArgs {
    /// SQLite in this directory (created if missing).
    #[arg(long, value_name = "DIR", conflicts_with = "database_url", global = true)]
    data_dir: Option<PathBuf>,
    /// A PostgreSQL URL (postgres://user@host/db); also RAPPORTEUR__DATABASE__URL.
    #[arg(long, value_name = "URL", global = true)]
    database_url: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the portal (migrates and fills a fresh store first).
    Serve {
        /// Address to listen on.
        #[arg(long, value_name = "HOST:PORT")]
        addr: Option<SocketAddr>,
        /// The address the public uses (for feeds, calendars, the sitemap); defaults to http://HOST:PORT.
        #[arg(long, value_name = "URL")]
        public_url: Option<String>,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Apply the store's migrations and exit.
    Migrate {
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Manage accounts: add, list, disable, enable, token, reset-password.
    User {
        #[command(subcommand)]
        command: users::UserCommand,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// National THB statistics: validate, import, export, synth.
    Stats {
        #[command(subcommand)]
        command: stats::StatsCommand,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Privacy-preserving linkage: encode records into keys, match, count distinct persons, synth.
    Link {
        #[command(subcommand)]
        command: link::LinkCommand,
    },
    /// Multiple systems estimation: how many victims no list has found.
    Mse {
        #[command(subcommand)]
        command: mse::MseCommand,
    },
    /// Add N synthetic projects (labelled synthetic everywhere) for load tests.
    DemoContent {
        /// How many projects to add.
        #[arg(long, value_name = "N")]
        projects: u64,
        #[command(flatten)]
        store: StoreArgs,
    },
}

fn apply_store_args(settings: &mut Settings, store: &StoreArgs) {
    if let Some(dir) = &store.data_dir {
        settings.database.data_dir = dir.clone();
        settings.database.url = None;
    }
    if let Some(url) = &store.database_url {
        settings.database.url = Some(url.clone());
    }
}

async fn open_store(settings: &Settings) -> anyhow::Result<SqlStore> {
    let location = settings.store_location();
    let store = SqlStore::open(&location, Arc::new(SystemClock))
        .await
        .with_context(|| format!("opening the store ({})", location.redacted()))?;
    tracing::info!(store = %location.redacted(), "store ready");
    Ok(store)
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    let store = open_store(&settings).await?;
    let bundle = Bundle::embedded().context("reading the bundled content")?;
    let seeded = store.seed_bundle(&bundle).await.context("filling the store with the bundled content")?;
    if seeded.total() > 0 {
        tracing::info!(?seeded, "bundled content added");
    }
    let repo_accounts = store.count_accounts().await.context("counting accounts")?;
    let started = Instant::now();
    let store = Arc::new(store);
    let state = rapporteur_web::AppState::open(store.clone(), Arc::new(SystemClock), &settings.public_url())
        .await
        .context("building the search index")?
        .with_statistics(settings.statistics.policy())
        .with_linkage(settings.linkage.limits())
        .with_estimation(settings.estimation.limits())
        .with_contact_email(settings.server.contact_email());
    tracing::info!(
        documents = state.search.num_docs(),
        segments = state.search.num_segments(),
        seconds = started.elapsed().as_secs_f32(),
        "search index built"
    );
    // Changes made by other processes on this store (the command line, imports, other servers) reach the
    // pages and the search index within a second.
    state.freshness.clone().watch();
    let app = rapporteur_web::router(state.clone());
    let listener = tokio::net::TcpListener::bind(settings.server.addr)
        .await
        .with_context(|| format!("listening on {}", settings.server.addr))?;
    let addr = listener.local_addr()?;
    println!("Rapporteur is listening on http://{addr}");
    if is_fresh_start(&seeded) {
        println!("The store was empty and now holds the bundled content.");
    }
    if repo_accounts == 0 {
        println!(
            "No account exists yet. Create the first admin (the password is read from standard input):\n  \
             printf '%s\\n' 'a long passphrase' | rapporteur user add --email you@example.eu --role admin --password-stdin{}",
            store_flag(&settings)
        );
    }
    // Runs left running by a stopped server are queued again (or failed) before queued runs are taken.
    let linkage = rapporteur_web::LinkageRunner::start(state).await.context("starting the linkage runner")?;
    let served = axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("serving");
    // A run in progress gives way at its next progress step and is left for the next start to run again.
    linkage.stop().await;
    served
}

/// The store flag to repeat in printed commands, so they act on the store this server uses.
fn store_flag(settings: &Settings) -> String {
    match &settings.database.url {
        Some(_) => " --database-url \"$RAPPORTEUR__DATABASE__URL\"".to_owned(),
        None => format!(" --data-dir {}", settings.database.data_dir.display()),
    }
}

fn is_fresh_start(seeded: &rapporteur_store::SeedReport) -> bool {
    seeded.projects > 0
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
    tracing::info!("shutting down");
}

async fn demo_content(settings: Settings, count: u64) -> anyhow::Result<()> {
    const BATCH: u64 = 2_000;
    let store = open_store(&settings).await?;
    store.seed_bundle(&Bundle::embedded()?).await?;
    let first = store.project_facets().await?.synthetic_projects + 1;
    let bar = ProgressBar::new(count)
        .with_style(ProgressStyle::with_template("{msg} {bar:40} {pos}/{len} ({eta} left)").expect("a valid template"));
    bar.set_message("adding synthetic projects");
    let mut n = first;
    while n < first + count {
        let end = (n + BATCH).min(first + count);
        let batch: Vec<_> = (n..end).map(synthetic_project).collect();
        store.insert_projects(&batch).await.with_context(|| format!("adding synthetic projects {n} to {}", end - 1))?;
        bar.inc(end - n);
        n = end;
    }
    bar.finish_and_clear();
    println!(
        "Added {count} synthetic projects (synthetic-{first} to synthetic-{}); a running server shows them within a second.",
        first + count - 1
    );
    Ok(())
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let mut settings = Settings::load(cli.config.as_deref(), std::env::vars())?;
    match cli.command {
        Command::Serve { addr, public_url, store } => {
            apply_store_args(&mut settings, &store);
            if let Some(addr) = addr {
                settings.server.addr = addr;
            }
            if public_url.is_some() {
                settings.server.public_url = public_url;
            }
            serve(settings).await.map(|()| ExitCode::SUCCESS)
        }
        Command::Migrate { store } => {
            apply_store_args(&mut settings, &store);
            open_store(&settings).await?;
            println!("The store is migrated ({}).", settings.store_location().redacted());
            Ok(ExitCode::SUCCESS)
        }
        Command::User { command, store } => {
            apply_store_args(&mut settings, &store);
            let store = open_store(&settings).await?;
            users::run(&store, command).await.map(|()| ExitCode::SUCCESS)
        }
        Command::Stats { command, store } => {
            let policy = settings.statistics.policy();
            if !command.needs_store() {
                return stats::run_offline(command, &policy);
            }
            apply_store_args(&mut settings, &store);
            let store = open_store(&settings).await?;
            stats::run(&store, command, &policy).await
        }
        // Linkage runs offline at a source or an analyst's desk: no store, no runtime work.
        Command::Link { command } => link::run(command),
        Command::Mse { command } => mse::run(command),
        Command::DemoContent { projects, store } => {
            apply_store_args(&mut settings, &store);
            demo_content(settings, projects).await.map(|()| ExitCode::SUCCESS)
        }
    }
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,tantivy=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
