// The recorded traffic is committed with its provenance: test/fixtures/transcripts/README.md names, for
// every recording, the project and file it was recorded in and the commit it was read at.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRANSCRIPTS_DIR } from './recorded.js';

interface Provenance {
  source_repo: string;
  source_path: string;
  source_commit: string;
}

describe('test/fixtures/transcripts', () => {
  const files = readdirSync(TRANSCRIPTS_DIR).filter((f) => f.endsWith('.json'));
  const readme = readFileSync(join(TRANSCRIPTS_DIR, 'README.md'), 'utf8').split('\n');

  it('holds the 133 recordings', () => {
    expect(files).toHaveLength(133);
  });

  it('names the source of every recording in its README', () => {
    const missing: string[] = [];
    for (const file of files) {
      const t = JSON.parse(readFileSync(join(TRANSCRIPTS_DIR, file), 'utf8')) as Provenance;
      const row = readme.find((line) => line.includes(`\`${file}\``));
      if (
        !row ||
        !row.includes(t.source_repo) ||
        !row.includes(t.source_commit.slice(0, 10)) ||
        !row.includes(t.source_path.replaceAll('|', '\\|'))
      ) {
        missing.push(file);
      }
    }
    expect(missing).toEqual([]);
  });
});
