// Preloaded into the API by `cpu-profile`: SIGUSR2 ends the process with a normal exit, so
// --cpu-prof writes its profile (a process killed by SIGTERM, as Nest re-raises it, writes none).
process.once('SIGUSR2', () => process.exit(0));
