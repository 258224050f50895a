// URL building for method calls: path template expansion ({+x} keeps `/`, {x} is encoded), path parameter
// validation against the discovery `pattern`, and the query string.

import type { MethodCall } from '../../generated/transport.js';
import { InvalidArgumentError } from './errors.js';

/** A query parameter value; arrays repeat the key (`?a=1&a=2`), `undefined` is left out. */
export type QueryValue = string | number | boolean | readonly (string | number | boolean)[] | undefined;

const TEMPLATE = /\{(\+?)([^}]+)\}/g;

/** Encodes a value for a `{+x}` (reserved) expansion: each `/`-separated segment encoded, slashes kept. */
function encodeReserved(value: string): string {
  return value.split('/').map(encodeURIComponent).join('/');
}

/**
 * Expands a path template with the call's parameters after validating each against its `pattern`.
 * Throws `InvalidArgumentError` (before anything is sent) for a missing, empty or non-matching value, or a
 * `.`/`..` segment.
 */
export function expandPath(template: string, call: MethodCall): string {
  const { spec, params } = call;
  return template.replace(TEMPLATE, (_, plus: string, name: string) => {
    const raw = params[name];
    if (raw === undefined || raw === null || raw === '') {
      throw new InvalidArgumentError(`${spec.id}: missing required path parameter "${name}"`);
    }
    const value = String(raw);
    const pattern = spec.params[name]?.pattern;
    if (pattern !== undefined && !new RegExp(pattern).test(value)) {
      throw new InvalidArgumentError(
        `${spec.id}: path parameter "${name}" must match ${pattern}, got ${JSON.stringify(value)}`,
      );
    }
    if (value.split('/').some((s) => s === '.' || s === '..')) {
      throw new InvalidArgumentError(
        `${spec.id}: path parameter "${name}" must not contain "." or ".." segments, got ${JSON.stringify(value)}`,
      );
    }
    return plus ? encodeReserved(value) : encodeURIComponent(value);
  });
}

/** Appends query parameters to `params`; arrays become repeated keys, booleans and numbers strings. */
export function appendQuery(params: URLSearchParams, query: Readonly<Record<string, unknown>>): void {
  for (const [key, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined && v !== null) params.append(key, String(v));
    }
  }
}

/** Joins a base URL, an optional version and a path, with single slashes. */
export function joinUrl(baseUrl: string, version: string | undefined, path: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  if (/^https?:\/\//i.test(path)) return path;
  if (path.startsWith('/') || version === undefined) return `${base}/${path.replace(/^\/+/, '')}`;
  return `${base}/${version}/${path}`;
}

/**
 * The full URL of a method call: `${baseUrl}/${spec.version ?? apiVersion}/${expanded path}?query`.
 * Path params are expanded; every other param goes to the query string; required ones must be present;
 * `extraQuery` (per-call options) is appended and streaming methods get `alt=sse`.
 */
export function buildUrl(
  baseUrl: string,
  apiVersion: string,
  call: MethodCall,
  extraQuery: Readonly<Record<string, unknown>> = {},
): string {
  const { spec, params } = call;
  const query: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(spec.params)) {
    if (p.location === 'query' && p.required && (params[name] === undefined || params[name] === null)) {
      throw new InvalidArgumentError(`${spec.id}: missing required query parameter "${name}"`);
    }
  }
  for (const [name, value] of Object.entries(params)) {
    if (spec.params[name]?.location !== 'path') query[name] = value;
  }
  const search = new URLSearchParams();
  appendQuery(search, query);
  appendQuery(search, extraQuery);
  if (spec.streaming && !search.has('alt')) search.set('alt', 'sse');
  if (spec.media && !search.has('alt')) search.set('alt', 'media');
  const url = joinUrl(baseUrl, spec.version ?? apiVersion, expandPath(spec.path, call));
  const qs = search.toString();
  return qs ? `${url}?${qs}` : url;
}
