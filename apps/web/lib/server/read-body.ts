import 'server-only';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { BodyReadFailure } from '@textpulse/http';
import getRawBody from 'raw-body';

/**
 * The bytes of `request`'s body, read up to `limit` bytes (raw-body), for the request gate to
 * judge: a Content-Length over the limit is refused before a byte is read, and a body without
 * one, or longer than it said, is cut off once the limit is passed, so a rejected body is never
 * held in memory. Undefined when the request has no body.
 */
export async function readBody(
  request: Request,
  limit: number,
): Promise<Uint8Array | BodyReadFailure | undefined> {
  if (!request.body) return undefined;
  const stream = Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>);
  try {
    return await getRawBody(stream, { limit, length: request.headers.get('content-length') });
  } catch (error) {
    stream.destroy();
    const { type } = error as { type?: unknown };
    // Under the limit, the body did not arrive whole: it ended before its Content-Length, or the
    // client went away (its stream errored).
    return type === 'entity.too.large' ? 'too-large' : 'incomplete';
  }
}
