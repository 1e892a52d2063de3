import { loadDotEnv } from './config.js';
import { startTelemetryWhenConfigured } from './telemetry/telemetry.js';

loadDotEnv();
// Before the server's modules load, so that OpenTelemetry (when on) can instrument them.
const telemetry = await startTelemetryWhenConfigured();
const { serve } = await import('./server.js');
await serve({ telemetry });
