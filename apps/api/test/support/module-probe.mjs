// `node --import ./module-probe.mjs …`: writes a line to standard error for each package of the
// OpenTelemetry SDK the process loads (any @opentelemetry/* package but the API itself, whose
// calls do nothing without the SDK), as it is first resolved, by import or require alike.
import { registerHooks } from 'node:module';

const seen = new Set();
registerHooks({
  resolve(specifier, context, nextResolve) {
    const resolved = nextResolve(specifier, context);
    const name = /\/node_modules\/(@opentelemetry\/[^/]+)\//.exec(resolved.url)?.[1];
    if (name && name !== '@opentelemetry/api' && !seen.has(name)) {
      seen.add(name);
      process.stderr.write(`opentelemetry module loaded: ${name}\n`);
    }
    return resolved;
  },
});
