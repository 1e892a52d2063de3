import { spawn } from 'node:child_process';
import { once } from 'node:events';
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
