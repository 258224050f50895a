// The one scenario every runtime runs against the emulator with the built package (browser page, Bun,
// Deno, workerd): plain JavaScript so each runtime loads it as it is. Returns what it saw; the Node-side
// tests assert on it.

/**
 * Steps: generate, stream, upload (a Blob with progress, a File, a ReadableStream, bytes), live (a text
 * turn), music (audio chunks), bulk (an online run over an array), path (upload `filePath`, Node build
 * only), nodeOnly (the web build's errors: a path upload, bulk's JSONL path, journal and batch mode).
 */
export async function runScenario(Gemini, baseUrl, steps, filePath) {
  const client = new Gemini({ apiKey: 'runtime-key', baseUrl, maxRetries: 0 });
  const model = 'gemini-2.5-flash';
  const out = {};
  if (steps.includes('generate')) {
    const r = await client.models.generateContent({ model, contents: 'Hello from a runtime' });
    out.generate = r.text;
  }
  if (steps.includes('stream')) {
    let chunks = 0;
    let text = '';
    for await (const c of client.models.generateContentStream({ model, contents: 'Stream to a runtime' })) {
      chunks++;
      text += c.text ?? '';
    }
    out.stream = { chunks, text };
  }
  if (steps.includes('upload')) {
    const size = 300_000;
    const bytes = new Uint8Array(size);
    for (let i = 0; i < size; i++) bytes[i] = i % 251;
    const progress = [];
    const file = await client.files.upload(new Blob([bytes], { type: 'application/octet-stream' }), {
      displayName: 'runtime.bin',
      onProgress: (p) => progress.push(p.bytesSent),
    });
    // The other inputs that work everywhere: a File, a ReadableStream (size given), bytes.
    const type = 'application/octet-stream';
    const others = [
      await client.files.upload(new File([bytes], 'runtime.bin', { type })),
      await client.files.upload(new Blob([bytes]).stream(), { mimeType: type, sizeBytes: size }),
      await client.files.upload(bytes, { mimeType: type }),
    ];
    out.upload = {
      name: file.name,
      sizeBytes: file.sizeBytes,
      mimeType: file.mimeType,
      progress,
      others: others.map((f) => f.sizeBytes),
    };
  }
  if (steps.includes('live')) {
    const session = await client.live.connect({
      model: 'gemini-live-2.5-flash-preview',
      config: { responseModalities: ['TEXT'] },
    });
    session.sendClientContent({ turns: 'Hello over a WebSocket' });
    let text = '';
    for await (const t of session.text()) text += t;
    const closed = await session.close();
    out.live = { text, closeCode: closed.code };
  }
  if (steps.includes('music')) {
    const session = await client.live.music.connect({ model: 'models/lyria-realtime-exp' });
    session.setWeightedPrompts([{ text: 'minimal techno', weight: 1 }]);
    session.play();
    let chunks = 0;
    let bytes = 0;
    for await (const audio of session.audio()) {
      chunks++;
      bytes += audio.byteLength;
      if (chunks === 3) break;
    }
    await session.close();
    out.music = { chunks, bytes };
  }
  if (steps.includes('bulk')) {
    // Arrays and async iterables run online everywhere; results keep the input order.
    const seen = [];
    for await (const r of client.bulk.generateContent(['one', 'two', 'three'], { model, concurrency: 2 }))
      seen.push(
        r.ok ? `${r.index}: ${r.response.text ? 'text' : 'empty'}` : `${r.index}: ${r.error.message}`,
      );
    out.bulk = seen;
  }
  if (steps.includes('path')) {
    // Deno and Bun get the Node build: a path upload reads the file from disk.
    const file = await client.files.upload(filePath, { mimeType: 'text/javascript' });
    out.path = file.sizeBytes;
  }
  if (steps.includes('nodeOnly')) {
    // Paths need a file system: a typed error, before anything is sent.
    out.nodeOnly = await client.files.upload('/etc/hostname').then(
      () => 'uploaded?!',
      (e) => `${e.name}: ${e.message}`,
    );
    // Bulk's file work refuses at the call, before a run starts.
    const refused = (options, source = ['x']) => {
      try {
        client.bulk.generateContent(source, { model, ...options });
        return 'accepted?!';
      } catch (e) {
        return `${e.name}: ${e.feature}`;
      }
    };
    out.nodeOnlyBulk = [
      refused({}, '/tmp/in.jsonl'),
      refused({ journal: 'run.journal' }),
      refused({ mode: 'batch' }),
    ];
  }
  return out;
}
