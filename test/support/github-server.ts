/**
 * A local HTTP server standing in for api.github.com.
 *
 * Tests register handlers by the operation's path template, exactly as GitHub's OpenAPI
 * description writes it. Every request is matched to a documented operation and its path
 * parameters, query and JSON body are validated; every response a handler produces is validated
 * against the documented schema for its status. Anything that does not conform is answered with
 * a 500 explaining why, and kept as a violation so `assertNoViolations()` fails the test even when
 * the code under test swallowed the error.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { githubDescription, type OpenApiOperation } from './github-openapi';

export interface GitHubRequest {
  method: string;
  /** Path without the query string, as received. */
  path: string;
  template: string;
  operationId: string;
  params: Record<string, string>;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  /** Parsed JSON body, or undefined when the request had none. */
  body: unknown;
}

export interface GitHubResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type GitHubHandler = (request: GitHubRequest) => GitHubResponse | Promise<GitHubResponse>;

/** A GraphQL request as Octokit sends it to `POST /graphql`. */
export interface GraphQLRequest {
  query: string;
  variables: Record<string, unknown>;
}

/** The JSON GitHub answers a GraphQL request with (always HTTP 200, errors in the body). */
export type GraphQLResponse = { data: Record<string, unknown> } | { errors: { type?: string; message: string }[]; data?: null };

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** Undefined when the request matched no documented operation. */
  operationId?: string;
  /** Status the server answered with. */
  status?: number;
}

/**
 * Errors GitHub's REST documentation says any endpoint can answer, although most operations in
 * the OpenAPI description do not list them: 401 for bad credentials, 403 for missing permissions
 * and rate limits, 404 when the token cannot see a resource, 429 for secondary rate limits, and
 * server errors. Their bodies are still checked against GitHub's `basic-error` schema.
 * (docs.github.com/rest/using-the-rest-api/troubleshooting-the-rest-api)
 */
const STATUSES_ANY_ENDPOINT_MAY_RETURN = new Set([401, 403, 404, 429, 500, 502, 503]);

export class GitHubTestServer {
  readonly requests: RecordedRequest[] = [];
  private readonly violationList: string[] = [];
  private readonly handlers = new Map<string, GitHubHandler>();
  private graphqlHandler?: (request: GraphQLRequest) => GraphQLResponse;
  private readonly description = githubDescription();
  private server?: Server;
  private baseUrl?: string;

  /** Base URL to give Octokit (`baseUrl` or `GITHUB_API_URL`). */
  get url(): string {
    if (!this.baseUrl) throw new Error('GitHubTestServer is not listening: call start() first');
    return this.baseUrl;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.violationList.push(`Test server crashed on ${req.method} ${req.url}: ${errorText(error)}`);
        if (!res.headersSent) send(res, 500, { message: 'GitHub test server crashed', documentation_url: '' });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  }

  /**
   * Handles one operation, e.g. `on('GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals', ...)`.
   * The template must be one GitHub documents; registering the same route again replaces the handler.
   */
  on(route: string, handler: GitHubHandler): this {
    const match = /^([A-Z]+) (\/\S*)$/.exec(route);
    if (!match) throw new Error(`Route must look like "GET /repos/{owner}/{repo}/...", got "${route}"`);
    const [, method, template] = match as unknown as [string, string, string];
    if (!this.description.operationFor(method, template)) {
      throw new Error(`GitHub's OpenAPI description has no operation ${route}`);
    }
    this.handlers.set(`${method} ${template}`, handler);
    return this;
  }

  /**
   * Answers `POST /graphql`, which GitHub's REST description does not cover. The request must
   * have Octokit's shape (a `query` string, optional `variables` object) and the answer GitHub's
   * (`data` or `errors`).
   */
  onGraphQL(handler: (request: GraphQLRequest) => GraphQLResponse): this {
    this.graphqlHandler = handler;
    return this;
  }

  /** Requests that matched an operation, as `METHOD /path` lines, for asserting call sequences. */
  calls(): string[] {
    return this.requests.map((r) => `${r.method} ${r.path}`);
  }

  /** Operation ids in the order they were called. */
  operationIds(): (string | undefined)[] {
    return this.requests.map((r) => r.operationId);
  }

  violations(): readonly string[] {
    return this.violationList;
  }

  /** Returns and forgets the violations so far, for tests that provoke them on purpose. */
  takeViolations(): string[] {
    return this.violationList.splice(0);
  }

  assertNoViolations(): void {
    if (this.violationList.length === 0) return;
    throw new Error(`GitHub API contract violations:\n- ${this.violationList.join('\n- ')}`);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    const query = Object.fromEntries(url.searchParams.entries());
    const rawBody = await readBody(req);
    const recorded: RecordedRequest = { method, path: url.pathname, query, body: undefined };
    this.requests.push(recorded);

    const reject = (problem: string): void => {
      this.violationList.push(problem);
      recorded.status = 500;
      send(res, 500, { message: `GitHub test server: ${problem}`, documentation_url: '' });
    };

    let body: unknown;
    if (rawBody.length > 0) {
      try {
        body = JSON.parse(rawBody);
      } catch {
        return reject(`${method} ${url.pathname} sent a body that is not JSON: ${rawBody.slice(0, 200)}`);
      }
    }
    recorded.body = body;

    if (method === 'POST' && url.pathname === '/graphql') return this.handleGraphQL(body, recorded, reject, res);

    const matched = this.description.findOperation(method, url.pathname);
    if (!matched) return reject(`${method} ${url.pathname} is not an operation in GitHub's OpenAPI description`);
    const { operation, pathParams } = matched;
    recorded.operationId = operation.operationId;
    const label = `${operation.operationId} (${method} ${operation.template})`;

    const requestProblems = this.checkRequest(operation, pathParams, query, body);
    if (requestProblems.length > 0) return reject(`${label} request does not match the description:\n  ${requestProblems.join('\n  ')}`);

    const handler = this.handlers.get(`${method} ${operation.template}`);
    if (!handler) return reject(`${label} was called but the test registered no handler for it`);

    const response = await handler({
      method,
      path: url.pathname,
      template: operation.template,
      operationId: operation.operationId,
      params: pathParams,
      query,
      headers: req.headers,
      body,
    });

    const responseProblems = this.checkResponse(operation, response);
    if (responseProblems.length > 0) return reject(`${label} response ${response.status} does not match the description:\n  ${responseProblems.join('\n  ')}`);

    recorded.status = response.status;
    send(res, response.status, response.body, response.headers);
  }

  private handleGraphQL(body: unknown, recorded: RecordedRequest, reject: (problem: string) => void, res: ServerResponse): void {
    recorded.operationId = 'graphql';
    const request = body as Partial<GraphQLRequest> | undefined;
    if (typeof request?.query !== 'string' || (request.variables !== undefined && (typeof request.variables !== 'object' || request.variables === null))) {
      return reject(`POST /graphql needs a JSON body {"query": string, "variables"?: object}, got ${JSON.stringify(body)}`);
    }
    if (!this.graphqlHandler) return reject('POST /graphql was called but the test registered no GraphQL handler');
    const answer = this.graphqlHandler({ query: request.query, variables: request.variables ?? {} });
    if (!('data' in answer) && !('errors' in answer)) return reject('the GraphQL handler answered neither data nor errors');
    recorded.status = 200;
    send(res, 200, answer);
  }

  private checkRequest(operation: OpenApiOperation, pathParams: Record<string, string>, query: Record<string, string>, body: unknown): string[] {
    const problems: string[] = [];
    const d = this.description;
    for (const parameter of operation.parameters) {
      // Octokit sets the headers itself; only what the caller chose is worth checking.
      if (parameter.in !== 'path' && parameter.in !== 'query') continue;
      const raw = parameter.in === 'path' ? pathParams[parameter.name] : query[parameter.name];
      if (raw === undefined) {
        if (parameter.required) problems.push(`missing required ${parameter.in} parameter "${parameter.name}"`);
        continue;
      }
      if (!parameter.schemaPointer) continue;
      for (const error of d.validate(parameter.schemaPointer, coerceParameter(raw, parameter.schemaType))) {
        problems.push(`${parameter.in} parameter "${parameter.name}"=${JSON.stringify(raw)}: ${error}`);
      }
    }
    const known = new Set(operation.parameters.filter((p) => p.in === 'query').map((p) => p.name));
    for (const name of Object.keys(query)) if (!known.has(name)) problems.push(`query parameter "${name}" is not documented`);

    if (!operation.requestBody) {
      if (body !== undefined) problems.push('sent a body, but the operation takes none');
    } else if (body === undefined) {
      if (operation.requestBody.required) problems.push('the operation requires a JSON body, none was sent');
    } else if (operation.requestBody.schemaPointer) {
      for (const error of d.validate(operation.requestBody.schemaPointer, body)) problems.push(`body ${error}`);
    }
    return problems;
  }

  private checkResponse(operation: OpenApiOperation, response: GitHubResponse): string[] {
    const status = String(response.status);
    const d = this.description;
    let schemaPointer: string | null;
    if (operation.responses.has(status)) {
      schemaPointer = operation.responses.get(status)!;
    } else if (STATUSES_ANY_ENDPOINT_MAY_RETURN.has(response.status)) {
      schemaPointer = d.componentSchemaPointer('basic-error');
    } else {
      return [`status ${status} is not documented (documented: ${[...operation.responses.keys()].join(', ')})`];
    }
    if (schemaPointer === null) {
      return response.body === undefined ? [] : [`status ${status} is documented without a body, but the handler returned one`];
    }
    if (response.body === undefined) return [`status ${status} is documented with a JSON body, but the handler returned none`];
    return d.validate(schemaPointer, response.body).map((error) => `body ${error}`);
  }
}

export async function startGitHubServer(): Promise<GitHubTestServer> {
  return new GitHubTestServer().start();
}

/**
 * Jest wiring: a fresh server per test, closed afterwards, failing the test on any violation.
 * Call inside a `describe` (or at file level); use the returned getter inside tests.
 */
export function useGitHubServer(): () => GitHubTestServer {
  let current: GitHubTestServer | undefined;
  beforeEach(async () => {
    current = await startGitHubServer();
  });
  afterEach(async () => {
    const server = current;
    current = undefined;
    await server?.close();
    server?.assertNoViolations();
  });
  return () => {
    if (!current) throw new Error('useGitHubServer(): the server only exists while a test runs');
    return current;
  };
}

/**
 * Serves one page of `items` the way GitHub paginates lists: `per_page` (default 30, at most
 * 100) and `page` query parameters, with a `Link` header pointing at the next and last pages.
 */
export function paginated(request: GitHubRequest, items: readonly unknown[]): GitHubResponse {
  const perPage = Math.min(Number(request.query.per_page ?? 30), 100);
  const page = Math.max(Number(request.query.page ?? 1), 1);
  const lastPage = Math.max(Math.ceil(items.length / perPage), 1);
  const links: string[] = [];
  const pageUrl = (n: number): string => {
    const url = new URL(request.path, `http://${request.headers.host}`);
    for (const [key, value] of Object.entries(request.query)) url.searchParams.set(key, value);
    url.searchParams.set('per_page', String(perPage));
    url.searchParams.set('page', String(n));
    return url.toString();
  };
  if (page < lastPage) links.push(`<${pageUrl(page + 1)}>; rel="next"`, `<${pageUrl(lastPage)}>; rel="last"`);
  if (page > 1) links.push(`<${pageUrl(1)}>; rel="first"`, `<${pageUrl(page - 1)}>; rel="prev"`);
  return {
    status: 200,
    body: items.slice((page - 1) * perPage, page * perPage),
    headers: links.length > 0 ? { link: links.join(', ') } : {},
  };
}

function coerceParameter(raw: string, type: string | undefined): unknown {
  if ((type === 'integer' || type === 'number') && raw.trim() !== '' && !Number.isNaN(Number(raw))) return Number(raw);
  if (type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
  if (type === 'array') return raw.split(',');
  return raw;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
    'content-length': Buffer.byteLength(payload),
    ...headers,
  });
  res.end(payload);
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
