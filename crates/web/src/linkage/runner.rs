//! The linkage runner: one task per server process takes queued runs one at a time, woken when a run is
//! queued (the state's bell) and looking every few seconds anyway (for runs queued by another process on the
//! same store). The linkage itself is CPU work of seconds to hours: it runs on a blocking thread, never on
//! the threads that answer requests, and reports its progress to the store about once a second.
//!
//! A run ends done (its result and capture histories stored) or failed (with the reason in words), whatever
//! goes wrong, a panic included. Two things stop a run early and leave it as it is: the store saying it is no
//! longer running (someone else ended it), and the server stopping. A run left `running` by a stopped server
//! is queued again, or failed after too many attempts, by [`LinkageRunner::start`] at the next start.
//!
//! Stopping early needs the linkage to give way: its progress callback is the only place it calls out, so
//! there it unwinds with [`Cancelled`] (by `resume_unwind`, which prints nothing), and rayon carries the
//! unwinding back to the blocking thread, where it is told apart from a real panic.

use super::results::{RunResult, RunSettings, UploadUsed};
use super::uploads::KeptSection;
use crate::state::AppState;
use rapporteur_linkage::blocking::Blocking;
use rapporteur_linkage::cluster::{breakdowns, link_sources, ClusterOptions, MAX_SOURCES};
use rapporteur_linkage::keyfile::{check_compatible, Attributes, KeyFile};
use rapporteur_linkage::{KeySet, Threshold};
use rapporteur_store::{LinkageRun, RunId, StoreError, UploadSummary};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::Notify;
use tokio::task::JoinHandle;

/// How often the runner looks for queued runs when nobody rings.
const POLL: Duration = Duration::from_secs(5);

/// How often a run's progress is written: each is a write to the store.
const REPORT_EVERY: Duration = Duration::from_secs(1);

/// The phases of a run, as the store keeps them (the pages say them in the reader's language).
pub(super) const PHASE_LOADING: &str = "loading";
pub(super) const PHASE_COMPARING: &str = "comparing";
pub(super) const PHASE_COUNTING: &str = "counting";

/// The runner of this server process.
#[derive(Debug)]
pub struct LinkageRunner {
    stop: Arc<Stop>,
    task: JoinHandle<()>,
}

/// The runner's own signal to stop.
#[derive(Debug, Default)]
struct Stop {
    stopping: AtomicBool,
    bell: Notify,
}

impl LinkageRunner {
    /// Recovers the runs a stopped server left running (queued again, or failed once taken
    /// `max_attempts` times), then starts taking queued runs.
    pub async fn start(state: AppState) -> Result<LinkageRunner, StoreError> {
        let (requeued, failed) = state.repo.recover_linkage_runs(state.linkage.max_attempts).await?;
        if requeued + failed > 0 {
            tracing::info!(requeued, failed, "linkage runs left by a stopped server recovered");
        }
        let stop = Arc::new(Stop::default());
        let task = tokio::spawn(take_runs(state, stop.clone()));
        Ok(LinkageRunner { stop, task })
    }

    /// Stops taking runs and waits for the runner to end. A run in progress stops at its next progress
    /// report and stays `running`, for the next start to queue again.
    pub async fn stop(self) {
        self.stop.stopping.store(true, Ordering::Release);
        self.stop.bell.notify_one();
        if let Err(e) = self.task.await {
            tracing::error!(error = %e, "the linkage runner ended abnormally");
        }
    }
}

async fn take_runs(state: AppState, stop: Arc<Stop>) {
    while !stop.stopping.load(Ordering::Acquire) {
        match state.repo.claim_linkage_run().await {
            Ok(Some(run)) => {
                run_one(&state, run, &stop).await;
                continue;
            }
            Ok(None) => {}
            Err(e) => tracing::warn!(error = %e, "looking for queued linkage runs failed; trying again"),
        }
        tokio::select! {
            () = state.linkage_queue.notified() => {}
            () = stop.bell.notified() => {}
            () = tokio::time::sleep(POLL) => {}
        }
    }
}

/// Why a run did not finish.
#[derive(Debug)]
enum Failure {
    /// It cannot be done, for a reason its rapporteur can act on.
    Refused(String),
    /// The store failed (logged; the rapporteur is told without internals).
    Store(StoreError),
    /// The linkage panicked: a fault of the server.
    Panicked(String),
    /// Someone else ended it, or the server is stopping: it is left as it is.
    Stopped,
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Failure {
        match e {
            StoreError::AlreadyChanged { .. } | StoreError::NotFound { .. } => Failure::Stopped,
            e => Failure::Store(e),
        }
    }
}

/// Runs one claimed run to its end, in a task of its own, so that a panic anywhere is caught and the run
/// failed rather than left running.
async fn run_one(state: &AppState, run: LinkageRun, stop: &Arc<Stop>) {
    let id = run.id;
    tracing::info!(run = %id, member_state = run.member_state.iso(), year = run.year, attempt = run.attempts, "linkage run started");
    let started = Instant::now();
    let outcome = tokio::spawn(perform(state.clone(), run, stop.clone())).await;
    let reason = match outcome {
        Ok(Ok(persons)) => {
            tracing::info!(run = %id, persons, seconds = started.elapsed().as_secs_f32(), "linkage run done");
            return;
        }
        Ok(Err(Failure::Stopped)) => {
            tracing::info!(run = %id, "linkage run stopped before its end; it is left as it is");
            return;
        }
        Ok(Err(Failure::Refused(reason))) => reason,
        Ok(Err(Failure::Store(e))) => {
            tracing::error!(run = %id, error = %e, "the store failed during a linkage run");
            "the store could not be read or written during the run (the server's log says why); start the run \
             again"
                .to_owned()
        }
        Ok(Err(Failure::Panicked(message))) => panicked(id, &message),
        Err(e) if e.is_panic() => panicked(id, &panic_message(e.into_panic().as_ref())),
        Err(_) => {
            tracing::info!(run = %id, "linkage run cancelled with the server");
            return;
        }
    };
    match state.repo.fail_linkage_run(id, &reason).await {
        Ok(_) => tracing::warn!(run = %id, reason, "linkage run failed"),
        Err(StoreError::AlreadyChanged { .. }) => {}
        Err(e) => tracing::error!(run = %id, error = %e, "recording a linkage run's failure failed"),
    }
}

fn panicked(id: RunId, message: &str) -> String {
    tracing::error!(run = %id, panic = message, "linkage run panicked");
    "the linkage stopped on an internal error of the server (logged for its administrators); start the run \
     again, and tell them if it fails again"
        .to_owned()
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned())
}

/// The unwinding that stops a linkage early (see the module's documentation).
struct Cancelled;

/// Where a run stands, shared between the blocking thread that works and the task that reports.
struct Progress {
    phase: Mutex<&'static str>,
    done: AtomicU64,
    total: AtomicU64,
    /// Set when the store says the run is no longer running.
    cancelled: AtomicBool,
    stop: Arc<Stop>,
}

impl Progress {
    fn new(stop: Arc<Stop>) -> Progress {
        Progress {
            phase: Mutex::new(PHASE_LOADING),
            done: AtomicU64::new(0),
            total: AtomicU64::new(0),
            cancelled: AtomicBool::new(false),
            stop,
        }
    }

    fn should_stop(&self) -> bool {
        self.cancelled.load(Ordering::Acquire) || self.stop.stopping.load(Ordering::Acquire)
    }

    fn enter(&self, phase: &'static str, total: u64) {
        *self.phase.lock().unwrap_or_else(|e| e.into_inner()) = phase;
        self.done.store(0, Ordering::Release);
        self.total.store(total, Ordering::Release);
    }

    /// Unwinds when the run must stop (on a blocking thread only).
    fn give_way(&self) {
        if self.should_stop() {
            std::panic::resume_unwind(Box::new(Cancelled));
        }
    }

    /// Notes progress in the current phase, and gives way when the run must stop.
    fn step(&self, done: u64, total: u64) {
        self.give_way();
        self.done.fetch_max(done, Ordering::AcqRel);
        self.total.store(total, Ordering::Release);
    }

    fn snapshot(&self) -> (&'static str, u64, u64) {
        let phase = *self.phase.lock().unwrap_or_else(|e| e.into_inner());
        (phase, self.done.load(Ordering::Acquire), self.total.load(Ordering::Acquire))
    }

    /// Writes the progress to the store; a run no longer running is cancelled.
    async fn report(&self, state: &AppState, id: RunId) -> Result<(), Failure> {
        let (phase, done, total) = self.snapshot();
        match state.repo.update_linkage_progress(id, phase, done, total).await {
            Ok(()) => Ok(()),
            Err(e) => match Failure::from(e) {
                Failure::Stopped => {
                    self.cancelled.store(true, Ordering::Release);
                    Err(Failure::Stopped)
                }
                // A missed report is no reason to give up hours of work: the next one may pass.
                Failure::Store(e) => {
                    tracing::warn!(run = %id, error = %e, "writing a linkage run's progress failed");
                    Ok(())
                }
                other => Err(other),
            },
        }
    }
}

/// An upload read from the store, ready to link.
struct Loaded {
    summary: UploadSummary,
    keys: Vec<u8>,
    section: String,
}

/// What the blocking work hands back.
struct Linked {
    result: RunResult,
    histories_csv: String,
    uploads: Vec<UploadUsed>,
}

async fn perform(state: AppState, run: LinkageRun, stop: Arc<Stop>) -> Result<u64, Failure> {
    let progress = Arc::new(Progress::new(stop));
    progress.report(&state, run.id).await?;
    let threshold = Threshold::new(run.threshold).map_err(|e| Failure::Refused(e.to_string()))?;
    let merge_fraction =
        serde_json::from_str::<RunSettings>(&run.settings).map(|s| s.merge_fraction).unwrap_or(super::MERGE_FRACTION);
    let uploads = state.repo.linkage_uploads(run.member_state, run.year).await?;
    if uploads.len() < 2 {
        return Err(Failure::Refused(format!(
            "{} source(s) have keys for {} now: a linkage needs the keys of at least two sources",
            uploads.len(),
            run.year
        )));
    }
    if uploads.len() > MAX_SOURCES {
        return Err(Failure::Refused(format!("{} sources: a linkage takes at most {MAX_SOURCES}", uploads.len())));
    }
    progress.enter(PHASE_LOADING, uploads.len() as u64);
    let mut loaded = Vec::with_capacity(uploads.len());
    let mut reported = Instant::now();
    for (i, upload) in uploads.iter().enumerate() {
        let gone = || Failure::Refused(format!("the upload of {} was replaced during the run", upload.organisation));
        let (summary, keys) = state.repo.linkage_upload_keys(upload.id).await?.ok_or_else(gone)?;
        let section = state.repo.linkage_upload_attributes(upload.id).await?.ok_or_else(gone)?;
        loaded.push(Loaded { summary, keys, section });
        progress.done.store(i as u64 + 1, Ordering::Release);
        if reported.elapsed() >= REPORT_EVERY {
            progress.report(&state, run.id).await?;
            reported = Instant::now();
        }
    }
    let shared = progress.clone();
    let mut job = tokio::task::spawn_blocking(move || link(loaded, threshold, merge_fraction, &shared));
    let mut ticks = tokio::time::interval(REPORT_EVERY);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let joined = loop {
        tokio::select! {
            joined = &mut job => break joined,
            _ = ticks.tick() => {
                // A run someone else ended is cancelled inside `report`; the blocking work gives way at its
                // next step and `job` ends.
                let _ = progress.report(&state, run.id).await;
            }
        }
    };
    let linked = match joined {
        Ok(Ok(linked)) => linked,
        Ok(Err(reason)) => return Err(Failure::Refused(reason)),
        Err(e) if e.is_panic() => {
            let payload = e.into_panic();
            if payload.is::<Cancelled>() {
                return Err(Failure::Stopped);
            }
            return Err(Failure::Panicked(panic_message(payload.as_ref())));
        }
        Err(_) => return Err(Failure::Stopped),
    };
    if progress.should_stop() {
        return Err(Failure::Stopped);
    }
    let result_json = serde_json::to_string(&linked.result).map_err(|e| Failure::Panicked(e.to_string()))?;
    let uploads_json = serde_json::to_string(&linked.uploads).map_err(|e| Failure::Panicked(e.to_string()))?;
    state.repo.finish_linkage_run(run.id, &result_json, &linked.histories_csv, &uploads_json).await?;
    Ok(linked.result.persons)
}

/// The linkage proper, on a blocking thread: keys and attributes read, checked to be linkable, linked,
/// counted. `Err` is a reason for the rapporteur.
fn link(loaded: Vec<Loaded>, threshold: Threshold, merge_fraction: f64, progress: &Progress) -> Result<Linked, String> {
    let mut names = Vec::with_capacity(loaded.len());
    let mut uploads = Vec::with_capacity(loaded.len());
    let mut files = Vec::with_capacity(loaded.len());
    for upload in loaded {
        let Loaded { summary, keys: bytes, section } = upload;
        let organisation = summary.organisation.to_string();
        let unreadable = |what: &str| format!("the upload of {organisation} cannot be read ({what}): upload it again");
        let kept: KeptSection = serde_json::from_str(&section).map_err(|_| unreadable("its attributes"))?;
        drop(section);
        let key_bytes = summary.key_bytes();
        if summary.key_bits == 0 || bytes.len() % key_bytes != 0 {
            return Err(unreadable("its keys"));
        }
        let mut keys = KeySet::new(summary.key_bits as usize);
        for key in bytes.chunks_exact(key_bytes) {
            keys.push_bytes(key);
        }
        drop(bytes);
        progress.give_way();
        let mut file = KeyFile::bare(keys);
        file.schema = summary.schema_fingerprint.clone();
        file.secret_check = kept.secret_check.clone();
        file.standardised = kept.standardised;
        file.attributes = kept.into_attributes();
        names.push(organisation.clone());
        uploads.push(UploadUsed { id: summary.id.0, organisation });
        files.push(file);
    }
    // Checked at each upload against the others; checked again, as uploads replaced since may not agree.
    let named: Vec<(&str, &KeyFile)> = names.iter().map(String::as_str).zip(&files).collect();
    check_compatible(&named).map_err(|e| format!("the uploads cannot be linked together: {e}"))?;
    let records: u64 = files.iter().map(|f| f.keys.len() as u64).sum();
    let blocking = Blocking::automatic(records * records.saturating_sub(1) / 2);
    let options = ClusterOptions { threshold, blocking, merge_fraction };
    progress.enter(PHASE_COMPARING, 0);
    let keys: Vec<&KeySet> = files.iter().map(|f| &f.keys).collect();
    let linkage = link_sources(&names, &keys, &options, &|done, total| progress.step(done, total));
    progress.enter(PHASE_COUNTING, 0);
    progress.give_way();
    let attributes: Vec<&Attributes> = files.iter().map(|f| &f.attributes).collect();
    let breakdowns = breakdowns(&linkage, &attributes);
    let mut csv = Vec::new();
    linkage.histories.write_csv(&mut csv).map_err(|e| format!("writing the capture histories failed: {e}"))?;
    let histories_csv = String::from_utf8(csv).map_err(|_| "the capture histories are not text".to_owned())?;
    let result = RunResult::of(&linkage, &uploads, breakdowns, threshold.get(), merge_fraction, blocking);
    Ok(Linked { result, histories_csv, uploads })
}
