import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  InternalServerErrorException,
  type NestInterceptor,
} from '@nestjs/common';
import { EVENT_STREAM_MEDIA_TYPE } from '@textpulse/contracts';
import type { FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';

/**
 * Parses every handler result with the success schema of its route's operation (an event
 * stream's events are parsed as they are sent, by sendEventStream): unknown fields
 * are stripped, and a result that breaks the contract becomes a 500 (logged) instead of reaching
 * the client.
 */
@Injectable()
export class ContractResponseInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const endpoint = request.routeOptions.config.endpoint;
    const schema = endpoint?.success.schema;
    // An event stream's handler sends it itself, each event checked on its way out.
    if (schema === undefined || endpoint?.success.mediaType === EVENT_STREAM_MEDIA_TYPE) {
      return next.handle();
    }
    return next.handle().pipe(
      map((result) => {
        const parsed = schema.safeParse(result);
        if (parsed.success) return parsed.data;
        throw new InternalServerErrorException(
          `The ${endpoint?.operationId} handler broke its response contract`,
          { cause: parsed.error },
        );
      }),
    );
  }
}
