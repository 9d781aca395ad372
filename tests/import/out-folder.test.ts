import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { saveReplyImages } from '../../src/adapters/terminal/images.js';
import { createFolder } from '../../src/fs/folder.js';
import { runImport } from '../../src/import/run-import.js';
import { writeHeartbeat } from '../../src/schedule/heartbeat.js';
import { FIXTURES, tempDecks, type TempDecks } from './helpers.js';

const CSV = path.join(FIXTURES, 'aws-security-bank.csv');

let temp: TempDecks | undefined;
afterEach(() => {
  temp?.remove();
  temp = undefined;
});

// Node's recursive mkdir spins forever under /proc on Linux: every folder the project creates for its
// output must fail at once with one line naming the folder instead.
describe('output folders that cannot be created', () => {
  it('import --out /proc/x: one line naming the folder, exit 1 (it used to hang)', () => {
    const result = runImport([CSV, '--out', '/proc/kms-tutor-x']);
    expect(result.exitCode).toBe(1);
    expect(result.lines).toEqual(['import failed: cannot create folder "/proc/kms-tutor-x": "/proc" is a virtual file system (procfs) that cannot hold files']);
  });

  it('import --out under a regular file: names the file in the way; a missing deep folder is still created', () => {
    temp = tempDecks();
    mkdirSync(temp.contentDir, { recursive: true });
    const file = path.join(temp.contentDir, 'a-file');
    writeFileSync(file, 'x');
    const refused = runImport([CSV, '--out', path.join(file, 'decks')]);
    expect(refused).toMatchObject({ exitCode: 1, lines: [`import failed: cannot create folder "${path.join(file, 'decks')}": "${file}" is a regular file, not a folder`] });
    const deep = path.join(temp.contentDir, 'new', 'deep');
    expect(runImport([CSV, '--out', deep]).exitCode).toBe(0);
    expect(readdirSync(deep)).toHaveLength(1);
  });

  it('the heartbeat file and terminal chart folder refuse /proc instead of spinning', () => {
    expect(() => writeHeartbeat('/proc/kms-tutor-hb/heartbeat', new Date(0))).toThrow('cannot create folder "/proc/kms-tutor-hb": "/proc" is a virtual file system');
    const reply = saveReplyImages({ visibility: 'user', tone: 'info', blocks: [{ type: 'image', png: Buffer.from('png'), name: 'c.png', alt: 'a chart' }] }, '/proc/kms-tutor-charts');
    expect(reply.blocks).toEqual([{ type: 'text', text: 'Chart (not saved): a chart' }]);
    expect(() => createFolder('/proc/kms-tutor-y/z')).toThrow('cannot create folder "/proc/kms-tutor-y/z": "/proc" is a virtual file system (procfs) that cannot hold files');
  });
});
