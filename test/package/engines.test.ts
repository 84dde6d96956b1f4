/**
 * The package's `engines.node` is honest: every Node.js version it admits is admitted by every
 * package a consumer installs with it (the production dependency closure), so `npm install`
 * never warns EBADENGINE for a version meshfleet claims to support.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const semver = require('semver') as { subset(sub: string, dom: string): boolean; validRange(range: string): string | null };

const ROOT = path.resolve(__dirname, '..', '..');

interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly engines?: { readonly node?: string };
}

/** The manifest file of `name` as Node resolves it from `fromDir`, or undefined when it is not installed (an optional dependency). */
function manifestFile(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name, 'package.json');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** Every installed package of the production closure of the package at ROOT, by manifest file. */
function productionClosure(): Map<string, Manifest> {
  const closure = new Map<string, Manifest>();
  const visit = (manifest: Manifest, dir: string) => {
    for (const name of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
      const file = manifestFile(name, dir);
      if (file === undefined || closure.has(file)) continue;
      const dependency = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
      closure.set(file, dependency);
      visit(dependency, path.dirname(file));
    }
  };
  visit(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest, ROOT);
  return closure;
}

describe('engines', () => {
  const own = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest).engines?.node;

  test('meshfleet declares the Node.js versions it runs on', () => {
    expect(own).toBeDefined();
    expect(semver.validRange(own as string)).not.toBeNull();
  });

  test('every version meshfleet admits is admitted by every runtime dependency', () => {
    const closure = productionClosure();
    expect(closure.size).toBeGreaterThan(20);
    const refusing = [...closure.values()]
      .filter((m) => m.engines?.node !== undefined && semver.validRange(m.engines.node) !== null)
      .filter((m) => !semver.subset(own as string, m.engines?.node as string))
      .map((m) => `${m.name}@${m.version} needs node ${m.engines?.node}`);
    expect(refusing).toEqual([]);
  });

  test('the running Node.js is one meshfleet admits (CI runs the lowest line it supports)', () => {
    expect(semver.subset(process.version.slice(1), own as string)).toBe(true);
  });
});
