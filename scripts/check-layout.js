#!/usr/bin/env node
/*
 * Checks the layout of src/ (issue 16, DESIGN.md "Shape of the code"):
 *   (a) no import cycle between files,
 *   (b) no import cycle between top-level folders of src/ (a file directly in src/, such as
 *       src/synth.ts, counts as a folder of its own),
 *   (c) no hand-written source file over MAX_LINES lines (files named *.generated.ts and the
 *       src/topology/generated folder are generated, hence exempt).
 *
 *   node scripts/check-layout.js     prints the offenders and exits 1 when there are any
 *
 * Imports are read with TypeScript's own pre-processor (`ts.preProcessFile`): every `import`,
 * `import type`, `export ... from`, `import()` and `require()`. Type-only imports count too: a
 * type cycle is as much a tangle for the reader as a runtime one. Only relative specifiers that
 * resolve to a file under src/ make edges; packages are outside the graph.
 * Plain CommonJS; test/layout.test.ts runs it. Needs the devDependency typescript.
 */
'use strict';

const fs = require('fs');
const path = require('path');
const ts = require('typescript');

const ROOT = path.resolve(__dirname, '..');

/** Longest hand-written source file, in lines. */
const MAX_LINES = 600;

/**
 * Known offenders, allowed until the branches that remove them are merged (the lead empties
 * these lists after the merge). Paths relative to the repository root.
 */
const ALLOWED = {
  longFiles: [],
  // Each entry is a cycle's files, sorted, joined by ' <-> '.
  fileCycles: [],
  // Removed by the plan branch: topology/rules read plan/mesh-plan (remoteSecretsOf, reservedEastWestAddress), which reads topology.
  folderCycles: ['plan <-> topology'],
};

/** Every .ts file under `dir`, as absolute paths, sorted. */
function sourceFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out.sort();
}

/** The file a relative specifier of `from` names, as TypeScript resolves it (`x.ts`, `x/index.ts`, or `x` itself), or undefined. */
function resolveSpecifier(from, specifier, files) {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), specifier);
  return [`${base}.ts`, path.join(base, 'index.ts'), base].find((candidate) => files.has(candidate));
}

/** Top-level folder of a file under `srcDir` (`k8s` for src/k8s/synth.ts, `synth.ts` for src/synth.ts). */
function topFolder(srcDir, file) {
  return path.relative(srcDir, file).split(path.sep)[0];
}

/**
 * Strongly connected components of a graph (Tarjan), each with more than one node or a
 * self-edge: exactly the sets of nodes that lie on a cycle. Each component sorted, components
 * sorted by their first node.
 * @param {Map<string, Set<string>>} graph node -> nodes it imports
 */
function cycles(graph) {
  let index = 0;
  const indexOf = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (node) => {
    indexOf.set(node, index);
    low.set(node, index);
    index++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indexOf.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node), indexOf.get(next)));
      }
    }
    if (low.get(node) === indexOf.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || graph.get(node)?.has(node)) found.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!indexOf.has(node)) visit(node);
  return found.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** Whether `file` (relative to the root, '/'-separated) is generated, hence exempt from the length limit. */
function isGenerated(file) {
  return file.endsWith('.generated.ts') || file.startsWith('src/topology/generated/');
}

/**
 * The import graph of `<root>/src` and what breaks the layout rules.
 * @param {string} root repository root (holds src/)
 * @param {{ longFiles?: string[], fileCycles?: string[], folderCycles?: string[] }} allowed offenders not reported
 * @returns {{ files: Map<string, Set<string>>, folders: Map<string, Set<string>>, fileCycles: string[], folderCycles: string[], longFiles: string[] }}
 *   graphs keyed by root-relative '/'-separated path (files) or top-level folder name (folders);
 *   offenders as printable strings, allowed ones left out
 */
function checkLayout(root = ROOT, allowed = ALLOWED) {
  const srcDir = path.join(root, 'src');
  const all = sourceFiles(srcDir);
  const known = new Set(all);
  const rel = (file) => path.relative(root, file).split(path.sep).join('/');
  const files = new Map();
  const folders = new Map();
  const longFiles = [];
  for (const file of all) {
    const text = fs.readFileSync(file, 'utf8');
    const imports = new Set();
    for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
      const target = resolveSpecifier(file, fileName, known);
      if (target === undefined) continue;
      imports.add(rel(target));
      const [a, b] = [topFolder(srcDir, file), topFolder(srcDir, target)];
      if (a !== b) {
        if (!folders.has(a)) folders.set(a, new Set());
        folders.get(a).add(b);
      }
    }
    files.set(rel(file), imports);
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    if (lines > MAX_LINES && !isGenerated(rel(file)) && !(allowed.longFiles ?? []).includes(rel(file))) {
      longFiles.push(`${rel(file)}: ${lines} lines (at most ${MAX_LINES})`);
    }
  }
  const describe = (component) => component.join(' <-> ');
  const fileCycles = cycles(files)
    .map(describe)
    .filter((c) => !(allowed.fileCycles ?? []).includes(c));
  const folderCycles = cycles(folders)
    .map(describe)
    .filter((c) => !(allowed.folderCycles ?? []).includes(c));
  return { files, folders, fileCycles, folderCycles, longFiles };
}

/** The report of {@link checkLayout}'s offenders, one line each; empty when there are none. */
function offenderLines(result) {
  return [
    ...result.fileCycles.map((c) => `file import cycle: ${c}`),
    ...result.folderCycles.map((c) => `folder import cycle: ${c}`),
    ...result.longFiles.map((f) => `file too long: ${f}`),
  ];
}

module.exports = { checkLayout, offenderLines, ALLOWED, MAX_LINES };

if (require.main === module) {
  const lines = offenderLines(checkLayout());
  for (const line of lines) process.stderr.write(`${line}\n`);
  process.exitCode = lines.length === 0 ? 0 : 1;
}
