// Issue 14 item 2: no body the emulator stores, merges, validates or applies can reach Object.prototype.
// The reproduction from the issue, then a seeded property test over every create/patch method of the
// manifest, every control route, uploads and both WebSocket endpoints.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { EmulatorCore, RunningEmulator } from '../../emulator/index.js';
import { manifest } from '../../emulator/spec-source.js';
import { httpCall, rpcError, start } from './emulator-support.js';

const LIVE = 'models/gemini-live-2.5-flash-preview';
const wsBase = (emu: RunningEmulator): string => emu.url.replace(/^http/, 'ws');

/** Names of every own property of the built-in prototypes a pollution would touch. */
function prototypeSnapshot(): string[] {
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype].flatMap((p) =>
    Reflect.ownKeys(p).map(String),
  );
}

function expectClean(before: readonly string[]): void {
  expect(prototypeSnapshot()).toEqual(before);
  for (const probe of [{}, [], () => 0, Object.create(Object.prototype) as object]) {
    expect((probe as Record<string, unknown>)['polluted']).toBeUndefined();
    expect((probe as Record<string, unknown>)['isAdmin']).toBeUndefined();
  }
}

/** Sends WebSocket messages in order and resolves when the server closes or `ms` pass. */
function wsSession(url: string, messages: readonly string[], ms = 3000): Promise<void> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    const timer = setTimeout(() => {
      ws.terminate();
      resolve();
    }, ms);
    ws.on('open', () => {
      for (const m of messages) ws.send(m);
      setTimeout(() => ws.close(), 300);
    });
    ws.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
    ws.on('error', () => undefined);
  });
}

const post = (
  emu: RunningEmulator,
  path: string,
  body: string,
  method = 'POST',
): ReturnType<typeof httpCall> =>
  httpCall(emu, method, path, { 'content-type': 'application/json', 'x-goog-api-key': 'k' }, body);

describe('the reproduction from the issue', () => {
  it('a token whose fieldMask walks __proto__ is refused with 400, and a constrained Live setup pollutes nothing', async () => {
    const before = prototypeSnapshot();
    const emu = await start();
    const setup = `{"model":"${LIVE}","generationConfig":{"responseJsonSchema":{"__proto__":{"polluted":"yes"}}}}`;
    for (const mask of [
      'generationConfig.responseJsonSchema.__proto__.polluted',
      'constructor.prototype.polluted',
      'generationConfig.prototype',
      'model,__proto__',
    ]) {
      const res = await post(
        emu,
        '/v1alpha/auth_tokens',
        `{"uses":0,"bidiGenerateContentSetup":${setup},"fieldMask":"${mask}"}`,
      );
      expect(res.status, mask).toBe(400);
      expect(rpcError(res.body)).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
    }
    // Without a mask every field of the locked setup is merged over the client's: also harmless.
    const ok = await post(emu, '/v1alpha/auth_tokens', `{"uses":0,"bidiGenerateContentSetup":${setup}}`);
    expect(ok.status).toBe(200);
    const name = (JSON.parse(ok.body) as { name: string }).name;
    await wsSession(
      `${wsBase(emu)}/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContentConstrained?access_token=${name}`,
      [
        `{"setup":{"model":"${LIVE}","generationConfig":{"responseJsonSchema":{"constructor":{"prototype":{"polluted":1}}}}}}`,
      ],
    );
    expectClean(before);
  });
});

// ---- property: poison keys anywhere in every stored or merged body ----

const POISON = ['__proto__', 'constructor', 'prototype'] as const;

/** A JSON tree serialised by hand, so `__proto__` really is a key in the text (object literals would eat it). */
type Tree =
  | { readonly obj: readonly (readonly [string, Tree])[] }
  | { readonly arr: readonly Tree[] }
  | { readonly lit: unknown };

const text = (t: Tree): string =>
  'obj' in t
    ? `{${t.obj.map(([k, v]) => `${JSON.stringify(k)}:${text(v)}`).join(',')}}`
    : 'arr' in t
      ? `[${t.arr.map(text).join(',')}]`
      : JSON.stringify(t.lit);

const KEYS = [
  ...POISON,
  'polluted',
  'isAdmin',
  'text',
  'parts',
  'contents',
  'model',
  'displayName',
  'ttl',
  'config',
  'args',
];

const tree: fc.Arbitrary<Tree> = fc.letrec<{ t: Tree }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc
      .oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.boolean(), fc.constant(null))
      .map((lit) => ({ lit })),
    fc.array(fc.tuple(fc.constantFrom(...KEYS), tie('t')), { maxLength: 4 }).map((obj) => ({ obj })),
    fc.array(tie('t'), { maxLength: 3 }).map((arr) => ({ arr })),
  ),
})).t;

/** An object body that always holds at least one poison key at the top and one nested below it. */
const poisonBody: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(...POISON),
    fc.constantFrom(...POISON),
    tree,
    fc.array(fc.tuple(fc.constantFrom(...KEYS), tree), { maxLength: 3 }),
  )
  .map(([top, inner, t, rest]) =>
    text({
      obj: [
        [
          top,
          {
            obj: [
              [inner, { obj: [['polluted', { lit: 1 }]] }],
              ['isAdmin', { lit: true }],
            ],
          },
        ],
        ['x', t],
        ...rest,
      ],
    }),
  );

/** Valid bodies that carry poison keys into free-form (Struct / JSON Schema) fields, so they get stored and merged. */
const P =
  '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"prototype":{"polluted":1}}';
const USER = '{"role":"user","parts":[{"text":"hi"}]}';
const SCHEMA = `{"type":"object","properties":{"__proto__":{"type":"object","properties":{"polluted":{"type":"string"}}},"constructor":{"type":"object","properties":{"prototype":{"type":"string"}}}},"allOf":[${P}],"$defs":${P}}`;
const FUNC_CALL = `{"role":"model","parts":[{"functionCall":{"name":"f","args":${P}}}]}`;
const FUNC_RESP = `{"role":"user","parts":[{"functionResponse":{"name":"f","response":${P}}}]}`;

const curated: readonly (readonly [string, string, string])[] = [
  [
    'POST',
    '/v1beta/models/gemini-2.5-flash:generateContent',
    `{"contents":[${USER}],"generationConfig":{"responseMimeType":"application/json","responseJsonSchema":${SCHEMA}}}`,
  ],
  [
    'POST',
    '/v1beta/models/gemini-2.5-flash:generateContent?$alt=json;enum-encoding=int',
    `{"contents":[${USER},${FUNC_CALL},${FUNC_RESP}],"tools":[{"functionDeclarations":[{"name":"f","parametersJsonSchema":${SCHEMA}}]}],"toolConfig":{"functionCallingConfig":{"mode":"ANY"}}}`,
  ],
  [
    'POST',
    '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
    `{"contents":[${USER}],"generationConfig":{"responseMimeType":"application/json","responseJsonSchema":${SCHEMA}}}`,
  ],
  ['POST', '/v1beta/models/gemini-2.5-flash:countTokens', `{"contents":[${USER},${FUNC_CALL}]}`],
  [
    'POST',
    '/v1beta/cachedContents',
    `{"model":"models/gemini-2.5-flash","contents":[${USER},${FUNC_CALL}],"ttl":"600s","displayName":"c"}`,
  ],
  [
    'POST',
    '/v1beta/models/gemini-2.5-flash:batchGenerateContent',
    `{"batch":{"displayName":"b","inputConfig":{"requests":{"requests":[{"request":{"contents":[${USER}]},"metadata":${P}}]}}}}`,
  ],
  ['POST', '/v1beta/interactions', `{"model":"gemini-2.5-flash","input":"hi","generation_config":${P}}`],
  [
    'POST',
    '/v1beta/interactions',
    `{"model":"gemini-2.5-flash","input":"hi","response_format":${SCHEMA},"response_mime_type":"application/json"}`,
  ],
  ['POST', '/v1beta/fileSearchStores', `{"displayName":"s"}`],
  [
    'POST',
    '/v1alpha/auth_tokens',
    `{"uses":0,"bidiGenerateContentSetup":{"model":"${LIVE}","generationConfig":{"responseJsonSchema":${P}}}}`,
  ],
  [
    'POST',
    '/v1alpha/auth_tokens',
    `{"uses":0,"bidiGenerateContentSetup":{"model":"${LIVE}","generationConfig":{"responseJsonSchema":${P}}},"fieldMask":"generationConfig.responseJsonSchema.__proto__.polluted"}`,
  ],
  [
    'POST',
    '/v1alpha/auth_tokens',
    `{"uses":0,"bidiGenerateContentSetup":{"model":"${LIVE}","generationConfig":{"responseJsonSchema":${P}}},"fieldMask":"generationConfig.responseJsonSchema.constructor.prototype.polluted"}`,
  ],
];

function fill(flatPath: string): string {
  return flatPath.replace(/\{([^}]+)\}/g, (_, name: string) =>
    name.startsWith('models') ? 'gemini-2.5-flash' : 'x1',
  );
}

describe('property: __proto__, constructor and prototype in every stored or merged body', () => {
  it('leaves Object.prototype clean across every create/patch method, control route, upload and WebSocket', async () => {
    const before = prototypeSnapshot();
    let core: EmulatorCore | undefined;
    const emu = await start({ features: [{ name: 'probe', install: (c) => void (core = c) }] });
    const statuses: number[] = [];
    const tokens: string[] = [];

    // 1. Valid bodies with poison in free-form fields, then patches of what they created (masks naming poison).
    for (const [method, path, body] of curated) {
      const res = await post(emu, path, body, method);
      statuses.push(res.status);
      if (path.endsWith('auth_tokens') && res.status === 200)
        tokens.push((JSON.parse(res.body) as { name: string }).name);
    }
    expect(tokens.length).toBeGreaterThan(0);
    for (const [method, path, status] of statuses.map(
      (s, i) => [curated[i]?.[0], curated[i]?.[1], s] as const,
    ))
      expect(status, `${method} ${path}`).toBeLessThan(500);
    const caches = JSON.parse((await httpCall(emu, 'GET', '/v1beta/cachedContents?key=k')).body) as {
      cachedContents?: { name: string }[];
    };
    const cache = caches.cachedContents?.[0]?.name ?? 'cachedContents/none';
    for (const mask of ['__proto__.polluted', 'constructor.prototype', 'ttl']) {
      const res = await post(
        emu,
        `/v1beta/${cache}?updateMask=${mask}`,
        `{"ttl":"60s",${P.slice(1)}`,
        'PATCH',
      );
      expect(res.status, mask).toBeLessThan(500);
    }

    // 2. Every create/patch/post method of the manifest, with seeded random poisoned bodies.
    const writes = manifest.filter((e) => e.httpMethod !== 'GET' && e.httpMethod !== 'DELETE');
    expect(writes.length).toBeGreaterThan(40);
    const bodies = fc.sample(poisonBody, { seed: 14, numRuns: writes.length * 3 });
    let i = 0;
    for (const entry of writes) {
      const path = `/${entry.version ?? 'v1beta'}/${fill(entry.flatPath)}`;
      for (let n = 0; n < 3; n++) {
        const body = bodies[i++] ?? '{}';
        const query = n === 2 ? `?updateMask=${POISON[n % 3]}.polluted` : '';
        const res = await post(emu, `${path}${query}`, body, entry.httpMethod);
        expect(res.status, `${entry.id} ${body.slice(0, 80)}`).not.toBe(500);
      }
    }

    // 3. The upload protocol's start metadata (Files and File Search).
    for (const path of [
      '/upload/v1beta/files',
      '/upload/v1beta/fileSearchStores/x1:uploadToFileSearchStore',
    ]) {
      const res = await httpCall(
        emu,
        'POST',
        path,
        {
          'x-goog-api-key': 'k',
          'content-type': 'application/json',
          'x-goog-upload-protocol': 'resumable',
          'x-goog-upload-command': 'start',
        },
        `{"file":${P},"displayName":"d","customMetadata":[{"key":"__proto__","stringValue":"v"}],${P.slice(1)}`,
      );
      expect(res.status, path).toBeLessThan(500);
    }

    // 4. Every control route (each `*` filled), with poisoned bodies and scripted replies that carry poison.
    const routes = core?.controlRoutes.list() ?? [];
    expect(routes.length).toBeGreaterThan(20);
    const controlBodies = fc.sample(poisonBody, { seed: 15, numRuns: routes.length });
    for (const [j, r] of routes.entries()) {
      if (r.path === 'reset') continue; // would wipe what the other steps stored
      const path = `/__emulator/${r.path.replace(/\*/g, 'x1')}`;
      const res = await httpCall(
        emu,
        r.method,
        path,
        { 'content-type': 'application/json' },
        controlBodies[j],
      );
      expect(res.status, `${r.method} ${path}`).toBeLessThan(500);
    }
    const scripted = `{"model":"gemini-2.5-flash","replies":[{"text":"x","functionCalls":[{"name":"f","args":${P}}]},${P}]}`;
    expect(
      (await httpCall(emu, 'POST', '/__emulator/replies', { 'content-type': 'application/json' }, scripted))
        .status,
    ).toBe(200);
    await post(emu, '/v1beta/models/gemini-2.5-flash:generateContent', `{"contents":[${USER}]}`);
    await post(emu, '/v1beta/models/gemini-2.5-flash:generateContent', `{"contents":[${USER}]}`);
    const model = `{"name":"models/poison","supportedGenerationMethods":["generateContent"],${P.slice(1)}`;
    expect(
      (await httpCall(emu, 'POST', '/__emulator/models', { 'content-type': 'application/json' }, model))
        .status,
    ).toBeLessThan(500);

    // 5. Live and Music messages with poison in every free-form place.
    const live = `${wsBase(emu)}/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent?key=k`;
    await wsSession(live, [
      `{"setup":{"model":"${LIVE}","tools":[{"functionDeclarations":[{"name":"f","parametersJsonSchema":${SCHEMA}}]}]}}`,
      `{"clientContent":{"turns":[${USER},${FUNC_CALL}],"turnComplete":true}}`,
      `{"toolResponse":{"functionResponses":[{"name":"f","id":"1","response":${P}}]}}`,
      P,
    ]);
    // Constrained sessions apply each token's locks (the path walk the issue found) over a poisoned setup.
    for (const token of tokens) {
      for (const setup of [
        `{"model":"${LIVE}"}`,
        `{"model":"${LIVE}","generationConfig":{"responseJsonSchema":${P}}}`,
      ]) {
        await wsSession(
          `${wsBase(emu)}/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContentConstrained?access_token=${token}`,
          [`{"setup":${setup}}`],
        );
      }
    }
    const music = `${wsBase(emu)}/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateMusic?key=k`;
    await wsSession(music, [
      '{"setup":{"model":"models/lyria-realtime-exp"}}',
      `{"clientContent":{"weightedPrompts":[{"text":"x","weight":1}]},${P.slice(1)}`,
      `{"musicGenerationConfig":${P}}`,
      P,
    ]);

    // Everything the emulator kept can still be listed and served.
    for (const path of [
      '/v1beta/cachedContents',
      '/v1beta/batches',
      '/v1beta/fileSearchStores',
      '/v1beta/files',
    ])
      expect((await httpCall(emu, 'GET', `${path}?key=k`)).status, path).toBe(200);
    expect(JSON.stringify(emu.control.requests).length).toBeGreaterThan(0);
    expectClean(before);
  }, 120_000);
});
