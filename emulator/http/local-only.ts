/**
 * The policy of the control API (`/__emulator/…`): only local, same-origin callers. It is separate
 * from the API routes on purpose: API routes answer browsers from any origin as the service does
 * (CORS lives with them, in the pipeline's API branch), while control routes can reset state, read
 * the request log and inject faults, so a web page must never reach them.
 *
 * A control request is refused (403, google.rpc shape, never any `Access-Control-*` header) when:
 * - its Host is not a local name with the bound port (DNS rebinding);
 * - it carries an `Origin` other than the emulator's own (`Origin: null` included): every browser
 *   sends `Origin` on cross-origin writes, so CORS-simple writes (`text/plain` POST, forms) from another
 *   page are refused here, and nothing ever answers a preflight;
 * - `Sec-Fetch-Site` says another site or origin sent it;
 * - a control token is set and the `x-emulator-control-token` header does not match (401).
 * Requests from non-browser clients (no `Origin`, no `Sec-Fetch-Site`: curl, Node fetch, tests) pass.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { RpcError } from '../errors.js';
import type { HostCheck } from './host-check.js';

/** The header carrying the control token. */
export const CONTROL_TOKEN_HEADER = 'x-emulator-control-token';

const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

const denied = (why: string): RpcError =>
  new RpcError(403, `The emulator control API answers only local same-origin callers: ${why}.`);

function sameToken(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Why a control request is refused, or `undefined` when it may be served. */
export function controlRefusal(
  req: IncomingMessage,
  hosts: HostCheck,
  controlToken: string | undefined,
  absoluteForm: boolean,
): RpcError | undefined {
  if (absoluteForm) return denied('absolute-form request targets (proxies) are not served');
  const host = hosts.refused(req, undefined, { withPort: true, required: true });
  if (host !== undefined) return denied(`Host ${JSON.stringify(host)} is not this emulator's local address`);
  const origin = header(req, 'origin');
  if (origin !== undefined) {
    let own = false;
    try {
      const u = new URL(origin);
      own = u.protocol === 'http:' && u.host === new URL(`http://${header(req, 'host') ?? ''}`).host;
    } catch {
      own = false;
    }
    if (!own) return denied(`Origin ${JSON.stringify(origin)} is not the emulator's own origin`);
  }
  const site = header(req, 'sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return denied(`a ${site} request (Sec-Fetch-Site) is not served`);
  }
  if (controlToken !== undefined && !sameToken(header(req, CONTROL_TOKEN_HEADER), controlToken)) {
    return new RpcError(401, `The emulator control API needs the ${CONTROL_TOKEN_HEADER} header.`);
  }
  return undefined;
}
