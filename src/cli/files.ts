/**
 * Groups relative file paths by folder: `[['terraform', ['manifest.json']], ...]`, folders and
 * files sorted. The root folder is `.`.
 */
export function groupByFolder(files: readonly string[]): Array<[string, string[]]> {
  const groups = new Map<string, string[]>();
  for (const file of files) {
    const slash = file.lastIndexOf('/');
    const folder = slash < 0 ? '.' : file.slice(0, slash);
    const names = groups.get(folder) ?? [];
    names.push(file.slice(slash + 1));
    groups.set(folder, names);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([folder, names]) => [folder, names.sort()]);
}
