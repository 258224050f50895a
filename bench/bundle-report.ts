// `npm run bench:bundle`: only the browser bundle sizes of `npm run bench` (seconds, no emulator), e.g.
// to check the ≤ 12 KB generateContent budget after a change.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchBundle } from './bundle.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sizes = await benchBundle(root);
const kb = (n: number): string => (n / 1024).toFixed(2);
console.table(
  Object.fromEntries(
    Object.entries(sizes).map(([name, s]) => [
      name,
      { 'KB min': kb(s.minBytes), 'KB min+gz': kb(s.gzipBytes) },
    ]),
  ),
);
const target = sizes['gemini-ts'].gzipBytes;
console.log(
  `generateContent-only bundle: ${target} bytes min+gz (budget ${12 * 1024}): ${target <= 12 * 1024 ? 'met' : 'MISSED'}`,
);
process.exitCode = target <= 12 * 1024 ? 0 : 1;
