/**
 * Routing: every manifest method by HTTP verb + `/{version}/` + flatPath, plus the media prefixes
 * (`/upload/…` for methods with `upload`, `/download/…` for `media` methods).
 *
 * Each `{x}` in a flatPath matches one segment without `/` or `:`, so a `:verb` suffix is never
 * swallowed by an id (`GET models/x:generateContent` is not `models.get`).
 */
import type { ManifestEntry } from './spec-source.js';

/** API versions the emulator serves (a method with a pinned `version` is served only there). */
export const API_VERSIONS: readonly string[] = ['v1beta', 'v1', 'v1alpha'];

/** Which door a request came through: the REST path, the upload host path or the download path. */
export type RouteKind = 'rest' | 'upload' | 'download';

/** A request that resolved to a method. */
export interface RouteMatch {
  readonly kind: 'method';
  readonly entry: ManifestEntry;
  readonly routeKind: RouteKind;
  /** The version segment of the request path. */
  readonly version: string;
  /** Path parameters by wire name (e.g. `model: "models/gemini-2.5-flash"`), percent-decoded. */
  readonly params: Readonly<Record<string, string>>;
}

/**
 * A request that resolved to nothing. `json` is true when the path sits under a served version and
 * a known collection (the service answers a JSON 404); otherwise the front end's HTML 404 applies.
 */
export interface RouteMiss {
  readonly kind: 'miss';
  readonly json: boolean;
}

interface CompiledRoute {
  readonly entry: ManifestEntry;
  readonly routeKind: RouteKind;
  readonly versions: readonly string[];
  readonly flat: RegExp;
  readonly path: RegExp;
  readonly pathParams: readonly string[];
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** flatPath → regex where each `{x}` is one segment without `/` or `:`. */
function compileFlat(flatPath: string): RegExp {
  const parts = flatPath.split(/(\{[^}]+\})/).map((p) => (p.startsWith('{') ? '([^/:]+)' : escapeRe(p)));
  return new RegExp(`^${parts.join('')}$`);
}

/** path template → regex capturing each parameter (`{+x}` may span `/`). */
function compilePath(path: string): { re: RegExp; names: string[] } {
  const names: string[] = [];
  const parts = path.split(/(\{\+?[^}]+\})/).map((p) => {
    const m = /^\{(\+?)([^}]+)\}$/.exec(p);
    if (!m) return escapeRe(p);
    names.push(m[2] ?? '');
    return m[1] === '+' ? '(.+?)' : '([^/]+)';
  });
  return { re: new RegExp(`^${parts.join('')}$`), names };
}

function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/** The compiled route table of one emulator instance. */
export class Router {
  private readonly routes: CompiledRoute[] = [];
  /** Collections some method serves in some version (`models`, `files`…): misses under them answer JSON. */
  private readonly collections = new Set<string>();
  private readonly patterns = new Map<string, RegExp>();

  /**
   * `versionMethods` lists the methods a version serves, for versions with their own discovery
   * document (v1); a version without a list serves every entry, and a pinned `entry.version` wins.
   */
  constructor(
    entries: readonly ManifestEntry[],
    versionMethods: Readonly<Record<string, readonly string[]>> = {},
  ) {
    for (const entry of entries) {
      const versions =
        entry.version === undefined
          ? API_VERSIONS.filter((v) => versionMethods[v]?.includes(entry.id) ?? true)
          : [entry.version];
      if (versions.length === 0) continue;
      const { re, names } = compilePath(entry.path);
      const base = { entry, versions, flat: compileFlat(entry.flatPath), path: re, pathParams: names };
      this.routes.push({ ...base, routeKind: 'rest' });
      if (entry.upload) this.routes.push({ ...base, routeKind: 'upload' });
      if (entry.media) this.routes.push({ ...base, routeKind: 'download' });
      const collection = /^[^/:]+/.exec(entry.flatPath)?.[0] ?? entry.flatPath;
      this.collections.add(collection);
    }
  }

  /** Resolves an HTTP verb and raw (still percent-encoded) pathname. */
  match(httpMethod: string, pathname: string): RouteMatch | RouteMiss {
    let routeKind: RouteKind = 'rest';
    let rest = pathname;
    for (const prefix of ['upload', 'download'] as const) {
      if (rest.startsWith(`/${prefix}/`)) {
        routeKind = prefix;
        rest = rest.slice(prefix.length + 1);
      }
    }
    const m = /^\/([^/]+)\/(.+)$/.exec(rest);
    const version = m?.[1];
    const sub = m?.[2];
    if (version === undefined || sub === undefined || !API_VERSIONS.includes(version)) {
      return { kind: 'miss', json: false };
    }
    for (const route of this.routes) {
      if (route.routeKind !== routeKind || route.entry.httpMethod !== httpMethod) continue;
      if (!route.versions.includes(version) || !route.flat.test(sub)) continue;
      const params = this.extractParams(route, sub);
      if (params) return { kind: 'method', entry: route.entry, routeKind, version, params };
    }
    const collection = /^[^/:]+/.exec(sub)?.[0] ?? '';
    return { kind: 'miss', json: routeKind === 'rest' && this.collections.has(collection) };
  }

  private regex(pattern: string): RegExp {
    let re = this.patterns.get(pattern);
    if (!re) this.patterns.set(pattern, (re = new RegExp(pattern)));
    return re;
  }

  private extractParams(route: CompiledRoute, sub: string): Record<string, string> | undefined {
    const m = route.path.exec(sub);
    if (!m) return undefined;
    const params: Record<string, string> = {};
    for (let i = 0; i < route.pathParams.length; i++) {
      const name = route.pathParams[i] ?? '';
      const value = safeDecode(m[i + 1] ?? '');
      if (value === undefined) return undefined;
      const pattern = route.entry.params[name]?.pattern;
      // The discovery pattern is the contract; a value outside it does not name this method.
      if (pattern !== undefined && !this.regex(pattern).test(value)) return undefined;
      params[name] = value;
    }
    return params;
  }
}
