import { type ApiClient, createApiClient } from '@textpulse/api-client';
import { signUpCaller } from '@textpulse/processes';
import { type Replica, type ScaleStack, SERVED_BY } from './stack.js';

/** What a proof found: whether it holds, and the figures that show it. */
export interface Proof {
  readonly name: string;
  readonly holds: boolean;
  readonly facts: readonly string[];
}

const text = (n: number) => `Scaled-out write number ${n}: the replicas share one database.`;

/**
 * End user `n` (below 65,536), as nginx forwards it: each has its own rate-limit bucket, so in a
 * network of its own (the API counts an IPv6 client by its /64).
 */
const endUser = (n: number) => ({ 'x-forwarded-for': `2001:db8:${n.toString(16)}::1` });

/** The replica nginx says answered, by name. */
function servedBy(stack: ScaleStack, response: Response): string {
  const address = response.headers.get(SERVED_BY) ?? '';
  return stack.replicas.find((replica) => address === replica.address)?.name ?? `"${address}"`;
}

/**
 * A limit of `max` is one limit for all replicas: of one end user's requests through nginx,
 * `max` pass and the next ones are 429, whichever replica serves them.
 */
export async function proveSharedRateLimit(stack: ScaleStack, max: number): Promise<Proof> {
  const client = createApiClient(stack.url);
  const answers: { status: number; replica: string }[] = [];
  for (let n = 0; n < max + 2; n += 1) {
    const { response } = await client.POST('/v1/analyze', {
      body: { text: text(n) },
      headers: endUser(1),
    });
    answers.push({ status: response.status, replica: servedBy(stack, response) });
  }
  const passed = answers.slice(0, max);
  const beyond = answers.slice(max);
  const replicasOf = (list: typeof answers) => new Set(list.map((answer) => answer.replica)).size;
  return {
    name: `a rate limit of ${max} is shared by the replicas`,
    holds:
      passed.every((answer) => answer.status === 200) &&
      beyond.every((answer) => answer.status === 429) &&
      replicasOf(passed) === stack.replicas.length &&
      replicasOf(beyond) === Math.min(beyond.length, stack.replicas.length),
    facts: [
      `the first ${max}: ${summary(passed)}`,
      `then: ${beyond.map((answer) => `${answer.status} from ${answer.replica}`).join(', ')}`,
    ],
  };
}

/**
 * The replicas share people and data: a person signed up through one replica is known to each
 * other one, by session and by API key, and an analysis they store through one is theirs through
 * another.
 */
export async function proveSharedData(stack: ScaleStack): Promise<Proof> {
  const facts: string[] = [];
  let holds = stack.replicas.length > 1;
  for (const [writer, reader] of pairs(stack.replicas)) {
    const person = await signUpCaller(writer.url);
    const session = await createApiClient(reader.url).GET('/v1/auth/session', {
      headers: { cookie: person.cookie },
    });
    const { data: stored } = await createApiClient(writer.url, { apiKey: person.key }).POST(
      '/v1/analyses',
      { body: { text: text(0) }, headers: endUser(2) },
    );
    const { data: read, response } = stored
      ? await createApiClient(reader.url, { apiKey: person.key }).GET('/v1/analyses/{id}', {
          params: { path: { id: stored.id } },
        })
      : { data: undefined, response: undefined };
    const known = session.data?.account.email === person.email;
    const same = read !== undefined && JSON.stringify(read) === JSON.stringify(stored);
    holds &&= known && same;
    facts.push(
      `signed up through ${writer.name}, session used through ${reader.name}: ${
        known ? 'the same person' : `status ${session.response.status}`
      }`,
      `stored through ${writer.name} (${stored ? stored.id : 'not stored'}), read with the same key through ${reader.name}: ${
        same ? 'the same analysis' : `status ${response?.status ?? '-'}, not the same`
      }`,
    );
  }
  return {
    name: 'a person signed up through one replica, and what they store, are known through another',
    holds,
    facts,
  };
}

export interface FailoverOptions {
  /** Writes to make (acknowledged ones), from `clients` concurrent clients. */
  writes: number;
  clients: number;
  /** The stack's rate limit per caller: each client writes as a new person before meeting it. */
  rateLimitMax: number;
}

/**
 * The people the clients write as, made before the load, each an end user of their own: one per
 * `rateLimitMax - 1` writes, so that no person meets the limit however the writes fall.
 */
async function writers(stack: ScaleStack, options: FailoverOptions): Promise<ApiClient[]> {
  const mostSends = options.writes * 2 + options.clients;
  const count = Math.ceil(mostSends / Math.max(1, options.rateLimitMax - 1));
  const people: ApiClient[] = [];
  for (let n = 0; n < count; n += 1) {
    const person = await signUpCaller(stack.url, 'Writer', endUser(10_000 + n));
    people.push(createApiClient(stack.url, { apiKey: person.key }));
  }
  return people;
}

export async function proveFailover(stack: ScaleStack, options: FailoverOptions): Promise<Proof> {
  const people = await writers(stack, options);
  const victim = stack.replicas.at(-1) as Replica;
  /** Each acknowledged analysis: its text, and the person (their client) who stored it. */
  const acknowledged = new Map<string, { text: string; by: ApiClient }>();
  const failures: number[] = [];
  const servedAfterKill = new Map<string, number>();
  let killing: Promise<void> | undefined;
  let killed = false;
  let sent = 0;

  // Bounded even if every write failed: the proof then fails instead of running on.
  const work = async () => {
    while (acknowledged.size < options.writes && sent < options.writes * 2 + options.clients) {
      // What is in flight when the kill starts meets it; what comes after finds the replica gone.
      if (killing) await killing;
      const writer = people[Math.floor(sent / (options.rateLimitMax - 1))] as ApiClient;
      sent += 1;
      const body = { text: text(sent) };
      const { data, response } = await writer.POST('/v1/analyses', {
        body,
        headers: endUser(1000 + sent),
      });
      if (!data) {
        failures.push(response.status);
        continue;
      }
      acknowledged.set(data.id, { text: body.text, by: writer });
      if (killed) {
        const replica = servedBy(stack, response);
        servedAfterKill.set(replica, (servedAfterKill.get(replica) ?? 0) + 1);
      }
      if (!killing && acknowledged.size >= options.writes / 4) {
        killing = stack.kill(victim).then(() => {
          killed = true;
        });
      }
    }
  };
  await Promise.all(Array.from({ length: options.clients }, work));
  await killing;

  let lost = 0;
  for (const [id, written] of acknowledged) {
    const { data } = await written.by.GET('/v1/analyses/{id}', { params: { path: { id } } });
    if (data?.text !== written.text) lost += 1;
  }
  const afterKill = [...servedAfterKill.values()].reduce((sum, count) => sum + count, 0);
  return {
    name: 'killing a replica mid-load loses no acknowledged write, and nginx routes around it',
    holds:
      killed &&
      lost === 0 &&
      afterKill > 0 &&
      !servedAfterKill.has(victim.name) &&
      failures.length <= options.clients &&
      failures.every((status) => status === 502),
    facts: [
      `${sent} writes sent by ${options.clients} clients, ${acknowledged.size} acknowledged (201); ${victim.name} killed after ${Math.ceil(options.writes / 4)}`,
      `failed: ${failures.length}${failures.length > 0 ? ` (statuses ${[...new Set(failures)].join(', ')})` : ''}, at most ${options.clients} allowed (in flight on ${victim.name}, answered 502 by nginx)`,
      `acknowledged after the kill: ${afterKill}, by ${[...servedAfterKill.keys()].join(', ') || 'no replica'}`,
      `acknowledged writes missing when read back through nginx: ${lost}`,
    ],
  };
}

/** Each replica with the next one (the last with the first). */
function pairs<T>(items: readonly T[]): [T, T][] {
  return items.map((item, index) => [item, items[(index + 1) % items.length] as T]);
}

/** "200 ×5 (replica 1: 3, replica 2: 2)". */
function summary(answers: readonly { status: number; replica: string }[]): string {
  const count = (key: (answer: { status: number; replica: string }) => string) => {
    const counts = new Map<string, number>();
    for (const answer of answers) counts.set(key(answer), (counts.get(key(answer)) ?? 0) + 1);
    return [...counts].map(([name, n]) => `${name}: ${n}`).join(', ');
  };
  return `statuses ${count((answer) => String(answer.status))}; served by ${count((answer) => answer.replica)}`;
}
