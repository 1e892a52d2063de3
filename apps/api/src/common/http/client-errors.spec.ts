import { once } from 'node:events';
import { connect, createServer, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { answerClientError } from './client-errors.js';

/** Both ends of a loopback connection: the server's, and the client's with what it receives. */
async function connection(): Promise<{ server: Socket; client: Socket; received: () => string }> {
  const listener = createServer();
  listener.listen(0, '127.0.0.1');
  await once(listener, 'listening');
  const { port } = listener.address() as { port: number };
  const client = connect(port, '127.0.0.1');
  const [server] = (await once(listener, 'connection')) as [Socket];
  listener.close();
  let data = '';
  client.on('data', (chunk: Buffer) => {
    data += chunk.toString('latin1');
  });
  return { server, client, received: () => data };
}

describe('answerClientError', () => {
  it('closes a connection the client reset, without a word', async () => {
    const { server, client, received } = await connection();
    const closed = once(client, 'close');
    answerClientError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), server);
    expect(server.destroyed).toBe(true);
    await closed;
    expect(received()).toBe('');
  });

  it('closes a connection it can no longer write to, without trying', async () => {
    const { server, client, received } = await connection();
    const closed = once(client, 'close');
    server.end();
    const errors: Error[] = [];
    server.on('error', (error) => errors.push(error));
    answerClientError(
      Object.assign(new Error('Parse Error'), { code: 'HPE_INVALID_METHOD' }),
      server,
    );
    expect(server.destroyed).toBe(true);
    await closed;
    expect(received()).toBe('');
    expect(errors).toEqual([]);
  });
});
