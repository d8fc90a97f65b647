/**
 * A TCP relay in front of a PostgreSQL server that records every SQL text a client sends: the
 * simple protocol's Query messages and the extended protocol's Parse messages. Tests point a
 * client at `url` and then inspect exactly what reached the server.
 */
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface StatementRecorder {
  /** The server's URL with host and port replaced by the relay's. */
  url: string;
  statements: string[];
  close(): Promise<void>;
}

/** Splits the client's byte stream into messages: the first (startup) has no type byte. */
function frontendParser(onSql: (sql: string) => void): (chunk: Buffer) => void {
  let pending = Buffer.alloc(0);
  let startup = true;
  return (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      const header = startup ? 4 : 5;
      if (pending.length < header) return;
      const length = pending.readInt32BE(startup ? 0 : 1);
      const total = length + (startup ? 0 : 1);
      if (pending.length < total) return;
      const type = startup ? '' : String.fromCharCode(pending[0]);
      const body = pending.subarray(header, total);
      if (type === 'Q') onSql(body.toString('utf8', 0, body.indexOf(0)));
      if (type === 'P') {
        const afterName = body.indexOf(0) + 1;
        onSql(body.toString('utf8', afterName, body.indexOf(0, afterName)));
      }
      // An SSLRequest or GSSENCRequest is followed by another startup message.
      startup = startup && (length === 8 && [80877103, 80877104].includes(body.readInt32BE(0)));
      pending = pending.subarray(total);
    }
  };
}

export async function recordStatements(serverUrl: string): Promise<StatementRecorder> {
  const target = new URL(serverUrl);
  const statements: string[] = [];
  const sockets = new Set<net.Socket>();
  const relay = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    const parse = frontendParser((sql) => statements.push(sql));
    client.on('data', (chunk) => {
      parse(chunk);
      upstream.write(chunk);
    });
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const url = new URL(serverUrl);
  url.hostname = '127.0.0.1';
  url.port = String((relay.address() as AddressInfo).port);
  return {
    url: url.toString(),
    statements,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => relay.close(() => resolve()));
    },
  };
}
