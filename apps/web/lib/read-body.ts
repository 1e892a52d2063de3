import 'server-only';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import getRawBody from 'raw-body';

export type BodyRead = { ok: true; text: string } | { ok: false; status: 400 | 413 };

/**
 * The body of `request` as UTF-8 text, read up to `limit` bytes (raw-body): a Content-Length over
 * the limit is refused before a byte is read, and a body without one, or longer than it said, is
 * cut off once the limit is passed, so a rejected body is never held in memory.
 */
export async function readBody(request: Request, limit: number): Promise<BodyRead> {
  if (!request.body) return { ok: true, text: '' };
  const stream = Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>);
  try {
    const text = await getRawBody(stream, {
      limit,
      length: request.headers.get('content-length'),
      encoding: 'utf8',
    });
    return { ok: true, text };
  } catch (error) {
    stream.destroy();
    const { type } = error as { type?: unknown };
    // Under the limit, the body did not arrive whole: it ended before its Content-Length, or the
    // client went away (its stream errored).
    return { ok: false, status: type === 'entity.too.large' ? 413 : 400 };
  }
}
