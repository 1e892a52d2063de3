/**
 * An error and the errors beneath it, outermost first: fetch hides ECONNREFUSED in its cause,
 * pg nests the network error. Stops at the first cause that is not an Error, and at a cycle.
 */
export function causesOf(error: unknown): Error[] {
  const chain: Error[] = [];
  for (let current = error; current instanceof Error; current = current.cause) {
    if (chain.includes(current)) break;
    chain.push(current);
  }
  return chain;
}
