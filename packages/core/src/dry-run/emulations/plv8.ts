/**
 * plv8 3.1 (github.com/plv8/plv8: JavaScript as a procedural language; Supabase shipped it until
 * it was deprecated, so applied history still creates it). The emulation registers a trusted
 * language `plv8` (and `plv8u`? no: untrusted languages are never creatable by `postgres`) whose
 * call handler is PL/pgSQL's and which has no validator: `create function ... language plv8` replays
 * without checking the JavaScript body, as plv8 itself checks it only when the function first runs
 * (with `check_function_bodies` off). Calling such a function in the dry-run fails, since its body
 * is not PL/pgSQL. Runs nothing as superuser beyond creating the language.
 */
import type { ExtensionEmulation } from './types';

export const plv8: ExtensionEmulation = {
  name: 'plv8',
  version: '3.1.10',
  comment: 'PL/JavaScript (v8) trusted procedural language (migration-gate emulation: functions are created, not run)',
  relocatable: false,
  schema: 'pg_catalog',
  behaviour: 'functions in language plv8 are created without checking their JavaScript; calling one fails',
  script: `
create trusted language plv8 handler pg_catalog.plpgsql_call_handler;
comment on language plv8 is 'PL/JavaScript (v8) trusted procedural language (emulated)';
`,
  objects: {},
  source: 'https://github.com/plv8/plv8/blob/master/plv8.sql.common',
};
