import { TOPOLOGY_SCHEMA } from '../topology/generated/topology-schema.generated';
import { OptionValues } from './command';
import { Io } from './io';
import { EXIT_OK } from './usage';

/**
 * The topology schema as a standalone JSON Schema document (draft-07, as the loader uses it),
 * generated from the model's types and JSDoc (scripts/generate-schema.js).
 */
export function topologySchemaDocument(): Readonly<Record<string, unknown>> {
  return TOPOLOGY_SCHEMA;
}

/** `meshfleet schema`: prints {@link topologySchemaDocument} as JSON, indented by two spaces. */
export function runSchema(_values: OptionValues, io: Io): number {
  io.out(JSON.stringify(topologySchemaDocument(), null, 2));
  return EXIT_OK;
}
