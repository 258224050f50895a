// Base64 both ways for every area (inline data, Live audio, Imagen images): Node's Buffer when it
// exists (fast, no intermediate string of char codes), else btoa/atob so browsers work too.

type BufferLike = {
  from(b: Uint8Array): { toString(enc: string): string };
  from(s: string, enc: string): Uint8Array;
};
const nodeBuffer = (): BufferLike | undefined => (globalThis as { Buffer?: BufferLike }).Buffer;

/** Base64 of raw bytes. */
export function toBase64(bytes: Uint8Array | ArrayBuffer): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const buffer = nodeBuffer();
  if (buffer) return buffer.from(view).toString('base64');
  let binary = '';
  for (let i = 0; i < view.length; i += 0x8000)
    binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Bytes of a base64 (or base64url) string; on Node a view on the decoded buffer, no extra copy. */
export function fromBase64(text: string): Uint8Array {
  const buffer = nodeBuffer();
  if (buffer) {
    const b = buffer.from(text, 'base64');
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  }
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
