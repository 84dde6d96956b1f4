#!/usr/bin/env node
/**
 * The package's bin, `lib/cli/meshfleet.js` (built by scripts/build-cli.js): runs `meshfleet`
 * with this process's arguments from the bundles beside it, loaded through their code cache.
 */
import { BundleLoader, readBundleNames } from './bundle-loader';
import type * as cli from './main';

const loader = new BundleLoader(__dirname, readBundleNames(__dirname));
(loader.load('cli') as typeof cli).runAsProgram();
