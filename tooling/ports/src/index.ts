import { once } from 'node:events';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { connect, createServer } from 'node:net';

/**
 * A loopback port nothing listened on a moment ago: bound, read, released. It is not reserved —
 * another process may take it before the program it is handed to does — so give it only to a
 * program that cannot bind port 0 itself, and check who holds it with `isHeldBy()`.
 */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (typeof address !== 'object' || address === null) throw new Error('No free port');
  return address.port;
}

/** What a TCP connection to the loopback `port` meets: 'accepted', or the error's code. */
export function connectTo(port: number): Promise<'accepted' | string | undefined> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('accepted');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code));
  });
}

/** Ports below 1024, where binding port 0 never lands, and that fetch() does not block. */
const NEVER_GIVEN_OUT = [4, 8, 12, 14];

/**
 * A loopback port that refuses connections, for tests of an unreachable server: no server a test
 * starts can take it meanwhile, since it is below 1024, where binding port 0 never lands.
 */
export async function refusedPort(): Promise<number> {
  for (const port of NEVER_GIVEN_OUT) {
    if ((await connectTo(port)) === 'ECONNREFUSED') return port;
  }
  throw new Error(`Every port tried (${NEVER_GIVEN_OUT.join(', ')}) accepts connections`);
}

/** The inodes of the sockets listening on TCP `port`, from /proc/net (Linux only). */
function listeningInodes(port: number): Set<string> | undefined {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      return undefined;
    }
    for (const line of text.split('\n').slice(1)) {
      // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
      const fields = line.trim().split(/\s+/);
      const local = fields[1];
      const LISTEN = '0A';
      if (!local || fields[3] !== LISTEN) continue;
      if (Number.parseInt(local.split(':')[1] ?? '', 16) === port && fields[9]) {
        inodes.add(fields[9]);
      }
    }
  }
  return inodes;
}

/** The parent's id of process `pid`, from /proc (undefined once it has gone). */
function parentOf(pid: number): number | undefined {
  try {
    // pid (comm) state ppid …; comm may hold spaces and parentheses, so read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/**
 * The ids of the processes whose sockets listen on TCP `port`, from Linux's /proc: empty when
 * nothing listens there, undefined when /proc cannot tell (another system, or a listener this
 * user may not inspect).
 */
export function listenerPids(port: number): Set<number> | undefined {
  const inodes = listeningInodes(port);
  if (inodes === undefined) return undefined;
  const pids = new Set<number>();
  if (inodes.size === 0) return pids;
  let unreadable = false;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      unreadable = true;
      continue;
    }
    for (const fd of fds) {
      try {
        const target = readlinkSync(`/proc/${entry}/fd/${fd}`);
        if (target.startsWith('socket:[') && inodes.has(target.slice(8, -1))) {
          pids.add(Number(entry));
        }
      } catch {
        // Closed meanwhile.
      }
    }
  }
  return pids.size === 0 && unreadable ? undefined : pids;
}

/** Process `pid` and its descendants (the workers a server forks), from /proc. */
function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = parentOf(Number(entry));
    if (parent !== undefined)
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const tree = [pid];
  for (let index = 0; index < tree.length; index += 1) {
    tree.push(...(children.get(tree[index] ?? 0) ?? []));
  }
  return tree;
}

/** Whether process `pid` has a descriptor open on one of the sockets `inodes`. */
function holds(pid: number, inodes: Set<string>): boolean {
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      if (target.startsWith('socket:[') && inodes.has(target.slice(8, -1))) return true;
    } catch {
      // Closed meanwhile.
    }
  }
  return false;
}

/**
 * Whether the server listening on TCP `port` is process `pid` or one of its descendants (the
 * workers a server forks): true or false from Linux's /proc, undefined where it cannot tell.
 * Only that process tree's descriptors are read, so it is cheap enough to ask while waiting.
 */
export function isHeldBy(port: number, pid: number): boolean | undefined {
  const inodes = listeningInodes(port);
  if (inodes === undefined) return undefined;
  if (inodes.size === 0) return false;
  let unreadable = false;
  for (const member of processTree(pid)) {
    try {
      if (holds(member, inodes)) return true;
    } catch {
      unreadable = true;
    }
  }
  return unreadable ? undefined : false;
}
