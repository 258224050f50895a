// Imagen image generation end to end: `client.models.generateImages` (friendly config → predict
// `parameters`, checked before sending) against the emulator's `models.predict` over real sockets,
// plus the emulator's own checks of wire parameters through the generated `predict` stub. Images are
// read back byte by byte: PNG signature and IHDR, JPEG SOI/SOF0/EOI.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { BLOCKED_PROMPT_MESSAGE, filteredReason } from '../../emulator/features/images/index.js';
import * as stubs from '../../generated/methods/models.js';
import type { PredictRequest } from '../../generated/types/PredictRequest.js';
import { ApiError, BadRequestError, InvalidArgumentError, NotFoundError } from '../../src/core/errors.js';
import {
  generateImages,
  generatedImages,
  imageParameters,
  type GenerateImagesConfig,
  type GenerateImagesInput,
  type GeneratedImage,
} from '../../src/models/images.js';
import { HttpTransport } from '../../src/models/index.js';
import { KEY, callsTo, rejection, setup } from '../integration/helpers.js';

const IMAGEN = 'imagen-4.0-generate-001';
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const view = (b: Uint8Array): DataView => new DataView(b.buffer, b.byteOffset, b.byteLength);
const ascii = (b: Uint8Array, from: number, to: number): string =>
  String.fromCharCode(...b.subarray(from, to));

/** Width and height from a PNG's IHDR, after checking the signature, IHDR first and IEND last. */
function pngSize(b: Uint8Array): { width: number; height: number } {
  expect([...b.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  expect(ascii(b, 12, 16)).toBe('IHDR');
  expect(view(b).getUint32(8)).toBe(13);
  expect(ascii(b, b.length - 8, b.length - 4)).toBe('IEND');
  return { width: view(b).getUint32(16), height: view(b).getUint32(20) };
}

/** Width and height from a JPEG's SOF0, walking the marker segments from SOI up to SOS; checks EOI. */
function jpegSize(b: Uint8Array): { width: number; height: number } {
  expect([b[0], b[1]]).toEqual([0xff, 0xd8]); // SOI
  expect([b.at(-2), b.at(-1)]).toEqual([0xff, 0xd9]); // EOI
  const seen: number[] = [];
  let size: { width: number; height: number } | undefined;
  for (let at = 2; at + 4 <= b.length;) {
    expect(b[at]).toBe(0xff);
    const marker = b[at + 1]!;
    seen.push(marker);
    const length = view(b).getUint16(at + 2);
    if (marker === 0xc0) {
      expect(b[at + 4]).toBe(8); // 8-bit samples
      size = { height: view(b).getUint16(at + 5), width: view(b).getUint16(at + 7) };
    }
    if (marker === 0xda) break; // SOS: entropy-coded data follows up to EOI
    at += 2 + length;
  }
  expect(seen).toEqual([0xe0, 0xdb, 0xc0, 0xc4, 0xda]); // APP0 (JFIF), DQT, SOF0, DHT, SOS
  expect(size).toBeDefined();
  return size!;
}

/** The bytes of a generated image (fails the test for a `{ raiFilteredReason }` entry). */
function bytesOf(image: GeneratedImage | undefined): Uint8Array {
  expect(image?.bytes).toBeInstanceOf(Uint8Array);
  return image!.bytes!;
}

const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

describe('generateImages against the emulator', () => {
  it('defaults: 4 PNG images of 1024×1024, one predict request with includeRaiReason', async () => {
    const { emu, client } = await setup();
    const { images, raw } = await client.models.generateImages({
      model: IMAGEN,
      prompt: 'a red fox in snow',
    });
    expect(images).toHaveLength(4);
    for (const image of images) {
      expect(image.mimeType).toBe('image/png');
      expect(pngSize(bytesOf(image))).toEqual({ width: 1024, height: 1024 });
    }
    // The four images of one prompt are distinct (the colour depends on the image index).
    expect(new Set(images.map((i) => Buffer.from(bytesOf(i)).toString('hex'))).size).toBe(4);
    expect(raw.predictions).toHaveLength(4);
    expect(raw.predictions?.[0]).toMatchObject({
      mimeType: 'image/png',
      bytesBase64Encoded: expect.any(String),
    });
    expect(callsTo(emu, 'models.predict')).toBe(1);
    expect(emu.control.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: `/v1beta/models/${IMAGEN}:predict`,
      body: { instances: [{ prompt: 'a red fox in snow' }], parameters: { includeRaiReason: true } },
    });
  });

  it.each([1, 2, 3, 4])('numberOfImages %i → that many images (sampleCount)', async (n) => {
    const { emu, client } = await setup();
    const { images } = await client.models.generateImages({
      model: IMAGEN,
      prompt: 'a lighthouse',
      config: { numberOfImages: n },
    });
    expect(images).toHaveLength(n);
    expect(emu.control.requests.at(-1)?.body).toMatchObject({ parameters: { sampleCount: n } });
  });

  it.each([
    ['1:1', 1024, 1024],
    ['3:4', 896, 1280],
    ['4:3', 1280, 896],
    ['9:16', 768, 1408],
    ['16:9', 1408, 768],
  ] as const)('aspectRatio %s → %i×%i, and 2K doubles both sides', async (aspectRatio, width, height) => {
    const { client } = await setup();
    const one = await client.models.generateImages({
      model: IMAGEN,
      prompt: 'mountains at dawn',
      config: { aspectRatio, numberOfImages: 1 },
    });
    expect(pngSize(bytesOf(one.images[0]))).toEqual({ width, height });
    const two = await client.models.generateImages({
      model: 'imagen-4.0-ultra-generate-001',
      prompt: 'mountains at dawn',
      config: { aspectRatio, numberOfImages: 1, imageSize: '2K' },
    });
    expect(pngSize(bytesOf(two.images[0]))).toEqual({ width: 2 * width, height: 2 * height });
  });

  it('outputMimeType image/jpeg → valid baseline JPEGs of the requested size', async () => {
    const { emu, client } = await setup();
    const { images } = await client.models.generateImages({
      model: IMAGEN,
      prompt: 'a bowl of cherries',
      config: {
        outputMimeType: 'image/jpeg',
        outputCompressionQuality: 80,
        aspectRatio: '16:9',
        numberOfImages: 2,
      },
    });
    expect(images).toHaveLength(2);
    for (const image of images) {
      expect(image.mimeType).toBe('image/jpeg');
      expect(jpegSize(bytesOf(image))).toEqual({ width: 1408, height: 768 });
    }
    expect(emu.control.requests.at(-1)?.body).toMatchObject({
      parameters: { aspectRatio: '16:9', outputOptions: { mimeType: 'image/jpeg', compressionQuality: 80 } },
    });
  });

  it('is deterministic per model and prompt (across emulators) and differs between prompts', async () => {
    const a = await setup();
    const b = await setup();
    const input: GenerateImagesInput = {
      model: IMAGEN,
      prompt: 'a paper boat',
      config: { numberOfImages: 2 },
    };
    const first = await a.client.models.generateImages(input);
    const again = await b.client.models.generateImages(input);
    expect(first.images.map(bytesOf).every((bytes, i) => same(bytes, bytesOf(again.images[i])))).toBe(true);

    const other = await a.client.models.generateImages({ ...input, prompt: 'a paper plane' });
    expect(same(bytesOf(first.images[0]), bytesOf(other.images[0]))).toBe(false);
    const fast = await a.client.models.generateImages({ ...input, model: 'imagen-4.0-fast-generate-001' });
    expect(same(bytesOf(first.images[0]), bytesOf(fast.images[0]))).toBe(false);
  });

  it('[filtered:1] → 3 images and one { raiFilteredReason } in their place', async () => {
    const { client } = await setup();
    const { images, raw } = await client.models.generateImages({
      model: IMAGEN,
      prompt: 'a crowd [filtered:1]',
    });
    expect(images).toHaveLength(4);
    expect(images.slice(0, 3).every((i) => i.bytes !== undefined && i.raiFilteredReason === undefined)).toBe(
      true,
    );
    expect(images[3]).toEqual({ raiFilteredReason: filteredReason(1) });
    expect(images[3]?.raiFilteredReason).toMatch(/filtered out 1 generated image\./);
    expect(raw.predictions?.[3]).toEqual({ raiFilteredReason: filteredReason(1) });
  });

  it('[filtered] reported with includeRaiReason (the default here), dropped silently without it', async () => {
    const { client } = await setup();
    const reported = await client.models.generateImages({
      model: IMAGEN,
      prompt: 'a crowd [filtered]',
      config: { numberOfImages: 2 },
    });
    expect(reported.images).toEqual([{ raiFilteredReason: filteredReason(2) }]);

    const silent = await client.models.generateImages({
      model: IMAGEN,
      prompt: 'a crowd [filtered]',
      config: { includeRaiReason: false },
    });
    expect(silent.raw).toEqual({}); // proto3 JSON omits the empty list
    expect(silent.images).toEqual([]);
  });

  it('[blocked] → BadRequestError 400 with the google.rpc body', async () => {
    const { emu, client } = await setup();
    const err = await rejection(
      client.models.generateImages({ model: IMAGEN, prompt: 'something [blocked]' }),
    );
    expect(err).toBeInstanceOf(BadRequestError);
    const api = err as ApiError;
    expect(api.status).toBe(400);
    expect(api.code).toBe('INVALID_ARGUMENT');
    expect(api.message).toBe(BLOCKED_PROMPT_MESSAGE);
    expect(api.body).toEqual({
      error: { code: 400, message: BLOCKED_PROMPT_MESSAGE, status: 'INVALID_ARGUMENT' },
    });
    expect(callsTo(emu, 'models.predict')).toBe(1); // a 400 is not retried
  });

  it.each(['gemini-2.5-flash', 'imagen-9.9-nonexistent'])(
    '%s → NotFoundError 404 like the service',
    async (model) => {
      const { emu, client } = await setup();
      const err = await rejection(client.models.generateImages({ model, prompt: 'a cat' }));
      expect(err).toBeInstanceOf(NotFoundError);
      expect((err as ApiError).status).toBe(404);
      expect((err as ApiError).code).toBe('NOT_FOUND');
      expect((err as ApiError).message).toBe(
        `models/${model} is not found for API version v1beta, or is not supported for predict. Call ModelService.ListModels to see the list of available models and their supported methods.`,
      );
      expect(callsTo(emu, 'models.predict')).toBe(1);
    },
  );

  it.each<[string, GenerateImagesInput, RegExp]>([
    ['empty prompt', { model: IMAGEN, prompt: '' }, /^prompt: must not be empty/],
    ['blank prompt', { model: IMAGEN, prompt: '  \n ' }, /^prompt: must not be empty/],
    ['non-string prompt', { model: IMAGEN, prompt: 42 as never }, /^prompt: expected a string, got number/],
    ['empty model', { model: '', prompt: 'a cat' }, /^model: /],
    [
      'numberOfImages 0',
      { model: IMAGEN, prompt: 'a cat', config: { numberOfImages: 0 } },
      /^numberOfImages: .* got 0$/,
    ],
    [
      'numberOfImages 5',
      { model: IMAGEN, prompt: 'a cat', config: { numberOfImages: 5 } },
      /^numberOfImages: .* got 5$/,
    ],
    [
      'numberOfImages 1.5',
      { model: IMAGEN, prompt: 'a cat', config: { numberOfImages: 1.5 } },
      /^numberOfImages: /,
    ],
    [
      'aspectRatio 2:1',
      { model: IMAGEN, prompt: 'a cat', config: { aspectRatio: '2:1' as never } },
      /^aspectRatio: /,
    ],
    [
      'outputCompressionQuality 101',
      { model: IMAGEN, prompt: 'a cat', config: { outputCompressionQuality: 101 } },
      /^outputCompressionQuality: .* 0 to 100, got 101$/,
    ],
    [
      'outputCompressionQuality -1',
      { model: IMAGEN, prompt: 'a cat', config: { outputCompressionQuality: -1 } },
      /^outputCompressionQuality: /,
    ],
    [
      'outputCompressionQuality 50.5',
      { model: IMAGEN, prompt: 'a cat', config: { outputCompressionQuality: 50.5 } },
      /^outputCompressionQuality: /,
    ],
    [
      'outputMimeType image/gif',
      { model: IMAGEN, prompt: 'a cat', config: { outputMimeType: 'image/gif' as never } },
      /^outputMimeType: /,
    ],
    [
      'imageSize 4K',
      { model: IMAGEN, prompt: 'a cat', config: { imageSize: '4K' as never } },
      /^imageSize: /,
    ],
    [
      'personGeneration',
      { model: IMAGEN, prompt: 'a cat', config: { personGeneration: 'everyone' as never } },
      /^personGeneration: /,
    ],
    [
      'safetyFilterLevel',
      { model: IMAGEN, prompt: 'a cat', config: { safetyFilterLevel: 'off' as never } },
      /^safetyFilterLevel: /,
    ],
    [
      'guidanceScale NaN',
      { model: IMAGEN, prompt: 'a cat', config: { guidanceScale: Number.NaN } },
      /^guidanceScale: /,
    ],
    [
      'config a string',
      { model: IMAGEN, prompt: 'a cat', config: 'square' as never },
      /config must be an object/,
    ],
    ['config null', { model: IMAGEN, prompt: 'a cat', config: null as never }, /config must be an object/],
    ['config an array', { model: IMAGEN, prompt: 'a cat', config: [] as never }, /config must be an object/],
    [
      'outputMimeType upper case (the service matches MIME types exactly)',
      { model: IMAGEN, prompt: 'a cat', config: { outputMimeType: 'IMAGE/JPEG' as never } },
      /^outputMimeType: /,
    ],
    [
      'parameters an array',
      { model: IMAGEN, prompt: 'a cat', config: { parameters: [] as never } },
      /^parameters: /,
    ],
    [
      'parameters null',
      { model: IMAGEN, prompt: 'a cat', config: { parameters: null as never } },
      /^parameters: /,
    ],
    ['input null', null as never, /expected \{ model, prompt, config\? \}/],
  ])('%s → InvalidArgumentError, nothing sent', async (_name, input, message) => {
    const { emu, client } = await setup();
    const before = emu.control.requests.length;
    const err = await rejection(client.models.generateImages(input));
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect((err as Error).message).toMatch(message);
    expect(emu.control.requests.length).toBe(before);
  });

  it('config.parameters is sent as it is and overrides the friendly fields', async () => {
    const { emu, client } = await setup();
    const { images } = await client.models.generateImages({
      model: IMAGEN,
      prompt: 'a windmill',
      config: {
        numberOfImages: 4,
        aspectRatio: '1:1',
        parameters: { sampleCount: 2, aspectRatio: '9:16', seed: 7, enhancePrompt: false },
      },
    });
    expect(images).toHaveLength(2);
    expect(pngSize(bytesOf(images[0]))).toEqual({ width: 768, height: 1408 });
    expect(emu.control.requests.at(-1)?.body).toEqual({
      instances: [{ prompt: 'a windmill' }],
      parameters: {
        sampleCount: 2,
        aspectRatio: '9:16',
        includeRaiReason: true,
        seed: 7,
        enhancePrompt: false,
      },
    });
  });

  it('the standalone generateImages works on a bare HttpTransport', async () => {
    const { emu } = await setup();
    const transport = new HttpTransport({
      apiKey: KEY,
      baseUrl: emu.url,
      apiVersion: 'v1beta',
      timeout: 5000,
    });
    const { images } = await generateImages(transport, {
      model: `models/${IMAGEN}`,
      prompt: 'a teapot',
      config: { numberOfImages: 1, aspectRatio: '3:4' },
    });
    expect(images).toHaveLength(1);
    expect(pngSize(bytesOf(images[0]))).toEqual({ width: 896, height: 1280 });
  });
});

describe('the emulator checks wire parameters (generated predict stub, no client-side checks)', () => {
  const prompt = { instances: [{ prompt: 'a cat' }] };

  it.each<[string, PredictRequest, string]>([
    [
      'sampleCount 9',
      { ...prompt, parameters: { sampleCount: 9 } },
      'sampleCount must be between 1 and 4, got 9.',
    ],
    [
      'sampleCount 0',
      { ...prompt, parameters: { sampleCount: 0 } },
      'sampleCount must be between 1 and 4, got 0.',
    ],
    [
      "aspectRatio '2:1'",
      { ...prompt, parameters: { aspectRatio: '2:1' } },
      "aspectRatio must be one of '1:1', '3:4', '4:3', '9:16', or '16:9', got '2:1'.",
    ],
    [
      "outputOptions.mimeType 'image/gif'",
      { ...prompt, parameters: { outputOptions: { mimeType: 'image/gif' } } },
      "outputOptions.mimeType must be 'image/png' or 'image/jpeg', got 'image/gif'.",
    ],
    [
      'outputOptions.compressionQuality 101',
      { ...prompt, parameters: { outputOptions: { mimeType: 'image/jpeg', compressionQuality: 101 } } },
      'outputOptions.compressionQuality must be an integer between 0 and 100, got 101.',
    ],
    [
      "sampleImageSize '4K'",
      { ...prompt, parameters: { sampleImageSize: '4K' } },
      "sampleImageSize must be '1K' or '2K', got '4K'.",
    ],
    [
      "personGeneration 'everyone'",
      { ...prompt, parameters: { personGeneration: 'everyone' } },
      "personGeneration must be one of 'dont_allow', 'allow_adult', or 'allow_all', got 'everyone'.",
    ],
    ['parameters not an object', { ...prompt, parameters: 'square' }, 'parameters must be an object.'],
    [
      'an instance without a prompt',
      { instances: [{ text: 'a cat' }] },
      'instances[0].prompt: a non-empty text prompt is required.',
    ],
  ])('%s → 400', async (_name, body, message) => {
    const { client } = await setup();
    const err = await rejection(stubs.predict(client.transport, { model: `models/${IMAGEN}` }, body));
    expect(err).toBeInstanceOf(BadRequestError);
    expect((err as ApiError).message).toBe(message);
    expect((err as ApiError).body).toEqual({ error: { code: 400, message, status: 'INVALID_ARGUMENT' } });
  });

  it('without parameters: the service defaults (4 PNGs, 1:1, no RAI reasons)', async () => {
    const { client } = await setup();
    const raw = await stubs.predict(
      client.transport,
      { model: `models/${IMAGEN}` },
      {
        instances: [{ prompt: 'a cat [filtered:1]' }],
      },
    );
    const images = generatedImages(raw);
    expect(images).toHaveLength(3); // the filtered image is dropped without a reason
    expect(images.every((i) => i.mimeType === 'image/png')).toBe(true);
    expect(pngSize(bytesOf(images[0]))).toEqual({ width: 1024, height: 1024 });
  });

  it('accepts case-insensitive personGeneration/sampleImageSize and unacted-on parameters', async () => {
    const { client } = await setup();
    const raw = await stubs.predict(
      client.transport,
      { model: `models/${IMAGEN}` },
      {
        ...prompt,
        parameters: {
          sampleCount: 1,
          personGeneration: 'ALLOW_ALL',
          sampleImageSize: '2k',
          seed: 3,
          language: 'en',
        },
      },
    );
    expect(pngSize(bytesOf(generatedImages(raw)[0]))).toEqual({ width: 2048, height: 2048 });
  });
});

describe('imageParameters (friendly config → wire parameters)', () => {
  it('maps every friendly field to its wire name', () => {
    const config: GenerateImagesConfig = {
      numberOfImages: 2,
      aspectRatio: '16:9',
      personGeneration: 'dont_allow',
      outputMimeType: 'image/jpeg',
      outputCompressionQuality: 75,
      imageSize: '2K',
      negativePrompt: 'text',
      guidanceScale: 12.5,
      safetyFilterLevel: 'block_only_high',
      includeRaiReason: false,
      language: 'en',
    };
    expect(imageParameters(config)).toEqual({
      sampleCount: 2,
      aspectRatio: '16:9',
      personGeneration: 'dont_allow',
      outputOptions: { mimeType: 'image/jpeg', compressionQuality: 75 },
      sampleImageSize: '2K',
      negativePrompt: 'text',
      guidanceScale: 12.5,
      safetySetting: 'block_only_high',
      includeRaiReason: false,
      language: 'en',
    });
  });

  it('omits unset fields; includeRaiReason defaults to true; outputOptions only when set', () => {
    expect(imageParameters()).toEqual({ includeRaiReason: true });
    expect(imageParameters({})).toEqual({ includeRaiReason: true });
    expect(imageParameters({ numberOfImages: undefined, aspectRatio: undefined })).toEqual({
      includeRaiReason: true,
    });
    expect(imageParameters({ outputCompressionQuality: 0 })).toEqual({
      includeRaiReason: true,
      outputOptions: { compressionQuality: 0 },
    });
  });

  it('parameters win over friendly fields, including includeRaiReason', () => {
    expect(
      imageParameters({
        numberOfImages: 3,
        parameters: { sampleCount: 1, includeRaiReason: false, addWatermark: true },
      }),
    ).toEqual({ sampleCount: 1, includeRaiReason: false, addWatermark: true });
  });

  it('accepts enum values in any case, as the service does, and sends them as given', () => {
    expect(imageParameters({ imageSize: '2k' as never, personGeneration: 'ALLOW_ALL' as never })).toEqual({
      sampleImageSize: '2k',
      personGeneration: 'ALLOW_ALL',
      includeRaiReason: true,
    });
  });
});

describe('generatedImages (predict response → images)', () => {
  it('decodes images, keeps filter notes in order, skips anything else', () => {
    const png = Buffer.from([1, 2, 3]);
    const images = generatedImages(
      {
        predictions: [
          { bytesBase64Encoded: png.toString('base64'), mimeType: 'image/png' },
          { raiFilteredReason: 'filtered' },
          { bytesBase64Encoded: Buffer.from([4]).toString('base64') },
          null,
          'noise',
          { somethingElse: true },
        ],
      },
      'image/jpeg',
    );
    expect(images).toHaveLength(3);
    expect([...bytesOf(images[0])]).toEqual([1, 2, 3]);
    expect(images[0]?.mimeType).toBe('image/png');
    expect(images[1]).toEqual({ raiFilteredReason: 'filtered' });
    expect(images[2]?.mimeType).toBe('image/jpeg'); // the fallback when the prediction names none
    expect(generatedImages({})).toEqual([]);
  });
});

describe('bundles', () => {
  /** Minified ESM bundle of an entry that imports from src/models/index.ts. */
  async function bundle(contents: string): Promise<string> {
    const result = await build({
      stdin: { contents, resolveDir: process.cwd(), loader: 'ts' },
      bundle: true,
      format: 'esm',
      minify: true,
      write: false,
      platform: 'neutral',
      logLevel: 'silent',
    });
    return result.outputFiles[0]!.text;
  }

  it('a generateContent-only bundle carries no image generation; generateImages does', async () => {
    const text = await bundle(
      `import { generateContent } from './src/models/index.js';\nexport default generateContent;\n`,
    );
    expect(text).toContain('"models.generateContent"');
    expect(text).not.toContain('"models.predict"');
    expect(text).not.toContain('raiFilteredReason');
    const images = await bundle(
      `import { generateImages } from './src/models/index.js';\nexport default generateImages;\n`,
    );
    expect(images).toContain('"models.predict"');
    expect(images).not.toContain('"models.generateContent"');
  });
});
