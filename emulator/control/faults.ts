/**
 * Fault injection: fail the next N calls, delay them, cut the connection mid-body or truncate an
 * SSE stream. Each rule can be narrowed to a method id and/or a model and is used up as it fires.
 */
import { RpcError, retryInfo, statusNameFor, type RpcDetail } from '../errors.js';

/** Narrows a fault to some calls; unset fields match everything. */
export interface FaultTarget {
  /** Manifest method id, e.g. `models.generateContent`. */
  readonly methodId?: string;
  /** Model the call names (`gemini-2.5-flash` or `models/gemini-2.5-flash`). */
  readonly model?: string;
}

/** An injected error response. */
export interface FailureFault extends FaultTarget {
  /** HTTP status (default 503). */
  readonly code?: number;
  /** google.rpc status name (default: the one paired with `code`). */
  readonly status?: string;
  /** Error message (default: the service's usual text for the status). */
  readonly message?: string;
  /** `Retry-After` header value, in seconds. */
  readonly retryAfter?: number | string;
  /** Adds a google.rpc.RetryInfo detail; seconds or a Duration string like `"1.5s"`. */
  readonly retryDelay?: number | string;
  /** Extra google.rpc details. */
  readonly details?: readonly RpcDetail[];
}

/** The public fault-injection API (`control.faults`). */
export interface FaultControl {
  /** The next `count` matching calls answer with this error instead of running. */
  failNext(count: number, fault?: FailureFault): void;
  /** The next `count` matching calls wait `ms` milliseconds before being handled. */
  delayNext(ms: number, opts?: FaultTarget & { readonly count?: number }): void;
  /** The next matching response sends its headers and `afterBytes` body bytes, then the socket is destroyed. */
  cutNext(afterBytes: number, opts?: FaultTarget & { readonly count?: number }): void;
  /** The next matching SSE stream sends `afterEvents` events, then the socket is destroyed (no clean end). */
  truncateStream(afterEvents: number, opts?: FaultTarget & { readonly count?: number }): void;
  /**
   * From now on each matching call fails with probability `rate` (0..1), like a quota storm: until
   * `clear()`, or until `count` calls have failed. `random` makes the draw deterministic in tests.
   */
  failRate(
    rate: number,
    fault?: FailureFault & { readonly count?: number; readonly random?: () => number },
  ): void;
  /** Drops every pending fault. */
  clear(): void;
}

/** Which call is asking; matched against {@link FaultTarget}. */
export interface CallInfo {
  readonly methodId: string;
  /** `models/x`-style resource the call names, if any. */
  readonly model?: string;
}

interface Rule<T> {
  readonly target: FaultTarget;
  remaining: number;
  readonly value: T;
}

const DEFAULT_MESSAGES: Readonly<Record<number, string>> = {
  429: 'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.',
  500: 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  503: 'The model is overloaded. Please try again later.',
  504: 'The request timed out. Please try again.',
};

const normModel = (m: string): string => (m.includes('/') ? m : `models/${m}`);

function matches(target: FaultTarget, call: CallInfo): boolean {
  if (target.methodId !== undefined && target.methodId !== call.methodId) return false;
  if (target.model !== undefined && normModel(target.model) !== call.model) return false;
  return true;
}

/** The error a failure fault answers with. */
function failure(fault: FailureFault): RpcError {
  const code = fault.code ?? 503;
  const details = [...(fault.details ?? [])];
  if (fault.retryDelay !== undefined) details.push(retryInfo(fault.retryDelay));
  const headers: Record<string, string> = {};
  if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
  return new RpcError(code, fault.message ?? DEFAULT_MESSAGES[code] ?? statusNameFor(code), {
    status: fault.status ?? statusNameFor(code),
    details,
    headers,
  });
}

/** Adds a rule; a count of 0 adds nothing. */
function push<T>(rules: Rule<T>[], target: FaultTarget | undefined, count: number, value: T): void {
  if (positive('count', count) > 0) rules.push({ target: targetOf(target), remaining: count, value });
}

function take<T>(rules: Rule<T>[], call: CallInfo): T | undefined {
  const i = rules.findIndex((r) => matches(r.target, call));
  const rule = rules[i];
  if (!rule) return undefined;
  if (--rule.remaining <= 0) rules.splice(i, 1);
  return rule.value;
}

const targetOf = (o: FaultTarget | undefined): FaultTarget => ({
  ...(o?.methodId !== undefined ? { methodId: o.methodId } : {}),
  ...(o?.model !== undefined ? { model: o.model } : {}),
});

function positive(name: string, n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer, got ${n}`);
  return n;
}

/** The fault plan of one emulator instance: the public API plus the hooks the server consumes. */
export class FaultPlan implements FaultControl {
  private failures: Rule<RpcError>[] = [];
  private delays: Rule<number>[] = [];
  private cuts: Rule<number>[] = [];
  private truncations: Rule<number>[] = [];
  private rates: {
    target: FaultTarget;
    rate: number;
    remaining: number;
    random: () => number;
    error: RpcError;
  }[] = [];

  failNext(count: number, fault: FailureFault = {}): void {
    push(this.failures, fault, count, failure(fault));
  }

  failRate(
    rate: number,
    fault: FailureFault & { readonly count?: number; readonly random?: () => number } = {},
  ): void {
    if (!(rate >= 0 && rate <= 1)) throw new RangeError(`rate must be within 0..1, got ${rate}`);
    const remaining = fault.count === undefined ? Infinity : positive('count', fault.count);
    const random = fault.random ?? Math.random;
    this.rates.push({ target: targetOf(fault), rate, remaining, random, error: failure(fault) });
  }

  delayNext(ms: number, opts: FaultTarget & { readonly count?: number } = {}): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`delay must be >= 0 ms, got ${ms}`);
    push(this.delays, opts, opts.count ?? 1, ms);
  }

  cutNext(afterBytes: number, opts: FaultTarget & { readonly count?: number } = {}): void {
    push(this.cuts, opts, opts.count ?? 1, positive('afterBytes', afterBytes));
  }

  truncateStream(afterEvents: number, opts: FaultTarget & { readonly count?: number } = {}): void {
    push(this.truncations, opts, opts.count ?? 1, positive('afterEvents', afterEvents));
  }

  clear(): void {
    this.failures = [];
    this.delays = [];
    this.cuts = [];
    this.truncations = [];
    this.rates = [];
  }

  /** Consumes a pending failure for this call (counted rules first, then a random draw per rate rule). */
  takeFailure(call: CallInfo): RpcError | undefined {
    const counted = take(this.failures, call);
    if (counted) return counted;
    for (const r of this.rates) {
      if (r.remaining <= 0 || !matches(r.target, call) || r.random() >= r.rate) continue;
      r.remaining--;
      return r.error;
    }
    return undefined;
  }

  /** Consumes a pending delay for this call (ms). */
  takeDelay(call: CallInfo): number | undefined {
    return take(this.delays, call);
  }

  /** Consumes a pending mid-body cut for this call (bytes to send first). */
  takeCut(call: CallInfo): number | undefined {
    return take(this.cuts, call);
  }

  /** Consumes a pending SSE truncation for this call (events to send first). */
  takeTruncation(call: CallInfo): number | undefined {
    return take(this.truncations, call);
  }
}
