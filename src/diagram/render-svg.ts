import { Worker } from 'node:worker_threads';

/*
 * DOT to SVG with Graphviz compiled to WebAssembly (@viz-js/viz): no binary to install, no
 * network. Loading the package and compiling its WebAssembly takes longer than the synthesis of
 * a small topology, so Graphviz runs in a worker thread, started once per process and only when
 * a diagram is wanted: the synthesis goes on in the main thread (on another core) while the
 * worker starts and renders. Commands that draw nothing (validate, canary, ...) never start it.
 */

/**
 * The nice value of the worker thread on Linux (the lowest priority). The diagram is background
 * work: on a machine with few cores, Graphviz's loading and layout competed with the synthesis in
 * the main thread (and V8's helper threads) for the CPU, and made the default example's synth
 * about 20 ms slower on 2 cores. Linux gives each thread its own nice value
 * (`/proc/thread-self` names the thread); elsewhere the worker keeps the process's priority.
 */
export const WORKER_NICE = 19;

/** The worker's program: lowers its priority, creates the Graphviz instance once, then renders each DOT text it is sent. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
try {
  const threadId = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  require('node:os').setPriority(threadId, workerData.nice);
} catch {
  // Not Linux: the worker runs at the process's priority.
}
const graphviz = require(workerData.vizPath).instance();
parentPort.on('message', ({ id, dot }) => {
  graphviz
    .then((viz) => parentPort.postMessage({ id, svg: viz.renderString(dot, { format: 'svg', engine: 'dot' }) }))
    .catch((error) => parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) }));
});
`;

/** A reply of the worker: the SVG of request `id`, or Graphviz's error message. */
interface Reply {
  readonly id: number;
  readonly svg?: string;
  readonly error?: string;
}

interface Pending {
  readonly resolve: (svg: string) => void;
  readonly reject: (error: Error) => void;
}

/**
 * The Graphviz worker. It keeps the process alive only while a rendering is pending, so a
 * process that started it and rendered nothing (a topology with problems) exits as usual.
 */
class GraphvizWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  constructor(onGone: () => void) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { vizPath: require.resolve('@viz-js/viz'), nice: WORKER_NICE } });
    this.worker.on('message', (reply: Reply) => this.settle(reply));
    const fail = (error: Error) => {
      onGone();
      for (const { reject } of this.pending.values()) reject(error);
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the Graphviz worker stopped (exit code ${code})`)));
    // After the listeners: adding a 'message' listener refs the worker again.
    this.worker.unref();
  }

  render(dot: string): Promise<string> {
    const id = this.nextId++;
    return new Promise<string>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) this.worker.ref();
      this.worker.postMessage({ id, dot });
    });
  }

  private settle(reply: Reply): void {
    const request = this.pending.get(reply.id);
    if (request === undefined) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker.unref();
    if (reply.svg !== undefined) request.resolve(reply.svg);
    else request.reject(new Error(reply.error ?? 'Graphviz returned nothing'));
  }
}

let graphviz: GraphvizWorker | undefined;

function instance(): GraphvizWorker {
  if (graphviz === undefined) {
    const started: GraphvizWorker = new GraphvizWorker(() => {
      // A worker reports its end twice ('error', then 'exit'): forget only this one, never a successor.
      if (graphviz === started) graphviz = undefined;
    });
    graphviz = started;
  }
  return graphviz;
}

/**
 * Starts the Graphviz worker without waiting for it: it loads and compiles Graphviz while the
 * caller loads the topology, so the later {@link renderSvg} waits less.
 */
export function preloadRenderer(): void {
  instance();
}

/**
 * Renders a DOT graph as an SVG document that starts with `<svg`: Graphviz's XML declaration,
 * DOCTYPE and generator comment (which names the Graphviz version) are left out, so the file
 * changes only when the picture does.
 * @throws Error when Graphviz cannot render the graph (its message)
 */
export async function renderSvg(dot: string): Promise<string> {
  const svg = await instance().render(dot);
  const start = svg.indexOf('<svg');
  if (start === -1) throw new Error('Graphviz returned no <svg> element');
  return svg.slice(start);
}
