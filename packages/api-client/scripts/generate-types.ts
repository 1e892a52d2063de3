import { writeFileSync } from 'node:fs';
import { renderTypes, typesPath } from './render-types.js';

writeFileSync(typesPath, await renderTypes());
console.log(`wrote ${typesPath}`);
