import type { Viz } from '@viz-js/viz';

/*
 * DOT to SVG with Graphviz compiled to WebAssembly (@viz-js/viz): no binary to install, no
 * network. Creating the Graphviz instance is the expensive part (tens of milliseconds), so it is
 * created once per process and only when a diagram is rendered: commands that draw nothing
 * (validate, canary, ...) never load the package.
 */

let graphviz: Promise<Viz> | undefined;

function instance(): Promise<Viz> {
  if (graphviz === undefined) {
    // Loaded here, synchronously, so that compiling starts at once (not after other queued work).
    const viz = require('@viz-js/viz') as typeof import('@viz-js/viz');
    graphviz = viz.instance();
    // A failure is reported to whoever renders; one that nobody awaits must not end the process.
    graphviz.catch(() => undefined);
  }
  return graphviz;
}

/**
 * Starts creating the Graphviz instance without waiting for it: WebAssembly compiles in the
 * background while the caller does synchronous work (loading the topology, synthesizing), so
 * the later {@link renderSvg} waits less.
 */
export function preloadRenderer(): void {
  void instance();
}

/**
 * Renders a DOT graph as an SVG document that starts with `<svg`: Graphviz's XML declaration,
 * DOCTYPE and generator comment (which names the Graphviz version) are left out, so the file
 * changes only when the picture does.
 * @throws Error when Graphviz cannot render the graph (its message)
 */
export async function renderSvg(dot: string): Promise<string> {
  const viz = await instance();
  const svg = viz.renderString(dot, { format: 'svg', engine: 'dot' });
  const start = svg.indexOf('<svg');
  if (start === -1) throw new Error('Graphviz returned no <svg> element');
  return svg.slice(start);
}
