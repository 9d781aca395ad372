import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, wantsPretty } from '../../src/logger.js';

describe('logger', () => {
  it('redacts token-looking fields at any of the first three levels', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const log = createLogger({ level: 'info', destination: sink });
    log.info({ token: 'xoxb-top', config: { slack: { botToken: 'xoxb-deep', appToken: 'xapp-deep' } }, headers: { authorization: 'Bot abc' } }, 'hello');
    const out = lines.join('');
    expect(out).toContain('hello');
    for (const secret of ['xoxb-top', 'xoxb-deep', 'xapp-deep', 'Bot abc']) expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ level: 30, msg: 'hello' });
  });

  it('honours the level', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const log = createLogger({ level: 'warn', destination: sink });
    log.info({}, 'quiet');
    log.warn({}, 'loud');
    expect(lines.join('')).not.toContain('quiet');
    expect(lines.join('')).toContain('loud');
  });

  it('is pretty only on a TTY outside CI', () => {
    expect(wantsPretty(true, {})).toBe(true);
    expect(wantsPretty(true, { CI: 'true' })).toBe(false);
    expect(wantsPretty(false, {})).toBe(false);
  });
});
