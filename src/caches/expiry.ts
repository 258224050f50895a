// TTL and expiry inputs of caches: seconds or a protobuf Duration string, a Date or an RFC 3339 time.
import { InvalidArgumentError } from '../core/errors.js';

/** A time-to-live: seconds (`300`, `1.5`) or a protobuf Duration string (`"300s"`, `"1.5s"`). */
export type Ttl = number | `${number}s`;

/** An absolute expiry: a `Date` or an RFC 3339 timestamp (`2025-01-01T00:00:00Z`). */
export type ExpireTime = Date | string;

/** How long a cache lives: at most one of `ttl` and `expireTime`. */
export interface Expiry {
  /** Time to live from now. */
  ttl?: Ttl | undefined;
  /** Absolute expiry time. */
  expireTime?: ExpireTime | undefined;
}

const DURATION = /^\d+(\.\d{1,9})?s$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;

/** `300` → `"300s"`; a valid Duration string is kept; anything else (negative, zero, `"5m"`) is an `InvalidArgumentError`. */
export function toDuration(ttl: Ttl, field = 'ttl'): string {
  if (typeof ttl === 'number') {
    // 315576000000 s is the largest protobuf Duration.
    if (!Number.isFinite(ttl) || ttl <= 0 || ttl > 315_576_000_000) {
      throw new InvalidArgumentError(`${field}: expected a positive number of seconds, got ${ttl}`);
    }
    const text = ttl.toFixed(9).replace(/\.?0+$/, ''); // nanosecond precision, never exponent notation
    if (text === '0') throw new InvalidArgumentError(`${field}: ${ttl} s is below a nanosecond`);
    return `${text}s`;
  }
  if (typeof ttl !== 'string' || !DURATION.test(ttl) || Number(ttl.slice(0, -1)) <= 0) {
    throw new InvalidArgumentError(
      `${field}: expected seconds or a duration like "300s", got ${JSON.stringify(ttl)}`,
    );
  }
  return ttl;
}

/** A `Date` → ISO string; an RFC 3339 string is kept; anything else is an `InvalidArgumentError`. */
export function toTimestamp(t: ExpireTime, field = 'expireTime'): string {
  if (t instanceof Date) {
    if (Number.isNaN(t.getTime())) throw new InvalidArgumentError(`${field}: invalid Date`);
    return t.toISOString();
  }
  if (typeof t !== 'string' || !RFC3339.test(t) || Number.isNaN(Date.parse(t))) {
    throw new InvalidArgumentError(
      `${field}: expected a Date or an RFC 3339 timestamp, got ${JSON.stringify(t)}`,
    );
  }
  return t;
}

/**
 * The wire fields and update mask for an expiry. `required` demands one of them (updates);
 * giving both is an `InvalidArgumentError` before any request.
 */
export function expiryFields(
  e: Expiry,
  required: boolean,
): { fields: { ttl?: string; expireTime?: string }; mask: string } {
  const hasTtl = e.ttl !== undefined;
  const hasExpire = e.expireTime !== undefined;
  if (hasTtl && hasExpire) throw new InvalidArgumentError('give ttl or expireTime, not both');
  if (hasTtl) return { fields: { ttl: toDuration(e.ttl!) }, mask: 'ttl' };
  if (hasExpire) return { fields: { expireTime: toTimestamp(e.expireTime!) }, mask: 'expireTime' };
  if (required) throw new InvalidArgumentError('give ttl or expireTime to update a cache');
  return { fields: {}, mask: '' };
}
