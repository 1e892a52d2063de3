import { BadRequestException } from '@nestjs/common';
import { parseJsonBody } from '@textpulse/contracts/json-body';
import type { FastifyInstance } from 'fastify';

/**
 * The JSON body parser (Nest's own is off): the contract's parseJsonBody, which refuses
 * __proto__ and constructor.prototype keys; both failures are 400s worded as everywhere else.
 */
export function registerJsonBodyParser(fastify: FastifyInstance): void {
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    (_request, body, done) => {
      const parsed = parseJsonBody(body as string);
      if (parsed.success) done(null, parsed.data);
      else done(new BadRequestException(parsed.detail), undefined);
    },
  );
}
