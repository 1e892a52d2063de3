import { measureFeatures } from './features.js';
const rows = await measureFeatures({ connections: 50, durationS: 5, warmupS: 2, rounds: 2 }, console.log);
console.table(rows);
