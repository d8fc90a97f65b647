/**
 * pg_jsonschema 0.3.3 (Supabase's JSON Schema validation): `json_matches_schema`,
 * `jsonb_matches_schema`, `jsonschema_is_valid` and `jsonschema_validation_errors`, with their
 * real signatures, validating for real (drafts 4, 6 and 7), so a CHECK constraint that uses them
 * accepts and rejects rows as on the platform. See pg-jsonschema-sql.ts for what is not modelled.
 */
import { PG_JSONSCHEMA_SCRIPT } from './pg-jsonschema-sql';
import type { ExtensionEmulation } from './types';

export const PG_JSONSCHEMA_EMULATION: ExtensionEmulation = {
  name: 'pg_jsonschema',
  version: '0.3.3',
  comment: 'migration-gate emulation of pg_jsonschema 0.3.3: JSON Schema validation',
  relocatable: false,
  script: PG_JSONSCHEMA_SCRIPT,
  objects: {
    functions: ['json_matches_schema', 'jsonb_matches_schema', 'jsonschema_is_valid', 'jsonschema_validation_errors'],
  },
  source: 'https://github.com/supabase/pg_jsonschema/blob/v0.3.3/src/lib.rs (signatures), jsonschema crate 0.17 (behaviour and messages)',
};
