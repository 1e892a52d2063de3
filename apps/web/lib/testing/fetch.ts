/** A Response with a JSON body, as the route handlers send it. */
export const jsonResponse = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

/** An event of a stream, as a test writes it. */
type Event = { type: string } & Record<string, unknown>;

/** The frames of server-sent events, as /v1/prompt/stream writes them. */
export const sseFrames = (events: readonly Event[]) =>
  events.map((event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`).join('');

/**
 * A fetch that answers with `events` as server-sent events, then, unless `end` is false, the end
 * of the stream; `more` sends further frames while the page reads. As a real fetch, aborting the
 * request's signal errors the body.
 */
export function eventStreamFetch(events: readonly Event[], end = true) {
  let more: (events: readonly Event[]) => void = () => undefined;
  const fetch = async (_input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const encoder = new TextEncoder();
        more = (next) => controller.enqueue(encoder.encode(sseFrames(next)));
        more(events);
        if (end) controller.close();
        init?.signal?.addEventListener('abort', () => controller.error(init.signal?.reason));
      },
    });
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  };
  return { fetch, more: (next: readonly Event[]) => more(next) };
}
