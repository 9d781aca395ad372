/**
 * GET /healthz on the receiver's HTTP server (Bolt custom route): 200 "ok". The Docker HEALTHCHECK
 * calls it. In Socket Mode Bolt serves custom routes on PORT too.
 */
import type { CustomRoute } from '@slack/bolt';

/** The path of the health check. */
const HEALTH_PATH = '/healthz';

/** The /healthz custom route: answers 200 text/plain "ok" while the process serves requests. */
export const healthRoute: CustomRoute = {
  path: HEALTH_PATH,
  method: ['GET'],
  handler: (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('ok');
  },
};
