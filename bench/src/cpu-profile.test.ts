import { describe, expect, it } from 'vitest';
import { type CpuProfile, partsBeside, profileShares } from './cpu-profile.js';

const frame = (functionName: string, url = '') => ({ functionName, url });

/**
 * root → handler (ours) → library (a part of its own) → JSON.parse (native)
 *      → handler → helper (no part)
 *      → (garbage collector), (idle), node:internal (no part)
 */
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 6, 7, 8] },
    {
      id: 2,
      callFrame: frame('handle', 'file:///repo/apps/api/dist/handler.js'),
      children: [3, 5],
    },
    {
      id: 3,
      callFrame: frame('log', 'file:///repo/node_modules/pino/lib/tools.js'),
      children: [4],
    },
    { id: 4, callFrame: frame('stringify') },
    { id: 5, callFrame: frame('helper', 'file:///repo/node_modules/tiny/index.js') },
    { id: 6, callFrame: frame('(garbage collector)') },
    { id: 7, callFrame: frame('(idle)') },
    { id: 8, callFrame: frame('parserOnHeaders', 'node:_http_common') },
  ],
  samples: [4, 4, 5, 2, 6, 7, 7, 7, 8, 8],
  timeDeltas: [10, 10, 10, 10, 20, 500, 500, 500, 20, 20],
};
const parts = [
  ['the handler', /apps\/api\/dist/],
  ['the log', /\/pino\//],
] as const;

describe('profileShares', () => {
  it('gives each sample to the nearest named part up its stack, garbage collection apart, idle left out', () => {
    const shares = profileShares(profile, parts, 'Node itself');
    expect(Object.fromEntries(shares)).toEqual({
      'the log': 0.2,
      'the handler': 0.2,
      'garbage collection': 0.2,
      'Node itself': 0.4,
    });
  });

  it('is empty for a profile with no samples', () => {
    expect(profileShares({ nodes: profile.nodes }, parts, 'Node itself').size).toBe(0);
  });
});

describe('partsBeside', () => {
  it('prices each share with its program’s CPU per request, the costliest part first', () => {
    const program = {
      shares: new Map([
        ['a', 0.25],
        ['b', 0.75],
      ]),
      cpuUsPerRequest: 200,
    };
    const baseline = {
      shares: new Map([
        ['a', 0.5],
        ['c', 0.5],
      ]),
      cpuUsPerRequest: 100,
    };
    expect(partsBeside(program, baseline)).toEqual([
      { part: 'b', us: 150, baselineUs: 0 },
      { part: 'a', us: 50, baselineUs: 50 },
      { part: 'c', us: 0, baselineUs: 50 },
    ]);
  });
});
