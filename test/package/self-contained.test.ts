// The repository is the whole product: no source, test, script or doc reads or links a folder beside it.
// A user clones this repository alone, so a relative path to our old workshop folder beside it would
// be a dangling link for them. Only .ci/run may name it: CI runs extra acceptance probes when that
// folder happens to exist. Every tracked file is checked, plus new files git would track.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const ALLOWED = new Set(['.ci/run']);

// Built from parts so that this file does not match itself.
const WORKSHOP = 'sha' + 'red';
const OUTSIDE = new RegExp(
  [
    `\\.\\./${WORKSHOP}\\b`, // one or more levels up
    `/work/${WORKSHOP}\\b`, // an absolute path to the workshop
    `\\b${WORKSHOP}/(spec|transcripts|protocols|acceptance|hooks|STYLE\\.md)\\b`,
  ].join('|'),
);

/** Files git tracks or would track (not ignored), relative to the root. */
function repositoryFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return out.split('\0').filter((f) => f !== '');
}

describe('the repository stands alone', () => {
  it(`no file outside .ci/run refers to ../${WORKSHOP}`, () => {
    const files = repositoryFiles();
    expect(files.length).toBeGreaterThan(500); // the listing worked
    const offenders: string[] = [];
    for (const file of files) {
      if (ALLOWED.has(file)) continue;
      let text: string;
      try {
        text = readFileSync(join(ROOT, file), 'utf8');
      } catch {
        continue; // deleted in the work tree but still in the index
      }
      text.split('\n').forEach((line, i) => {
        if (OUTSIDE.test(line)) offenders.push(`${file}:${i + 1}: ${line.trim().slice(0, 160)}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it('the check itself catches the forms it looks for', () => {
    for (const text of [
      `see ../${WORKSHOP}/spec/x.json`,
      `new URL('../../../${WORKSHOP}/transcripts/', import.meta.url)`,
      `/work/${WORKSHOP}/transcripts`,
      `${WORKSHOP}/protocols/live.md`,
    ]) {
      expect(OUTSIDE.test(text), text).toBe(true);
    }
    for (const text of [`corpora/${WORKSHOP}/permissions/abc`, `the ${WORKSHOP} poller`]) {
      expect(OUTSIDE.test(text), text).toBe(false);
    }
  });
});
