// URL building for method calls: path template expansion ({+x} keeps `/`, {x} is encoded), path parameter
// validation against the discovery `pattern`, and the query string.

import type { MethodCall } from '../../generated/transport.js';
import { InvalidArgumentError } from './errors.js';

/** A query parameter value; arrays repeat the key (`?a=1&a=2`), `undefined` is left out. */
export type QueryValue = string | number | boolean | readonly (string | number | boolean)[] | undefined;

const TEMPLATE = /\{(\+?)([^}]+)\}/g;
const DOT_SEGMENT = /(?:^|\/)\.\.?(?:\/|$)/;
// Characters encodeURIComponent leaves alone; with `/` added for reserved ({+x}) expansion.
const UNRESERVED = /^[A-Za-z0-9\-_.!~*'()]*$/;
const UNRESERVED_OR_SLASH = /^[A-Za-z0-9\-_.!~*'()/]*$/;

/** A path template split once into literal text and parameter slots: `lit0 {p0} lit1 {p1} lit2`. */
interface CompiledTemplate {
  literals: string[];
  slots: { name: string; reserved: boolean }[];
}

// Templates and discovery patterns are few and fixed: parse/compile each once, off the per-call path.
const templates = new Map<string, CompiledTemplate>();
const patterns = new Map<string, RegExp>();

function compileTemplate(template: string): CompiledTemplate {
  let t = templates.get(template);
  if (t) return t;
  t = { literals: [], slots: [] };
  let last = 0;
  for (const m of template.matchAll(TEMPLATE)) {
    t.literals.push(template.slice(last, m.index));
    t.slots.push({ name: m[2]!, reserved: m[1] === '+' });
    last = m.index + m[0].length;
  }
  t.literals.push(template.slice(last));
  templates.set(template, t);
  return t;
}

function compiledPattern(pattern: string): RegExp {
  let re = patterns.get(pattern);
  if (!re) patterns.set(pattern, (re = new RegExp(pattern)));
  return re;
}

/** Encodes a value for a `{+x}` (reserved) expansion: each `/`-separated segment encoded, slashes kept. */
function encodeReserved(value: string): string {
  return UNRESERVED_OR_SLASH.test(value) ? value : value.split('/').map(encodeURIComponent).join('/');
}

/**
 * Expands a path template with the call's parameters after validating each against its `pattern`.
 * Throws `InvalidArgumentError` (before anything is sent) for a missing, empty or non-matching value, or a
 * `.`/`..` segment.
 */
export function expandPath(template: string, call: MethodCall): string {
  const { spec, params } = call;
  const { literals, slots } = compileTemplate(template);
  let out = literals[0]!;
  for (let i = 0; i < slots.length; i++) {
    const { name, reserved } = slots[i]!;
    const raw = params[name];
    if (raw === undefined || raw === null || raw === '') {
      throw new InvalidArgumentError(`${spec.id}: missing required path parameter "${name}"`);
    }
    const value = String(raw);
    // Only text goes into a URL: an object would become "[object Object]", a lone surrogate a URIError.
    if (typeof raw === 'object' || typeof raw === 'function' || /\p{Cs}/u.test(value)) {
      throw new InvalidArgumentError(`${spec.id}: path parameter "${name}" must be well-formed text`);
    }
    const pattern = spec.params[name]?.pattern;
    if (pattern !== undefined && !compiledPattern(pattern).test(value)) {
      throw new InvalidArgumentError(
        `${spec.id}: path parameter "${name}" must match ${pattern}, got ${JSON.stringify(value)}`,
      );
    }
    if (DOT_SEGMENT.test(value)) {
      throw new InvalidArgumentError(
        `${spec.id}: path parameter "${name}" must not contain "." or ".." segments, got ${JSON.stringify(value)}`,
      );
    }
    out += reserved ? encodeReserved(value) : UNRESERVED.test(value) ? value : encodeURIComponent(value);
    out += literals[i + 1]!;
  }
  return out;
}

/** Whether `o` has an own enumerable key (without allocating a key array). */
function hasKeys(o: object): boolean {
  for (const key in o) if (Object.hasOwn(o, key)) return true;
  return false;
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
  for (const name in spec.params) {
    const p = spec.params[name]!;
    if (p.location === 'query' && p.required && (params[name] === undefined || params[name] === null)) {
      throw new InvalidArgumentError(`${spec.id}: missing required query parameter "${name}"`);
    }
  }
  const path = joinUrl(baseUrl, spec.version ?? apiVersion, expandPath(spec.path, call));
  // Most calls (generateContent, get, delete) carry no query: skip URLSearchParams for them.
  let search: URLSearchParams | undefined;
  for (const name in params) {
    if (spec.params[name]?.location === 'path') continue;
    appendQuery((search ??= new URLSearchParams()), { [name]: params[name] });
  }
  if (hasKeys(extraQuery)) appendQuery((search ??= new URLSearchParams()), extraQuery);
  const alt = spec.streaming ? 'sse' : spec.media ? 'media' : undefined;
  if (alt !== undefined && !search?.has('alt')) (search ??= new URLSearchParams()).set('alt', alt);
  const qs = search?.toString();
  return qs ? `${path}?${qs}` : path;
}
