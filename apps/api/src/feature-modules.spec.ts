import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { featureModulesPath, renderFeatureModules } from '../scripts/feature-modules.js';
import { FEATURE_MODULES } from './feature-modules.gen.js';

describe('src/feature-modules.gen.ts', () => {
  it('lists the module of every feature folder (run `pnpm generate` after adding one)', () => {
    expect(readFileSync(featureModulesPath, 'utf8')).toBe(renderFeatureModules());
  });

  it('holds Nest modules', () => {
    expect(FEATURE_MODULES.length).toBeGreaterThan(0);
    for (const module of FEATURE_MODULES) {
      expect(Reflect.getMetadataKeys(module).length, module.name).toBeGreaterThan(0);
    }
  });
});
