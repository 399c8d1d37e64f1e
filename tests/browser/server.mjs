// Starts the Rapporteur portal for the browser tests and stops it again.
//
// The binary is env RAPPORTEUR_BIN, or ../../target/debug/rapporteur from this
// folder (so `cargo build` at the repository root first). Each start gets a
// fresh data directory under the system temp dir and a free loopback port.

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, rmSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Where the binary is looked for when RAPPORTEUR_BIN is not set. */
export const DEFAULT_BIN = path.resolve(here, '../../target/debug/rapporteur');

const READY_TIMEOUT_MS = 60_000;
const POLL_INTERVAL_MS = 200;
const STOP_GRACE_MS = 5_000;
const KEEP_OUTPUT_CHARS = 64 * 1024;

/** The binary to run: RAPPORTEUR_BIN (relative to the working directory) or the debug build. */
export function rapporteurBin() {
  const fromEnv = process.env.RAPPORTEUR_BIN;
  return fromEnv ? path.resolve(fromEnv) : DEFAULT_BIN;
}

/** The password of every account the tests create. */
export const PASSWORD = 'a long enough passphrase';

/**
 * Creates an account with the real command line (`rapporteur user add`), on a server's data directory.
 * A rapporteur or source names its Member State (ISO code); a source its organisation (a slug).
 */
export function addUser(dataDir, email, role, { memberState, organisation } = {}) {
  const scope = [
    ...(memberState ? ['--member-state', memberState] : []),
    ...(organisation ? ['--organisation', organisation] : []),
  ];
  const result = spawnSync(
    rapporteurBin(),
    ['user', 'add', '--email', email, '--role', role, ...scope, '--password-stdin', '--data-dir', dataDir],
    { input: `${PASSWORD}\n`, env: { ...process.env, RUST_LOG: 'warn' }, encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new Error(`rapporteur user add ${email} failed (${result.error?.message ?? `status ${result.status}`}):\n${result.stderr}`);
  }
}

/** A free TCP port on 127.0.0.1: listen on port 0, read the port, close. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close((err) => (err ? reject(err) : resolve(port)));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Keeps the last KEEP_OUTPUT_CHARS characters of a stream. */
function tail(stream) {
  const box = { text: '' };
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    box.text += chunk;
    if (box.text.length > KEEP_OUTPUT_CHARS) box.text = box.text.slice(-KEEP_OUTPUT_CHARS);
  });
  return box;
}

/**
 * Starts `RAPPORTEUR_BIN serve --data-dir DIR --addr 127.0.0.1:PORT` and waits
 * until GET /healthz answers 200.
 * @returns {Promise<{ baseUrl: string, dataDir: string, stop: () => Promise<void> }>}
 */
export async function startServer({ readyTimeoutMs = READY_TIMEOUT_MS } = {}) {
  const bin = rapporteurBin();
  try {
    accessSync(bin, constants.X_OK);
  } catch {
    throw new Error(
      `Rapporteur binary not found or not executable: ${bin}\n` +
        'Build it first (`cargo build` at the repository root) or set RAPPORTEUR_BIN.',
    );
  }

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'rapporteur-browser-'));
  const port = await freePort();
  const addr = `127.0.0.1:${port}`;
  const baseUrl = `http://${addr}`;

  // Published synthetic statistics, so that the charts, the map and the tables of figures are checked too
  // (labelled synthetic on every page, as everywhere).
  const synthDir = path.join(dataDir, 'synth');
  const quiet = { env: { ...process.env, RUST_LOG: 'warn' }, stdio: ['ignore', 'ignore', 'inherit'] };
  execFileSync(bin, ['stats', 'synth', '--seed', '9', '--years', '2019-2023', '--out', synthDir], quiet);
  const files = (await readdir(synthDir)).map((f) => path.join(synthDir, f));
  execFileSync(bin, ['stats', 'import', '--data-dir', dataDir, '--publish', ...files], quiet);

  const child = spawn(bin, ['serve', '--data-dir', dataDir, '--addr', addr], {
    env: { ...process.env, RUST_LOG: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout = tail(child.stdout); // drained so a chatty server never blocks on a full pipe
  const stderr = tail(child.stderr);

  let exit = null; // { code, signal } or { error } once the process is gone
  const exited = new Promise((resolve) => {
    child.once('error', (error) => {
      exit ??= { error };
      resolve();
    });
    child.once('exit', (code, signal) => {
      exit ??= { code, signal };
      resolve();
    });
  });

  // If the test process dies without calling stop(), do not leave the server behind.
  const onProcessExit = () => {
    if (exit === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('exit', onProcessExit);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', onProcessExit);
    if (exit === null) {
      child.kill('SIGTERM');
      const gone = await Promise.race([exited.then(() => true), sleep(STOP_GRACE_MS).then(() => false)]);
      if (!gone) {
        child.kill('SIGKILL');
        await exited;
      }
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  const describeExit = () => {
    const how = exit.error
      ? `failed to start: ${exit.error.message}`
      : `exited early with ${exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`}`;
    return (
      `Rapporteur (${bin} serve --data-dir ${dataDir} --addr ${addr}) ${how}\n` +
      `--- stderr ---\n${stderr.text.trimEnd() || '(empty)'}` +
      (stdout.text.trim() ? `\n--- stdout ---\n${stdout.text.trimEnd()}` : '')
    );
  };

  const deadline = Date.now() + readyTimeoutMs;
  let lastProblem = 'no answer yet';
  for (;;) {
    if (exit !== null) {
      const message = describeExit();
      await stop();
      throw new Error(message);
    }
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer().catch(() => {});
      if (res.status === 200) return { baseUrl, dataDir, stop };
      lastProblem = `GET /healthz answered ${res.status}`;
    } catch (err) {
      lastProblem = `GET /healthz failed: ${err.cause?.code ?? err.message}`;
    }
    if (Date.now() >= deadline) {
      await stop();
      throw new Error(
        `Rapporteur did not become healthy at ${baseUrl} within ${readyTimeoutMs / 1000} s (${lastProblem})\n` +
          `--- stderr ---\n${stderr.text.trimEnd() || '(empty)'}`,
      );
    }
    await Promise.race([sleep(POLL_INTERVAL_MS), exited]);
  }
}
