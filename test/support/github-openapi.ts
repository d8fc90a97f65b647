/**
 * GitHub's published OpenAPI description (from @octokit/openapi), prepared for checking the
 * requests our code sends and the responses tests make up.
 *
 * The description is 13 MB, so it is parsed once per process and validators are compiled only
 * for the operations a test actually touches. Schemas keep their `$ref`s: the whole document is
 * registered with Ajv under one id, and each validator is a `$ref` pointing into it.
 */
import { readFileSync } from 'node:fs';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

type Json = unknown;
type JsonObject = Record<string, any>;

const DOCUMENT_ID = 'https://api.github.com/openapi.json';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  /** JSON pointer (without `#`) to the parameter's schema inside the description. */
  schemaPointer?: string;
  schemaType?: string;
}

export interface OpenApiOperation {
  operationId: string;
  method: string;
  /** Path template as written in the description, e.g. `/repos/{owner}/{repo}/issues/{issue_number}/comments`. */
  template: string;
  parameters: OpenApiParameter[];
  requestBody?: { required: boolean; schemaPointer?: string };
  /** Documented statuses → pointer to the JSON body schema, or null when the status has no body. */
  responses: Map<string, string | null>;
}

export interface MatchedOperation {
  operation: OpenApiOperation;
  pathParams: Record<string, string>;
}

interface CompiledTemplate {
  regex: RegExp;
  paramNames: string[];
  /** Per segment: 1 for a literal, 0 for a parameter; literal segments win when two templates match. */
  specificity: number[];
  operations: Map<string, JsonObject>;
  template: string;
}

export interface GitHubDescription {
  version: string;
  findOperation(method: string, path: string): MatchedOperation | undefined;
  operationFor(method: string, template: string): OpenApiOperation | undefined;
  /** Errors of `value` against the schema at `pointer`, formatted for people; empty when valid. */
  validate(pointer: string, value: Json): string[];
  /** Pointer to `#/components/schemas/<name>`, throwing if the description has no such schema. */
  componentSchemaPointer(name: string): string;
  /** A deep copy of `#/components/examples/<name>/value`. */
  example(name: string): Json;
}

let loaded: GitHubDescription | undefined;

/** The description of api.github.com, loaded on first use. */
export function githubDescription(): GitHubDescription {
  loaded ??= loadDescription(require.resolve('@octokit/openapi/generated/api.github.com.json'));
  return loaded;
}

function loadDescription(file: string): GitHubDescription {
  const document: JsonObject = JSON.parse(readFileSync(file, 'utf8'));
  if (!String(document.openapi).startsWith('3.0.')) {
    // 3.1 writes nullability as `type: [..., "null"]`; the conversion below would need to change.
    throw new Error(`Expected an OpenAPI 3.0 description of GitHub, got ${document.openapi}`);
  }
  convertDocumentSchemas(document);
  document.$id = DOCUMENT_ID;

  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false });
  addFormats(ajv);
  // The one format the description uses that ajv-formats does not know: "owner/name".
  ajv.addFormat('repo.nwo', /^[^/\s]+\/[^/\s]+$/);
  ajv.addSchema(document, DOCUMENT_ID);

  const validators = new Map<string, ValidateFunction>();
  const templatesBySegmentCount = indexTemplates(document);
  const operations = new Map<string, OpenApiOperation>();

  function operationFor(method: string, template: string): OpenApiOperation | undefined {
    const key = `${method.toUpperCase()} ${template}`;
    const cached = operations.get(key);
    if (cached) return cached;
    const raw = document.paths[template]?.[method.toLowerCase()];
    if (!raw) return undefined;
    const operation = describeOperation(document, method.toUpperCase(), template);
    operations.set(key, operation);
    return operation;
  }

  return {
    version: String(document.info?.version ?? 'unknown'),
    operationFor,
    findOperation(method, path) {
      const segments = path.split('/').length;
      const candidates = (templatesBySegmentCount.get(segments) ?? [])
        .filter((t) => t.operations.has(method.toLowerCase()))
        .map((t) => ({ t, match: t.regex.exec(path) }))
        .filter((c): c is { t: CompiledTemplate; match: RegExpExecArray } => c.match !== null)
        .sort((a, b) => compareSpecificity(b.t.specificity, a.t.specificity));
      const best = candidates[0];
      if (!best) return undefined;
      const pathParams: Record<string, string> = {};
      best.t.paramNames.forEach((name, i) => (pathParams[name] = decodeURIComponent(best.match[i + 1]!)));
      return { operation: operationFor(method, best.t.template)!, pathParams };
    },
    validate(pointer, value) {
      let validator = validators.get(pointer);
      if (!validator) {
        validator = ajv.compile({ $ref: `${DOCUMENT_ID}#${pointer}` });
        validators.set(pointer, validator);
      }
      return validator(value) ? [] : formatErrors(validator.errors ?? []);
    },
    componentSchemaPointer(name) {
      if (!document.components.schemas[name]) throw new Error(`GitHub's description has no schema named "${name}"`);
      return `/components/schemas/${escapePointer(name)}`;
    },
    example(name) {
      const example = document.components.examples[name];
      if (!example) throw new Error(`GitHub's description has no example named "${name}"`);
      return structuredClone(example.value);
    },
  };
}

function indexTemplates(document: JsonObject): Map<number, CompiledTemplate[]> {
  const bySegmentCount = new Map<number, CompiledTemplate[]>();
  for (const [template, item] of Object.entries<JsonObject>(document.paths)) {
    const paramNames: string[] = [];
    const segments = template.split('/');
    const pattern = segments
      .map((segment) =>
        segment.replace(/\{([^}]+)\}|[^{]+/g, (part, name?: string) => {
          if (name === undefined) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
          paramNames.push(name);
          return '([^/]+)';
        }),
      )
      .join('/');
    const operations = new Map<string, JsonObject>();
    for (const method of HTTP_METHODS) if (item[method]) operations.set(method, item[method]);
    const compiled: CompiledTemplate = {
      regex: new RegExp(`^${pattern}$`),
      paramNames,
      specificity: segments.map((s) => (s.includes('{') ? 0 : 1)),
      operations,
      template,
    };
    const list = bySegmentCount.get(segments.length) ?? [];
    list.push(compiled);
    bySegmentCount.set(segments.length, list);
  }
  return bySegmentCount;
}

function compareSpecificity(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

function describeOperation(document: JsonObject, method: string, template: string): OpenApiOperation {
  const operationPointer = `/paths/${escapePointer(template)}/${method.toLowerCase()}`;
  const raw = resolvePointer(document, operationPointer);

  const parameters: OpenApiParameter[] = (raw.parameters ?? []).map((entry: JsonObject, index: number) => {
    const [parameter, pointer] = follow(document, entry, `${operationPointer}/parameters/${index}`);
    return {
      name: parameter.name,
      in: parameter.in,
      required: parameter.required === true,
      schemaPointer: parameter.schema ? `${pointer}/schema` : undefined,
      schemaType: parameter.schema?.type,
    };
  });

  let requestBody: OpenApiOperation['requestBody'];
  if (raw.requestBody) {
    const [body, pointer] = follow(document, raw.requestBody, `${operationPointer}/requestBody`);
    const mediaType = jsonMediaType(body.content);
    requestBody = {
      required: body.required === true,
      schemaPointer: mediaType ? `${pointer}/content/${escapePointer(mediaType)}/schema` : undefined,
    };
  }

  const responses = new Map<string, string | null>();
  for (const [status, entry] of Object.entries<JsonObject>(raw.responses ?? {})) {
    const [response, pointer] = follow(document, entry, `${operationPointer}/responses/${status}`);
    const mediaType = jsonMediaType(response.content);
    responses.set(status, mediaType && response.content[mediaType].schema ? `${pointer}/content/${escapePointer(mediaType)}/schema` : null);
  }

  return { operationId: raw.operationId, method, template, parameters, requestBody, responses };
}

function jsonMediaType(content: JsonObject | undefined): string | undefined {
  return Object.keys(content ?? {}).find((type) => /json/.test(type));
}

/** Follows a `$ref` (components only reference other components once), returning the target and where it lives. */
function follow(document: JsonObject, node: JsonObject, pointer: string): [JsonObject, string] {
  if (typeof node.$ref !== 'string') return [node, pointer];
  const target = node.$ref.replace(/^#/, '');
  return follow(document, resolvePointer(document, target), target);
}

function resolvePointer(document: JsonObject, pointer: string): JsonObject {
  return pointer
    .split('/')
    .slice(1)
    .reduce<any>((node, part) => node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], document);
}

function escapePointer(part: string): string {
  return part.replace(/~/g, '~0').replace(/\//g, '~1');
}

function formatErrors(errors: ErrorObject[]): string[] {
  return errors.slice(0, 12).map((e) => {
    const where = e.instancePath || '(root)';
    const detail = e.keyword === 'additionalProperties' ? ` (${e.params.additionalProperty})` : e.keyword === 'enum' ? ` (${e.params.allowedValues.join(', ')})` : '';
    return `${where} ${e.message}${detail}`;
  });
}

/**
 * Rewrites, in every place the document holds a schema, what Ajv would misread:
 * OpenAPI 3.0 `nullable: true` (Ajv's own support refuses it without `type`, as GitHub writes it
 * next to `allOf` for nullable references, and rejects `null` when an `enum` does not list it),
 * and string defaults that fail their own `format`.
 */
function convertDocumentSchemas(document: JsonObject): void {
  const components = document.components ?? {};
  for (const schema of Object.values<JsonObject>(components.schemas ?? {})) convertSchema(schema);
  for (const parameter of Object.values<JsonObject>(components.parameters ?? {})) if (parameter.schema) convertSchema(parameter.schema);
  for (const response of Object.values<JsonObject>(components.responses ?? {})) convertContent(response.content);
  for (const body of Object.values<JsonObject>(components.requestBodies ?? {})) convertContent(body.content);
  for (const item of Object.values<JsonObject>(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      for (const parameter of operation.parameters ?? []) if (parameter.schema) convertSchema(parameter.schema);
      convertContent(operation.requestBody?.content);
      for (const response of Object.values<JsonObject>(operation.responses ?? {})) convertContent(response.content);
    }
  }
}

function convertContent(content: JsonObject | undefined): void {
  for (const mediaType of Object.values<JsonObject>(content ?? {})) if (mediaType.schema) convertSchema(mediaType.schema);
}

const SCHEMA_LIST_KEYWORDS = ['allOf', 'anyOf', 'oneOf'];
const SCHEMA_KEYWORDS = ['items', 'not', 'additionalProperties'];
const SCHEMA_MAP_KEYWORDS = ['properties', 'patternProperties'];

function convertSchema(schema: JsonObject): void {
  if (!schema || typeof schema !== 'object' || schema.$ref) return;
  for (const keyword of SCHEMA_LIST_KEYWORDS) for (const sub of schema[keyword] ?? []) convertSchema(sub);
  for (const keyword of SCHEMA_KEYWORDS) if (typeof schema[keyword] === 'object') convertSchema(schema[keyword]);
  for (const keyword of SCHEMA_MAP_KEYWORDS) for (const sub of Object.values<JsonObject>(schema[keyword] ?? {})) convertSchema(sub);
  convertNullable(schema);
  acceptDocumentedDefault(schema);
}

function convertNullable(schema: JsonObject): void {
  if (typeof schema.nullable !== 'boolean') return;
  const nullable = schema.nullable;
  delete schema.nullable;
  if (!nullable) return;
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum.push(null);
  if (typeof schema.type === 'string') {
    schema.type = [schema.type, 'null'];
    return;
  }
  // No `type` to widen (allOf/oneOf/anyOf): accept null beside whatever the rest allows.
  const rest = { ...schema };
  for (const key of Object.keys(schema)) delete schema[key];
  schema.anyOf = [{ type: 'null' }, rest];
}

function acceptDocumentedDefault(schema: JsonObject): void {
  if (typeof schema.format !== 'string' || typeof schema.default !== 'string') return;
  // GitHub documents defaults its own format rejects (deployment statuses: `format: uri`,
  // `default: ""`) and sends that default when nothing was set, so the default must pass.
  const { default: documentedDefault, ...formatted } = schema;
  for (const key of Object.keys(schema)) delete schema[key];
  Object.assign(schema, { default: documentedDefault, anyOf: [{ const: documentedDefault }, formatted] });
}
