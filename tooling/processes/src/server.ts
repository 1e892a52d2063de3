import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { connectTo, freePort, isHeldBy } from '@textpulse/ports';
import { stopChild, stopOnExit } from './children.js';

/** Long enough for a server starting on a loaded 2-core CI machine; only a hang exhausts it. */
export const START_TIMEOUT_MS = 5 * 60_000;

/** The most that is kept of what a server writes (its latest output). */
const OUTPUT_LIMIT = 1024 * 1024;

export interface ServerOptions {
  /** For messages: "The API", "nginx". */
  name: string;
  /** The program; this Node by default. */
  command?: string;
  /** Its arguments and variables, given the port to take (0 when it reports its own). */
  launch: (port: number) => { args: string[]; env?: Record<string, string> };
  cwd?: string;
  /**
   * Whether the program binds port 0 itself and says which port it got with a line holding
   * `listening on http://<host>:<port>`, as this repository's servers do. Otherwise it is given a
   * free port, and started again on another one if another process takes that port first.
   */
  reportsPort?: boolean;
  /** A path that answers over HTTP once the server is ready; without it, listening is enough. */
  probe?: string;
  /** Always this port: no other is tried (a server started again where it was). */
  port?: number;
  /** Until the server answers; START_TIMEOUT_MS by default. */
  timeoutMs?: number;
  /**
   * A file that gets the server's standard output (its log lines, as a production server writes
   * them), appended to, instead of this process: output() then holds its standard error, and the
   * port it reports is read from the file.
   */
  stdoutFile?: string;
}

/** A server started by startServer(): listening, on a port that is certainly its own. */
export interface RunningServer {
  readonly name: string;
  readonly child: ChildProcess;
  readonly pid: number;
  readonly port: number;
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** What it wrote to its standard output and error so far. */
  output(): string;
  /** Settles when the process has exited, however it ended. */
  readonly exited: Promise<void>;
  /** SIGTERM, then SIGKILL after 5 s; resolves once it has exited. */
  stop(): Promise<void>;
}

/** The line with which a server that bound port 0 says which port it got. */
const LISTENING = /listening on http:\/\/\S+:(\d+)/;

/** Another process took the port between the choice and the bind. */
const ADDRESS_IN_USE = /EADDRINUSE|address already in use/i;
const ATTEMPTS = 5;

/**
 * Starts a server as a child process and resolves once it listens on loopback — checked, where
 * Linux's /proc can tell, to be the child (or a worker it forked) and no other process — and
 * answers `probe`. Rejects, having stopped the child, when it exits first or after `timeoutMs`;
 * either message quotes the end of its output.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const deadline = performance.now() + (options.timeoutMs ?? START_TIMEOUT_MS);
  const chosen = options.port !== undefined || !options.reportsPort;
  for (let attempt = 1; ; attempt += 1) {
    const port = options.port ?? (chosen ? await freePort() : 0);
    const started = await attemptStart(options, port, deadline);
    if (started !== 'address in use') return started;
    if (options.port !== undefined || attempt === ATTEMPTS) {
      throw new Error(`${options.name} could not listen: port ${port} is taken`);
    }
  }
}

async function attemptStart(
  options: ServerOptions,
  givenPort: number,
  deadline: number,
): Promise<RunningServer | 'address in use'> {
  const { args, env = {} } = options.launch(givenPort);
  const stdoutFile = options.stdoutFile;
  const stdout = stdoutFile === undefined ? 'pipe' : openSync(stdoutFile, 'a');
  const child = spawn(options.command ?? process.execPath, args, {
    cwd: options.cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', stdout, 'pipe'],
  });
  // The child has its own copy of the file's descriptor.
  if (typeof stdout === 'number') closeSync(stdout);
  stopOnExit(child);
  let output = '';
  const append = (chunk: string) => {
    output = (output + chunk).slice(-OUTPUT_LIMIT);
  };
  child.stdout?.setEncoding('utf8').on('data', append);
  child.stderr?.setEncoding('utf8').on('data', append);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const fail = async (message: string): Promise<never> => {
    await stopChild(child);
    throw new Error(`${message}; its output ended with:\n${output.slice(-4000)}`);
  };

  while (performance.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      // The output's pipes may still hold the last lines: let them drain.
      await sleep(50);
      if (givenPort !== 0 && !options.port && ADDRESS_IN_USE.test(output)) return 'address in use';
      return fail(
        `${options.name} exited (${child.exitCode ?? child.signalCode}) before it answered`,
      );
    }
    const said = stdoutFile === undefined ? output : `${readFileSync(stdoutFile, 'utf8')}${output}`;
    const port = options.reportsPort ? Number(LISTENING.exec(said)?.[1] ?? 0) : givenPort;
    // First whether something answers there (cheap), then whether it is this child (/proc): another
    // process may hold a given port, and then this child fails to bind, and exits.
    const url = `http://127.0.0.1:${port}`;
    const answered =
      port !== 0 &&
      (options.probe === undefined
        ? (await connectTo(port)) === 'accepted'
        : await answers(`${url}${options.probe}`));
    if (answered && isHeldBy(port, child.pid ?? 0) !== false) {
      return {
        name: options.name,
        child,
        pid: child.pid ?? 0,
        port,
        url,
        output: () => output,
        exited,
        stop: () => stopChild(child),
      };
    }
    await sleep(100);
  }
  return fail(
    `${options.name} did not answer within ${(options.timeoutMs ?? START_TIMEOUT_MS) / 1000} s`,
  );
}

/** Whether `url` answers over HTTP, with any status. */
async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(10_000) });
    return true;
  } catch {
    return false;
  }
}
