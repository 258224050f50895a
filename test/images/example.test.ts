// examples/generate-images.ts runs as documented (against its embedded emulator): two JPEG files
// written, and the filtered entry reported in place of the removed image.
import { readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { expect, it } from 'vitest';
import { runExample } from '../run-example.js';

it('examples/generate-images.ts writes two JPEGs and shows a filtered image', async () => {
  const stdout = await runExample('generate-images.ts');
  expect(stdout).toContain('Embedded emulator');
  const paths = [...stdout.matchAll(/→ (\S+\.jpg)$/gm)].map((m) => m[1]!);
  expect(paths).toHaveLength(2);
  try {
    for (const path of paths) {
      const bytes = await readFile(path);
      expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]); // JPEG SOI
      expect([bytes.at(-2), bytes.at(-1)]).toEqual([0xff, 0xd9]); // EOI
    }
    expect(stdout.match(/^kept: /gm)).toHaveLength(2);
    expect(stdout).toMatch(
      /^filtered: Your current safety filter threshold filtered out 1 generated image\./m,
    );
  } finally {
    await rm(dirname(paths[0]!), { recursive: true, force: true });
  }
});
