/**
 * Creating folders safely. Node's `mkdirSync(…, { recursive: true })` spins forever under /proc on
 * Linux (found by a newcomer: `npm run import -- x.csv --out /proc/x` never ended), so every place that
 * creates an output folder goes through `createFolder`, which walks the parents one level at a time and
 * refuses virtual file systems with a reason in words.
 */
import { existsSync, mkdirSync, statSync, statfsSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';

/** A folder could not be created. The message is one line: `cannot create folder "<folder>": <reason>`. */
export class FolderError extends Error {
  constructor(
    readonly folder: string,
    readonly reason: string,
    override readonly cause?: unknown,
  ) {
    super(`cannot create folder "${folder}": ${reason}`);
    this.name = 'FolderError';
  }
}

/**
 * Create `folder` and its missing parents (nothing happens when it exists). Refuses, naming the problem:
 * an ancestor that is a file or a device, a virtual file system (/proc, /sys) that cannot hold files,
 * permission denied, a read-only file system. Never loops: each missing level is one plain mkdir.
 * @throws FolderError with a one-line reason.
 */
export function createFolder(folder: string): void {
  const ancestor = nearestExisting(folder);
  const stats = statSync(ancestor);
  if (!stats.isDirectory()) {
    throw new FolderError(folder, ancestor === folder ? `it is ${kindOf(stats)}, not a folder` : `"${ancestor}" is ${kindOf(stats)}, not a folder`);
  }
  if (ancestor === folder) return;
  const virtualFs = virtualFileSystem(ancestor);
  if (virtualFs !== undefined) throw new FolderError(folder, `"${ancestor}" is a virtual file system (${virtualFs}) that cannot hold files`);
  try {
    makeFolder(folder);
  } catch (err) {
    throw new FolderError(folder, folderProblem(err), err);
  }
}

/**
 * Create `folder` and its missing parents one level at a time with plain mkdir calls.
 * @throws the mkdir error (ENOENT, EACCES, ENOTDIR, …).
 */
export function makeFolder(folder: string): void {
  if (existsSync(folder)) return;
  const parent = dirname(folder);
  if (parent !== folder) makeFolder(parent);
  mkdirSync(folder);
}

/** `folder` itself when it exists, else its nearest existing ancestor ("/" at worst). */
export function nearestExisting(folder: string): string {
  let current = folder;
  while (!existsSync(current)) {
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return current;
}

/** What a non-folder is, in words: "a regular file", "a device", "a named pipe", "a socket". */
export function kindOf(stats: Stats): string {
  if (stats.isFile()) return 'a regular file';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** statfs f_type of Linux's virtual file systems that take no regular files. */
const VIRTUAL_FILE_SYSTEMS = new Map<number, string>([
  [0x9fa0, 'procfs'],
  [0x62656572, 'sysfs'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
]);

/** The name of the virtual file system `folder` is on (procfs, sysfs, …), or undefined. */
export function virtualFileSystem(folder: string): string | undefined {
  try {
    return VIRTUAL_FILE_SYSTEMS.get(Number(statfsSync(folder).type));
  } catch {
    return undefined;
  }
}

/**
 * Why mkdir failed, in words (Node's messages name the syscall, not the problem); `otherwise` words
 * any other error (default: its message on one line).
 */
export function folderProblem(err: unknown, otherwise: (err: unknown) => string = oneLine): string {
  switch ((err as NodeJS.ErrnoException).code) {
    case 'ENOTDIR':
    case 'EEXIST':
      return 'a file stands where a folder is needed';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOENT':
      return 'its parent folder does not accept new folders';
    default:
      return otherwise(err);
  }
}

function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/\s+/g, ' ').trim() || 'unknown error';
}
