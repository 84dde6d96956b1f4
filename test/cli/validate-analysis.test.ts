/**
 * `meshfleet validate` with error findings and a failing synthesis. No valid topology yields
 * either (the topology rules refuse what would), so the in-memory synthesis is replaced by
 * hand-built objects here.
 */
import * as path from 'node:path';
import { synthesizeForAnalysis } from '../../src/analysis/synthesize';
import { inputOf, namespaceObject, service, virtualService } from '../analysis/support';
import { EXAMPLES_DIR, run } from './helpers';

jest.mock('../../src/analysis/synthesize');
const synthesize = jest.mocked(synthesizeForAnalysis);

const FILE = path.join(EXAMPLES_DIR, 'istio-traffic-shifting.yaml');

/** One error (IST0101) and one warning (IST0123) in cluster c1. */
const withError = () =>
  inputOf(
    {
      c1: [
        namespaceObject('bookinfo', { 'istio-injection': 'enabled', 'istio.io/rev': 'r' }),
        service('bookinfo', 'reviews'),
        virtualService('bookinfo', 'reviews', { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v3' } }] }] }),
      ],
    },
    { topology: { externalClusters: ['c1'] } },
  );

afterEach(() => synthesize.mockReset());

describe('meshfleet validate with analysis findings', () => {
  test('prints each finding, then the counts on standard error, and exits 1 on an error finding', async () => {
    synthesize.mockReturnValue(withError());
    const result = await run('validate', '--topology', FILE);
    expect(result.stdout).toEqual([
      expect.stringMatching(/^warning IST0123 c1 Namespace bookinfo metadata\.labels: The namespace has both/),
      expect.stringMatching(/^error IST0101 c1 VirtualService bookinfo\/reviews spec\.http\[0\]\.route\[0\]\.destination\.subset: Referenced host\+subset/),
    ]);
    expect(result.stderr).toEqual([`${FILE}: the synthesized objects have problems: 1 error, 1 warning, 0 infos`]);
    expect(result.status).toBe(1);
    expect(synthesize).toHaveBeenCalledTimes(1);
  });

  test('--format json carries the findings with every field', async () => {
    synthesize.mockReturnValue(withError());
    const result = await run('validate', '--format', 'json', '--topology', FILE);
    expect(result.status).toBe(1);
    expect(result.stderr).toEqual([]);
    const document = JSON.parse(result.stdout.join('\n'));
    expect(document.ok).toBe(false);
    expect(document.problems).toEqual([]);
    expect(document.findings).toEqual([
      { code: 'IST0123', severity: 'warning', cluster: 'c1', object: 'Namespace bookinfo', path: 'metadata.labels', message: expect.any(String) },
      {
        code: 'IST0101',
        severity: 'error',
        cluster: 'c1',
        object: 'VirtualService bookinfo/reviews',
        path: 'spec.http[0].route[0].destination.subset',
        message: expect.any(String),
      },
    ]);
  });

  test('--skip-analysis checks the topology only', async () => {
    synthesize.mockReturnValue(withError());
    const result = await run('validate', '--skip-analysis', '--topology', FILE);
    expect(result).toEqual({ status: 0, stdout: [expect.stringMatching(/^ok: .*: 1 cluster /)], stderr: [] });
    expect(synthesize).not.toHaveBeenCalled();
  });

  test('a synthesis that throws is a problem of the topology, in text and in JSON', async () => {
    synthesize.mockImplementation(() => {
      throw new Error('There is already a Construct with name x\nstack trace');
    });
    const text = await run('validate', '--topology', FILE);
    expect(text).toEqual({ status: 1, stdout: [], stderr: [`${FILE}: 1 problem`, '(synthesis): synthesis failed: There is already a Construct with name x'] });
    const json = await run('validate', '--format', 'json', '--topology', FILE);
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout.join('\n')).problems).toEqual([{ path: '(synthesis)', message: 'synthesis failed: There is already a Construct with name x' }]);
  });
});
