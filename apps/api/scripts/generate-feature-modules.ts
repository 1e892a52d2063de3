import { writeFileSync } from 'node:fs';
import { featureModulesPath, renderFeatureModules } from './feature-modules.js';

writeFileSync(featureModulesPath, renderFeatureModules());
console.log(`wrote ${featureModulesPath}`);
