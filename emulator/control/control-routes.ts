/**
 * HTTP access to the control API under `/__emulator/…`, for CLI users and non-JS tests. Feature
 * areas add their own routes next to the base ones (see control/http-control.ts).
 */

/** Serves one control route; the return value is sent as JSON (`undefined` → `{}`). */
export type ControlHandler = (body: unknown, query: URLSearchParams, path: string) => unknown;

interface ControlRoute {
  readonly method: string;
  readonly path: string;
  readonly pattern: RegExp;
  readonly handler: ControlHandler;
}

/** Control routes of one emulator instance. */
export class ControlRoutes {
  private readonly routes: ControlRoute[] = [];

  /**
   * Adds a route. `path` is relative to `/__emulator/`; `*` matches one segment
   * (e.g. `models/*`). The handler gets the request path to read segments from.
   */
  add(method: string, path: string, handler: ControlHandler): void {
    const re = path
      .split('/')
      .map((seg) => (seg === '*' ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    this.routes.push({ method, path, pattern: new RegExp(`^${re}$`), handler });
  }

  /** Every route as registered (`*` for one segment), e.g. for tests that exercise them all. */
  list(): readonly { readonly method: string; readonly path: string }[] {
    return this.routes.map((r) => ({ method: r.method, path: r.path }));
  }

  /** The handler for a method and path relative to `/__emulator/`. */
  find(method: string, path: string): ControlHandler | undefined {
    return this.routes.find((r) => r.method === method && r.pattern.test(path))?.handler;
  }
}
