/*
 * The limits on a topology file, named once: the loader, the in-place editors (`canary`,
 * `shift`) and the tests read them from here. They keep a hostile or mistaken input (a huge
 * file, a device, a deeply nested document) from hanging or crashing meshfleet; no real topology
 * comes near them.
 */

/**
 * Largest topology file read, in bytes: 4 MiB. The largest example is under 20 KiB; a larger
 * file is refused before it is read, with its size.
 */
export const MAX_TOPOLOGY_BYTES = 4 * 1024 * 1024;

/**
 * Deepest nesting of mappings and lists in a topology (the top-level mapping is level 1): 64.
 * The deepest example nests 10 levels; a deeper document is refused before anything walks it
 * recursively (the YAML library, the schema check), which would otherwise exhaust the stack.
 */
export const MAX_NESTING_DEPTH = 64;

/** `4 MiB (4194304 bytes)`: a byte count as messages show it. */
export function showBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  const shown = mib >= 0.1 ? `${Number(mib.toFixed(1))} MiB` : `${Number((bytes / 1024).toFixed(1))} KiB`;
  return `${shown} (${bytes} bytes)`;
}
