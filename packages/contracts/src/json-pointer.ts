/** JSON Pointers (RFC 6901), the paths of the errors in a problem: no Zod, for any page. */

/** Converts a Zod path into an RFC 6901 JSON Pointer ("" for the root). */
export function toJsonPointer(path: readonly PropertyKey[]): string {
  return path
    .map((segment) => `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`)
    .join('');
}

/** Converts an RFC 6901 JSON Pointer back into path segments, for mapping errors onto form fields. */
export function fromJsonPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}
