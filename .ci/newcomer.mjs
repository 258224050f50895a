// CI stage "newcomer": what a new user does, on the commit under test, with nothing beside the repository.
//   1. git clone of HEAD into a fresh temp folder (no sibling folders, no dist/, no caches);
//   2. the README's test command there: `npm ci && npm test`;
//   3. `npm i git+file://<clone>` into an empty project (npm builds it through `prepare`), then import it by
//      name from every subpath exported in package.json: ESM, CommonJS, and `tsc --noEmit` on a typed
//      file under node10, nodenext (ESM and CJS) and bundler resolution.
// Prints the time of each step. Usage: node .ci/newcomer.mjs (from anywhere; the repository is its parent).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const base = mkdtempSync(join(tmpdir(), 'newcomer-'));
const clone = join(base, 'gemini-ts');
const app = join(base, 'app');
const env = { ...process.env };
delete env.GEMINI_API_KEY; // a newcomer has no key: everything runs against the embedded emulator
delete env.GOOGLE_API_KEY;
delete env.INIT_CWD;

function run(cmd, args, cwd) {
  execFileSync(cmd, args, { cwd, env, stdio: 'inherit' });
}

async function step(name, body) {
  const t0 = Date.now();
  console.log(`\n--- newcomer: ${name}`);
  await body();
  console.log(`--- newcomer: ${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/** The version installed in this repository's node_modules (so the temp project hits the npm cache). */
function installed(name) {
  return JSON.parse(readFileSync(join(REPO, 'node_modules', name, 'package.json'), 'utf8')).version;
}

/** A typed file importing every subpath by name; `@ts-expect-error` proves the types are real (not any). */
function typedSource(subpaths) {
  const ident = (s) => `area_${s.replace(/[^a-z0-9]/gi, '_')}`;
  return [
    "import { Gemini } from 'gemini-ts';",
    "import { startEmulator } from 'gemini-ts/emulator';",
    ...subpaths.map((s) => `import * as ${ident(s)} from 'gemini-ts/${s}';`),
    '',
    `export const areas: readonly object[] = [${subpaths.map(ident).join(', ')}];`,
    '',
    'export async function main(): Promise<string | undefined> {',
    '  const emulator = await startEmulator({ port: 0 });',
    "  const client = new Gemini({ apiKey: 'test-key', baseUrl: emulator.url });",
    "  const reply = await client.models.generateContent({ model: 'gemini-2.5-flash', contents: 'Hi' });",
    '  // @ts-expect-error the model is a string',
    "  void client.models.generateContent({ model: 42, contents: 'Hi' });",
    '  await emulator.close();',
    '  const text: string | undefined = reply.text;',
    '  return text;',
    '}',
    '',
  ].join('\n');
}

/** A runtime check: import every subpath, then one generateContent round trip on the emulator. */
function runtimeSource(kind, subpaths) {
  const load = (spec) => (kind === 'esm' ? `await import(${spec})` : `require(${spec})`);
  const body = [
    `const names = ${JSON.stringify(subpaths.map((s) => `gemini-ts/${s}`))};`,
    'for (const name of names) {',
    `  const area = ${load('name')};`,
    "  if (Object.keys(area).length === 0) throw new Error(name + ' exports nothing');",
    '}',
    `const { Gemini } = ${load("'gemini-ts'")};`,
    `const { startEmulator } = ${load("'gemini-ts/emulator'")};`,
    'const emulator = await startEmulator({ port: 0 });',
    "const client = new Gemini({ apiKey: 'test-key', baseUrl: emulator.url });",
    "const reply = await client.models.generateContent({ model: 'gemini-2.5-flash', contents: 'Hello' });",
    'await emulator.close();',
    "if (reply.text !== 'Echo: Hello') throw new Error('unexpected reply: ' + reply.text);",
    `console.log('${kind}: gemini-ts and ' + names.length + ' subpaths imported by name; the emulator answered ' + JSON.stringify(reply.text));`,
  ];
  return kind === 'esm'
    ? `${body.join('\n')}\n`
    : `(async () => {\n${body.join('\n')}\n})().catch((e) => {\n  console.error(e);\n  process.exit(1);\n});\n`;
}

const TSCONFIGS = {
  node10: { module: 'commonjs', moduleResolution: 'node10', files: ['typed.ts'] },
  nodenext: { module: 'nodenext', moduleResolution: 'nodenext', files: ['typed.mts', 'typed.cts'] },
  bundler: { module: 'esnext', moduleResolution: 'bundler', files: ['typed.ts'] },
};

try {
  await step('clone HEAD into a folder with nothing beside it', () => {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).trim();
    run('git', ['clone', '--quiet', '--no-checkout', REPO, clone], base);
    run('git', ['checkout', '--quiet', '--detach', head], clone);
    if (existsSync(join(base, 'shared'))) throw new Error(`${base}/shared exists: not a clean neighbourhood`);
    console.log(`${clone} at ${head.slice(0, 12)}`);
  });

  await step('npm ci && npm test (the README test command)', () => {
    run('npm', ['ci', '--no-audit', '--no-fund'], clone);
    run('npm', ['test'], clone);
  });

  const pkg = JSON.parse(readFileSync(join(clone, 'package.json'), 'utf8'));
  const subpaths = Object.keys(pkg.exports)
    .filter((k) => k !== '.' && !k.endsWith('.json'))
    .map((k) => k.slice(2));

  await step('npm i git+file://<clone> into an empty project', () => {
    mkdirSync(app);
    writeFileSync(
      join(app, 'package.json'),
      '{ "name": "newcomer-app", "version": "1.0.0", "private": true }\n',
    );
    run(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        `git+file://${clone}`,
        `typescript@${installed('typescript')}`,
        `@types/node@${installed('@types/node')}`,
      ],
      app,
    );
  });

  await step('import by name: ESM and CommonJS', () => {
    writeFileSync(join(app, 'esm.mjs'), runtimeSource('esm', subpaths));
    writeFileSync(join(app, 'cjs.cjs'), runtimeSource('cjs', subpaths));
    run(process.execPath, ['esm.mjs'], app);
    run(process.execPath, ['cjs.cjs'], app);
  });

  await step('tsc --noEmit under node10, nodenext (ESM + CJS) and bundler', () => {
    for (const ext of ['ts', 'mts', 'cts']) writeFileSync(join(app, `typed.${ext}`), typedSource(subpaths));
    for (const [name, { files, ...options }] of Object.entries(TSCONFIGS)) {
      const compilerOptions = {
        ...options,
        target: 'es2022',
        lib: ['es2022'],
        types: ['node'],
        strict: true,
        noEmit: true,
        skipLibCheck: false,
      };
      writeFileSync(join(app, `tsconfig.${name}.json`), JSON.stringify({ compilerOptions, files }, null, 2));
      run(
        process.execPath,
        [join(app, 'node_modules/typescript/bin/tsc'), '-p', `tsconfig.${name}.json`],
        app,
      );
      console.log(`types resolve under ${name} (${files.join(', ')})`);
    }
  });
} finally {
  rmSync(base, { recursive: true, force: true });
}
