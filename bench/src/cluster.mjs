// `node src/cluster.mjs <script>`: runs <script> (the built API) in one worker per core
// (BENCH_WORKERS to choose), all listening on the same PORT through Node's cluster module, which
// hands the connections out round-robin. SIGTERM or SIGINT stops the workers, then the primary.
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';

const [script] = process.argv.slice(2);
if (!script) throw new Error('usage: node cluster.mjs <script>');

if (cluster.isPrimary) {
  const workers = Number(process.env.BENCH_WORKERS ?? availableParallelism());
  for (let i = 0; i < workers; i += 1) cluster.fork();
  const stop = () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  cluster.on('exit', () => {
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
  });
} else {
  await import(pathToFileURL(script).href);
}
