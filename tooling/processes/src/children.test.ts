import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stopChild } from './children.js';

const node = (script: string) => spawn(process.execPath, ['-e', script], { stdio: 'ignore' });

describe('stopChild', () => {
  it('ends a child with SIGTERM', async () => {
    const child = node('setInterval(() => {}, 1000)');
    await stopChild(child);
    expect(child.signalCode).toBe('SIGTERM');
  });

  it('kills a child that ignores SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['-e', "process.on('SIGTERM', () => {}); console.log('ready'); setInterval(() => {}, 1000)"],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    // Until the handler is installed, SIGTERM would end it: wait until the child says it is.
    await once(child.stdout ?? child, 'data');
    await stopChild(child);
    expect(child.signalCode).toBe('SIGKILL');
  });
});

describe('stopOnExit and cleanUpOnExit', () => {
  it('on Ctrl-C (SIGINT), kill the children and run the clean-ups before the process exits', async () => {
    const children = fileURLToPath(new URL('./children.ts', import.meta.url));
    // A program like `pnpm scale`: a child server it started, a directory it made, then it waits.
    const program = `
      import { spawn } from 'node:child_process';
      import { mkdtempSync, rmSync } from 'node:fs';
      import { cleanUpOnExit, stopOnExit } from ${JSON.stringify(children)};
      const server = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: ['ignore', 'inherit', 'ignore'] });
      stopOnExit(server);
      const dir = mkdtempSync('/tmp/textpulse-ctrl-c-');
      cleanUpOnExit(() => rmSync(dir, { recursive: true, force: true }));
      console.log(dir);
      setInterval(() => {}, 1000);
    `;
    const main = spawn(
      process.execPath,
      ['--experimental-strip-types', '--no-warnings', '--input-type=module', '-e', program],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const output = main.stdout ?? main;
    const [line] = (await once(output, 'data')) as [Buffer];
    const dir = line.toString().trim();
    expect(existsSync(dir)).toBe(true);

    const exited = once(main, 'exit');
    // The server shares the program's standard output: it closes only once both have ended.
    const closed = once(output, 'close');
    main.kill('SIGINT');
    const [code] = await exited;
    expect(code).toBe(130);
    expect(existsSync(dir)).toBe(false);
    await closed;
  });
});
