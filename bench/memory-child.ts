// Child process of the memory benchmark: opens N streams with one client, waits for each stream's
// first chunk, and reports heap+external growth per open stream (after GC) as one JSON line.
import { makeClient, type ClientName } from './clients.js';

const [name, url, root, count] = process.argv.slice(2) as [ClientName, string, string, string];
const n = Number(count);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const client = await makeClient(name, url, root);
// Warm up: load lazy modules and JIT so they do not count as per-stream memory.
for (let i = 0; i < 3; i++) await (await client.hold('gemini-2.5-flash', 'warm up')).close();
const measure = (): { used: number; rss: number } => {
  gc();
  gc();
  const m = process.memoryUsage();
  return { used: m.heapUsed + m.external, rss: m.rss };
};
const before = measure();
const held = await Promise.all(
  Array.from({ length: n }, (_, i) => client.hold('gemini-2.5-flash', `stream number ${i}`)),
);
const during = measure();
await Promise.all(held.map((h) => h.close()));
process.stdout.write(
  `${JSON.stringify({ kbPerStream: (during.used - before.used) / 1024 / n, rssKbPerStream: (during.rss - before.rss) / 1024 / n })}\n`,
);
process.exit(0);
