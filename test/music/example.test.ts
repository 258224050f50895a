// examples/music-to-wav.ts runs as documented (against its embedded emulator) and writes a valid WAV.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runExample } from '../run-example.js';
import { parseWav } from './wav-parse.js';

it('examples/music-to-wav.ts writes the requested seconds of audio', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'music-example-'));
  try {
    const out = join(dir, 'out.wav');
    const stdout = await runExample('music-to-wav.ts', [out, '1.5']);
    expect(stdout).toContain('embedded emulator');
    expect(stdout).toContain('wrote');
    const wav = parseWav(await readFile(out));
    expect(wav).toMatchObject({ sampleRate: 48000, channels: 2, bitsPerSample: 16, frames: 72000 });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
