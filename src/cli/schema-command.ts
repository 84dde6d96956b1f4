import { TOPOLOGY_SCHEMA } from '../topology/model/schema';
import { OptionValues } from './command';
import { Io } from './io';
import { EXIT_OK } from './usage';

/** The topology schema as a standalone JSON Schema document (draft-07, as the loader uses it). */
export function topologySchemaDocument(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'meshfleet topology',
    description: "A meshfleet topology file (YAML or JSON): what 'meshfleet synth' turns into Terraform and Kubernetes files.",
    ...TOPOLOGY_SCHEMA,
  };
}

/** `meshfleet schema`: prints {@link topologySchemaDocument} as JSON, indented by two spaces. */
export function runSchema(_values: OptionValues, io: Io): number {
  io.out(JSON.stringify(topologySchemaDocument(), null, 2));
  return EXIT_OK;
}
