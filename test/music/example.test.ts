// examples/music-to-wav.ts runs as documented (against its embedded emulator) and writes a valid WAV.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { parseWav } from './wav-parse.js';

const ROOT = resolve(import.meta.dirname, '../..');

it('examples/music-to-wav.ts writes the requested seconds of audio', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'music-example-'));
  try {
    const out = join(dir, 'out.wav');
    const env = { ...process.env };
    delete env['GEMINI_API_KEY'];
    delete env['GOOGLE_API_KEY'];
    const stdout = await new Promise<string>((done, fail) =>
      execFile(
        process.execPath,
        [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'examples/music-to-wav.ts'), out, '1.5'],
        { cwd: ROOT, env, timeout: 20_000 },
        (err, text) => (err ? fail(err) : done(text)),
      ),
    );
    expect(stdout).toContain('embedded emulator');
    expect(stdout).toContain('wrote');
    const wav = parseWav(await readFile(out));
    expect(wav).toMatchObject({ sampleRate: 48000, channels: 2, bitsPerSample: 16, frames: 72000 });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
