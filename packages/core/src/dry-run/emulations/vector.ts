/**
 * pgvector 0.8.0 (the `vector` extension Supabase ships): types `vector`, `halfvec` and
 * `sparsevec` with dimensions, the bit-vector distances, every distance function and operator,
 * arithmetic, comparisons, `avg`/`sum`, the array casts, and the `hnsw` and `ivfflat` access
 * methods with all their operator classes. Values are computed, so a migration that calls
 * `l2_distance` or `<=>` gets the real answer; indexes are accepted and checked as pgvector
 * checks them, but never used by a query (see vector-sql.ts for how).
 */
import type { ExtensionEmulation } from './types';
import { rewriteVectorStatement } from './vector-rewrite';
import { VECTOR_SCRIPT } from './vector-sql';

export const VECTOR_EMULATION: ExtensionEmulation = {
  name: 'vector',
  version: '0.8.0',
  comment: 'migration-gate emulation of pgvector 0.8.0: vector data type and ivfflat and hnsw access methods',
  relocatable: true,
  script: VECTOR_SCRIPT,
  objects: {
    types: ['vector', 'halfvec', 'sparsevec'],
    functions: [
      'l2_distance', 'inner_product', 'cosine_distance', 'l1_distance', 'vector_dims', 'vector_norm', 'l2_norm', 'l2_normalize',
      'binary_quantize', 'subvector', 'hamming_distance', 'jaccard_distance', 'array_to_vector', 'array_to_halfvec', 'array_to_sparsevec',
    ],
    operators: ['<->', '<#>', '<=>', '<+>', '<~>', '<%>'],
    accessMethods: ['hnsw', 'ivfflat'],
  },
  rewriteStatement: rewriteVectorStatement,
  source: 'https://github.com/pgvector/pgvector/blob/v0.8.0/sql/vector.sql (signatures) and src/*.c (checks and messages)',
};
