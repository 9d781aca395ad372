/** Runs src/ask.ts or src/main.ts in a child process with tsx, in a temp data folder. */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

const made: string[] = [];

/** A fresh temp folder (removed by `removeTempDirs`). */
export function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kms-tutor-test-'));
  made.push(dir);
  return dir;
}

/** Remove every folder `tempDir` made (call in afterAll). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** The environment of a child: no chat tokens, no CI colours, plus `extra`. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  // The scheduler's heartbeat file goes to a temp folder too, never into the project's data/.
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, HEARTBEAT_PATH: path.join(tempDir(), 'heartbeat'), ...extra };
  return env;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `tsx src/ask.ts ...args` with `env`. */
export function ask(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(TSX, ['src/ask.ts', ...args], { cwd: ROOT, env: childEnv(env), timeout: 30_000 }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: number | string }).code as number | null) : 0;
      resolve({ code: typeof code === 'number' ? code : null, stdout, stderr });
    });
  });
}

/**
 * `tsx src/main.ts ...args`: with `stdin` a string, it is piped in and then closed; with `null`,
 * stdin is /dev/null (as `npm start </dev/null`, or a container without -i/-t).
 */
function spawnMain(args: string[], env: Record<string, string>, stdin: string | null): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(TSX, ['src/main.ts', ...args], { cwd: ROOT, env: childEnv(env), stdio: [stdin === null ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => (stdout += String(d)));
    child.stderr?.on('data', (d) => (stderr += String(d)));
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    });
    if (stdin !== null) child.stdin?.end(stdin);
  });
}

/** `tsx src/main.ts ...args` with `stdin` piped in, then closed. */
export function runMain(args: string[], env: Record<string, string>, stdin: string): Promise<CliResult> {
  return spawnMain(args, env, stdin);
}

/** `tsx src/main.ts ...args` with stdin on /dev/null (as `npm start </dev/null`, or a container without -i/-t). */
export function runMainWithoutTerminal(args: string[], env: Record<string, string>): Promise<CliResult> {
  return spawnMain(args, env, null);
}

/**
 * Start `node --import tsx src/main.ts` with stdin left open; the caller signals it. (Node itself, not
 * the tsx CLI: the CLI relays signals with a 30 ms handshake and SIGKILLs a child that is slow to
 * acknowledge on a loaded machine, which is not what a signal test should measure.)
 */
export function startMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env: childEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += String(d)));
  child.stderr.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<CliResult>((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    });
  });
  return { child, exited, stdout: () => stdout };
}

/**
 * `tsx src/ask.ts ...args` whose stdout reader is gone before it writes (like `| head -1` after
 * the first line, or `| true`): the pipe's read end is closed at once, so every write fails with EPIPE.
 */
export function askIntoClosedPipe(args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(TSX, ['src/ask.ts', ...args], { cwd: ROOT, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stderr });
    });
  });
}
