// Image generation with Imagen: two 16:9 JPEGs written to a temp folder, and what a filtered image
// looks like. Runs against the real API when GEMINI_API_KEY is set, otherwise against an emulator
// started in-process (solid-colour images; the `[filtered:1]` prompt marker scripts the safety filter).
//
//   npx tsx examples/generate-images.ts
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Gemini } from '../src/index.js';
import { startEmulator } from '../emulator/index.js';

const real = Boolean(process.env['GEMINI_API_KEY'] || process.env['GOOGLE_API_KEY']);
const emulator = real ? undefined : await startEmulator({ port: 0 });
const client = emulator ? new Gemini({ apiKey: 'example-key', baseUrl: emulator.url }) : new Gemini();
console.log(
  real ? 'Real Gemini API.' : `Embedded emulator at ${emulator!.url} (set GEMINI_API_KEY for the real API).`,
);

try {
  const dir = await mkdtemp(join(tmpdir(), 'gemini-ts-images-'));
  const { images } = await client.models.generateImages({
    model: 'imagen-4.0-generate-001',
    prompt: 'A watercolour lighthouse at dawn, soft light',
    config: { numberOfImages: 2, aspectRatio: '16:9', outputMimeType: 'image/jpeg' },
  });
  for (const [i, image] of images.entries()) {
    if (!image.bytes) {
      console.log(`image ${i}: filtered (${image.raiFilteredReason})`);
      continue;
    }
    const path = join(dir, `lighthouse-${i}.jpg`);
    await writeFile(path, image.bytes);
    console.log(`image ${i}: ${image.mimeType}, ${image.bytes.byteLength} bytes → ${path}`);
  }

  if (emulator) {
    // The safety filter's note takes the place of the images it removed (includeRaiReason is on by default).
    const filtered = await client.models.generateImages({
      model: 'imagen-4.0-fast-generate-001',
      prompt: 'a crowded street [filtered:1]',
      config: { numberOfImages: 3 },
    });
    for (const image of filtered.images)
      console.log(
        image.bytes ? `kept: ${image.bytes.byteLength} bytes` : `filtered: ${image.raiFilteredReason}`,
      );
  }
} finally {
  await emulator?.close();
}
