const dateTime = new Intl.DateTimeFormat('en', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/** When an analysis was stored, the same for every reader: in UTC. */
export const formatStoredAt = (iso: string) => `${dateTime.format(new Date(iso))} UTC`;

/** The start of a text, cut at a code point and marked when cut. */
export function excerpt(text: string, length: number): string {
  const points = [...text.replace(/\s+/g, ' ').trim()];
  return points.length <= length ? points.join('') : `${points.slice(0, length).join('')}…`;
}
