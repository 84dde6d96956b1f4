/**
 * Entry point of `cdk8s synth` (see cdk8s.yaml): synthesizes the Kubernetes half of a topology
 * (`runCdk8sApp` in src/entry/cdk8s-app.ts: the topology from `$MESHFLEET_TOPOLOGY`, the output
 * in `$CDK8S_OUTDIR`, one multi-document stream under `cdk8s synth --stdout`, nothing deleted).
 *
 * On a bad topology: the file and one line per problem on stderr, exit status 1; any other error
 * one line (see `runEntryPoint`), no stack trace.
 */
import { runCdk8sApp } from '../entry/cdk8s-app';
import { runEntryPoint } from '../entry/run-entry-point';

if (require.main === module) runEntryPoint(() => runCdk8sApp());
