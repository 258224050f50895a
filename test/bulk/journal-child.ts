// A bulk job in its own process, for the kill-and-resume test: `node --import tsx journal-child.ts <baseUrl> <journal> <count>`.
// Prints `DONE <results> <resumed>` when the run completes.
import { Gemini } from '../../src/index.js';

const [baseUrl, journal, count] = process.argv.slice(2);
const client = new Gemini({ apiKey: 'test-key', baseUrl: baseUrl! });
const items = Array.from({ length: Number(count) }, (_, i) => ({
  model: 'gemini-2.5-flash',
  contents: `journal ${i}`,
}));
let n = 0;
let resumed = 0;
const run = client.bulk.generateContent(items, { concurrency: 4, journal: journal! });
for await (const r of run) {
  if (r.index !== n) throw new Error(`out of order: ${r.index} at ${n}`);
  if (!r.ok) throw r.error;
  if (r.resumed) resumed++;
  n++;
}
console.log('DONE', n, resumed);
