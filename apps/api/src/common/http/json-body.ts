import { BadRequestException } from '@nestjs/common';
import { FORBIDDEN_KEY_DETAIL, MALFORMED_JSON_DETAIL } from '@textpulse/contracts';
import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';

/**
 * The JSON body parser (Nest's own is off): secure-json-parse refuses __proto__ and
 * constructor.prototype keys, and both failures read as the web route handlers word them.
 */
export function registerJsonBodyParser(fastify: FastifyInstance): void {
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    (_request, body, done) => {
      try {
        done(null, secureJson.parse(body as string));
      } catch (error) {
        const forbidden = error instanceof SyntaxError && /forbidden prototype/.test(error.message);
        done(
          new BadRequestException(forbidden ? FORBIDDEN_KEY_DETAIL : MALFORMED_JSON_DETAIL),
          undefined,
        );
      }
    },
  );
}
