/**
 * Every `text` string in a Slack view, message or response (plain text and mrkdwn objects, at any
 * depth), in document order: what a test reads to see the words a user was shown.
 */
export function textsOf(value: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (k === 'text' && typeof x === 'string' ? out.push(x) : walk(x));
  };
  walk(value);
  return out;
}
