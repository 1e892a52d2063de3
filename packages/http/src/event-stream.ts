/** An event of a stream: its `type` is the SSE event name. */
export interface StreamEvent {
  readonly type: string;
}

/**
 * One server-sent event as every tier writes it: the event name, then the JSON on a single data
 * line (the API writing its stream, the web tier relaying it).
 */
export const sseFrame = (event: StreamEvent): string =>
  `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
