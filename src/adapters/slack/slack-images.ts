/**
 * Reply pictures on Slack, through its file upload API: files.getUploadURLExternal (a URL and a
 * file id per file), the PNG bytes POSTed to that URL, then files.completeUploadExternal sharing
 * the file in a channel (with its alt text as title). Block Kit replies carry no picture block
 * (block-kit.ts): a channel reply's pictures are shared in that channel after it; an ephemeral
 * reply's pictures go to the asker's direct message with the bot (conversations.open), so nobody
 * else sees them. Needs the files:write (and im:write) scopes. Failures are logged, never thrown:
 * the reply's text bars already said everything.
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from '../../core/ports/logger.js';
import type { Reply, ReplyImage } from '../../core/reply.js';

type WebClient = webApi.WebClient;

/** Where pictures go: a channel (or DM channel) id, or a user's DM with the bot. */
export type ImageDestination = { channelId: string } | { userId: string };

/** The image blocks of a reply, in order. */
function replyImages(reply: Reply): ReplyImage[] {
  return reply.blocks.filter((b): b is ReplyImage => b.type === 'image');
}

/** True when `reply` has a picture to share (most replies have none: no Web API client is needed then). */
export function hasImages(reply: Reply): boolean {
  return reply.blocks.some((b) => b.type === 'image');
}

/** Upload `reply`'s pictures and share them at `destination`. Resolves how many were shared; never rejects. */
export async function shareReplyImages(client: WebClient, logger: Logger, reply: Reply, destination: ImageDestination): Promise<number> {
  const images = replyImages(reply);
  if (images.length === 0) return 0;
  try {
    const channelId = 'channelId' in destination ? destination.channelId : await dmChannel(client, destination.userId);
    const files: { id: string; title: string }[] = [];
    for (const image of images) {
      const ticket = await client.files.getUploadURLExternal({ filename: image.name, length: image.png.byteLength, alt_text: image.alt });
      if (!ticket.upload_url || !ticket.file_id) throw new Error('files.getUploadURLExternal returned no upload_url or file_id');
      const res = await fetch(ticket.upload_url, { method: 'POST', body: new Blob([Buffer.from(image.png)]), headers: { 'Content-Type': 'image/png' } });
      if (!res.ok) throw new Error(`the file upload URL answered HTTP ${res.status}`);
      files.push({ id: ticket.file_id, title: image.alt });
    }
    const [first, ...rest] = files;
    if (!first) return 0;
    await client.files.completeUploadExternal({ files: [first, ...rest], channel_id: channelId });
    return files.length;
  } catch (err) {
    logger.warn({ err, images: images.map((i) => i.name) }, 'could not upload reply pictures to Slack; the text bars stand');
    return 0;
  }
}

async function dmChannel(client: WebClient, userId: string): Promise<string> {
  const opened = await client.conversations.open({ users: userId });
  const id = opened.channel?.id;
  if (!id) throw new Error('conversations.open returned no channel');
  return id;
}
