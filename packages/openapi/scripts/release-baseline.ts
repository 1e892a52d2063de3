import { copyFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The version step's last move (pnpm version-packages): the document of the version just made
// becomes the baseline the breaking-change gate (pnpm contract:check) compares the next ones with.
const at = (name: string) => fileURLToPath(new URL(`../${name}`, import.meta.url));
copyFileSync(at('openapi.json'), at('openapi.released.json'));
console.log(`wrote ${at('openapi.released.json')}`);
