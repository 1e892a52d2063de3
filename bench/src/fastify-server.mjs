// `node src/fastify-server.mjs`: POST /v1/analyze on plain Fastify, without Nest, with the API's
// production features and options (the built API's own functions, in the order createApp
// registers them), for the A/B table of `pnpm bench`: beside the API and the bare floor, it
// splits the framework's share between Fastify and Nest. Anonymous requests only: the
// authentication hook, which needs Nest's injector, is left out (without credentials it reads
// two headers), and so is Swagger UI.
import { analyzeText } from '@textpulse/analysis';
import { endpoints, problem } from '@textpulse/contracts';
import Fastify from 'fastify';
import { serverOptions } from '../../apps/api/dist/app.js';
import { registerContractResponses } from '../../apps/api/dist/common/contract/contract-response.hook.js';
import { registerContractValidation } from '../../apps/api/dist/common/contract/contract-validation.hook.js';
import { routePath } from '../../apps/api/dist/common/contract/endpoint.decorator.js';
import { registerCors } from '../../apps/api/dist/common/http/cors.js';
import { registerGracefulClose } from '../../apps/api/dist/common/http/graceful-close.js';
import { registerRawBodies } from '../../apps/api/dist/common/http/raw-body.js';
import { registerRequestIdHeader } from '../../apps/api/dist/common/http/request-id.js';
import { registerSecurity } from '../../apps/api/dist/common/http/security.js';
import { sendError } from '../../apps/api/dist/common/problems/problem.filter.js';
import { sendProblem } from '../../apps/api/dist/common/problems/send-problem.js';
import { loadConfig } from '../../apps/api/dist/config.js';
import { ALL_FEATURES } from '../../apps/api/dist/features.js';

const config = loadConfig();
const fastify = Fastify(serverOptions(config, ALL_FEATURES));
registerRawBodies(fastify);
await registerCors(fastify, config.corsOrigins);
registerRequestIdHeader(fastify);
registerGracefulClose(fastify);
await registerSecurity(fastify, config, ALL_FEATURES);
registerContractValidation(fastify);
registerContractResponses(fastify);
fastify.setErrorHandler((error, request, reply) => sendError(request, reply, error));
fastify.setNotFoundHandler((request, reply) => sendProblem(request, reply, problem('not-found')));

const { analyze } = endpoints;
fastify.post(routePath(analyze.path), { config: { endpoint: analyze } }, (request, reply) => {
  void reply.code(analyze.success.status);
  return analyzeText(request.body);
});

const address = await fastify.listen({ port: config.port, host: config.host });
console.log(`listening on ${address}`);
process.on('SIGTERM', () => void fastify.close());
