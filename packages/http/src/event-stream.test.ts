import { describe, expect, it } from 'vitest';
import { sseFrame } from './event-stream.js';

describe('sseFrame', () => {
  it('writes the event name, then the event as JSON on one data line, then a blank line', () => {
    const event = { type: 'token', text: 'two\nlines' };
    expect(sseFrame(event)).toBe('event: token\ndata: {"type":"token","text":"two\\nlines"}\n\n');
  });
});
