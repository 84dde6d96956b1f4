#!/usr/bin/env node
/*
 * Regenerates src/topology/rules/gcp-locations.json, the Google Cloud regions and zones that the
 * topology rules accept (a zone or region not in it is refused by `meshfleet validate`):
 *
 *   gcloud compute zones list --format=json > zones.json
 *   node scripts/refresh-gcp-locations.js zones.json
 *   # or: gcloud compute zones list --format=json | node scripts/refresh-gcp-locations.js
 *
 * Reads the JSON array that `gcloud compute zones list --format=json` prints (each zone has a
 * `name` such as us-west1-a and a `region` URL ending in /regions/us-west1) from the file
 * given, or from stdin; writes the regions in name order, each with its zones in name order.
 * Zones whose `status` is not UP are kept (a zone under maintenance still exists).
 * Needs no network itself: run gcloud wherever you have credentials and pass its output here.
 *
 * Plain CommonJS, Node >= 20 built-ins only.
 */
'use strict';

const fs = require('fs');
const path = require('path');

const OUTPUT = path.resolve(__dirname, '..', 'src', 'topology', 'rules', 'gcp-locations.json');

/** The regions and zones of a `gcloud compute zones list --format=json` listing. */
function locationsOf(zones) {
  if (!Array.isArray(zones)) throw new Error('expected the JSON array printed by `gcloud compute zones list --format=json`');
  const regions = {};
  for (const zone of zones) {
    const name = zone && zone.name;
    const region = zone && typeof zone.region === 'string' ? zone.region.split('/').pop() : undefined;
    if (typeof name !== 'string' || !region || !name.startsWith(`${region}-`)) {
      throw new Error(`not a zone of the listing: ${JSON.stringify(zone).slice(0, 120)}`);
    }
    (regions[region] ??= []).push(name);
  }
  const sorted = {};
  for (const region of Object.keys(regions).sort()) sorted[region] = [...new Set(regions[region])].sort();
  return sorted;
}

function main() {
  const file = process.argv[2];
  const text = fs.readFileSync(file === undefined || file === '-' ? 0 : file, 'utf8');
  const regions = locationsOf(JSON.parse(text));
  const document = {
    source: 'gcloud compute zones list --format=json (regenerate with scripts/refresh-gcp-locations.js)',
    regions,
  };
  fs.writeFileSync(OUTPUT, `${JSON.stringify(document, null, 2)}\n`);
  const count = Object.values(regions).reduce((n, z) => n + z.length, 0);
  process.stdout.write(`wrote ${path.relative(process.cwd(), OUTPUT)}: ${Object.keys(regions).length} regions, ${count} zones\n`);
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    process.stderr.write(`refresh-gcp-locations: ${error.message}\n`);
    process.exit(1);
  }
}

module.exports = { locationsOf };
