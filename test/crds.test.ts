import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listFiles } from '../src/output/list-files';

/*
 * crds/ holds the upstream CRD files that imports/ is generated from and that the schema tests
 * check objects against. Each file must be the one recorded (by sha256) in crds/SOURCES.md, and
 * SOURCES.md must not list a file that is missing: a changed or dropped CRD is a reviewed change.
 */
const CRDS = path.resolve(__dirname, '..', 'crds');

function recordedSums(): Map<string, string> {
  const sums = new Map<string, string>();
  for (const line of fs.readFileSync(path.join(CRDS, 'SOURCES.md'), 'utf8').split('\n')) {
    const match = /^([0-9a-f]{64})\s+(\S+)\s*$/.exec(line);
    if (match) sums.set(match[2], match[1]);
  }
  return sums;
}

describe('vendored CRD files', () => {
  const sums = recordedSums();
  const yamlFiles = listFiles(CRDS).filter((f) => f.endsWith('.yaml'));

  test('every CRD file has a recorded sha256 and every recorded file exists', () => {
    expect(yamlFiles.length).toBeGreaterThanOrEqual(20);
    expect([...sums.keys()].sort()).toEqual(yamlFiles);
  });

  test.each(yamlFiles)('%s matches its sha256 in SOURCES.md', (file) => {
    const actual = createHash('sha256')
      .update(fs.readFileSync(path.join(CRDS, file)))
      .digest('hex');
    expect(actual).toBe(sums.get(file));
  });
});
