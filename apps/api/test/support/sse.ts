import { createParser } from 'eventsource-parser';

/** One server-sent event as a client sees it. */
export interface ServerSentEvent {
  event: string | undefined;
  data: string;
}

/** A parser fed with the text of a stream as it arrives; it keeps the events and comments. */
export function sseReader() {
  const events: ServerSentEvent[] = [];
  const comments: string[] = [];
  const parser = createParser({
    onEvent: ({ event, data }) => events.push({ event, data }),
    onComment: (comment) => comments.push(comment),
  });
  return { events, comments, feed: (text: string) => parser.feed(text) };
}

/** The events of a whole stream's text, parsed by eventsource-parser as a browser would. */
export function parseSse(text: string): ServerSentEvent[] {
  const reader = sseReader();
  reader.feed(text);
  return reader.events;
}
