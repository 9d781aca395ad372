/**
 * Reply pictures in the terminal: each image block's PNG is written to a file in a folder (default
 * <os tmpdir>/kms-tutor-charts) and the block becomes a line with the file's path and alt text, so
 * the printed reply says where to open it. A write that fails leaves the alt text only.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFolder } from '../../fs/folder.js';
import type { Reply, ReplyBlock } from '../../core/reply.js';

/** Where the terminal writes reply pictures unless told otherwise. */
const DEFAULT_IMAGE_DIR = join(tmpdir(), 'kms-tutor-charts');

let counter = 0;

/** `reply` with every image block written under `dir` and replaced by a "Chart saved to <path>" line. */
export function saveReplyImages(reply: Reply, dir: string = DEFAULT_IMAGE_DIR): Reply {
  if (!reply.blocks.some((b) => b.type === 'image')) return reply;
  const blocks: ReplyBlock[] = reply.blocks.map((block) => {
    if (block.type !== 'image') return block;
    try {
      createFolder(dir);
      counter += 1;
      const path = join(dir, `${Date.now()}-${process.pid}-${counter}-${block.name}`);
      writeFileSync(path, block.png);
      return { type: 'text', text: `Chart saved to ${path} — ${block.alt}` };
    } catch {
      return { type: 'text', text: `Chart (not saved): ${block.alt}` };
    }
  });
  return { ...reply, blocks };
}
