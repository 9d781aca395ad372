/**
 * openPostgresStore's refusals in one line, no server needed: a URL that does not parse, a
 * `?schema=` that is not a plain name, and a URL without a password for a server that asks for one
 * (a loopback listener speaking just enough of the PostgreSQL protocol: SCRAM-SHA-256 requested).
 */
import { createServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres/open.js';

/** Protocol message: type byte, int32 length (itself included), body. */
function message(type: string, body: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeInt32BE(body.length + 4);
  return Buffer.concat([Buffer.from(type), length, body]);
}

/** AuthenticationSASL (10) offering SCRAM-SHA-256, then AuthenticationSASLContinue (11) after the client's first message. */
function scramOnlyServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => {
    sockets.push(socket);
    let seen = 0;
    socket.on('data', () => {
      seen += 1;
      const code = Buffer.alloc(4);
      if (seen === 1) {
        code.writeInt32BE(10);
        socket.write(message('R', Buffer.concat([code, Buffer.from('SCRAM-SHA-256\0\0')])));
      } else {
        code.writeInt32BE(11);
        socket.write(message('R', Buffer.concat([code, Buffer.from('r=nonce,s=c2FsdA==,i=4096')])));
      }
    });
    socket.on('error', () => {});
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = address !== null && typeof address === 'object' ? address.port : 0;
      resolve({ port, close: () => new Promise((done) => { for (const s of sockets) s.destroy(); server.close(() => done()); }) });
    }),
  );
}

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

async function refusal(url: string): Promise<string> {
  const err = await openPostgresStore(url).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Error);
  const text = (err as Error).message;
  expect(text).not.toContain('\n');
  return text;
}

describe('openPostgresStore refusals', () => {
  it('a URL that does not parse: says so, password masked', async () => {
    const text = await refusal('postgres://u:secretpw@[bad');
    expect(text).toBe('cannot open the database postgres://u:***@[bad: it is not a valid URL (expected postgres://user:password@host:5432/database)');
  });

  it('a ?schema= that is not a plain name: names it, the URL label keeps ?schema=', async () => {
    for (const [query, schema] of [
      ['a%20b', 'a b'],
      ['bad;drop', 'bad;drop'],
    ]) {
      const text = await refusal(`postgres://u:secretpw@127.0.0.1:1/db?schema=${query}`);
      expect(text).toBe(
        `cannot open the database postgres://u:***@127.0.0.1:1/db?schema=${query}: the schema ${JSON.stringify(schema)} is not a plain name (letters, digits and _, not starting with a digit, at most 63)`,
      );
    }
  });

  it('a URL without a password for a server that wants one: says so, not the driver internals', async () => {
    const server = await scramOnlyServer();
    stop = server.close;
    const text = await refusal(`postgres://postgres@127.0.0.1:${server.port}/postgres`);
    expect(text).toBe(
      `cannot open the database postgres://postgres@127.0.0.1:${server.port}/postgres: the server wants a password and the URL has none (postgres://user:password@host/database)`,
    );
  });
});
