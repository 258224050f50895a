// Public surface of context caches.
export {
  Caches,
  cacheName,
  type CacheRef,
  type CreateCacheInput,
  type ListCachesParams,
  type UpdateCacheInput,
} from './caches.js';
export { toDuration, toTimestamp, type ExpireTime, type Expiry, type Ttl } from './expiry.js';
