import * as fs from 'node:fs';
import * as path from 'node:path';

const PACKAGE_NAME = 'meshfleet';

/** The default topology, relative to the package root (what `npm run synth` uses). */
export const DEFAULT_TOPOLOGY = 'examples/private-asm-multicluster.yaml';

interface PackageInfo {
  readonly root: string;
  readonly version: string;
}

let cached: PackageInfo | undefined;

/**
 * The package root and version, found by walking up from this file to the `package.json`
 * named `meshfleet`. Works from the compiled `lib/src/cli/` and from `src/cli/` under ts-jest.
 */
export function packageInfo(): PackageInfo {
  if (cached) return cached;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const manifest = readManifest(path.join(dir, 'package.json'));
    if (manifest?.name === PACKAGE_NAME) {
      cached = { root: dir, version: String(manifest.version) };
      return cached;
    }
    if (path.dirname(dir) === dir) throw new Error(`cannot find the ${PACKAGE_NAME} package.json above ${__dirname}`);
  }
}

/** Absolute path of the default topology file. */
export function defaultTopologyPath(): string {
  return path.join(packageInfo().root, DEFAULT_TOPOLOGY);
}

function readManifest(file: string): { name?: unknown; version?: unknown } | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
