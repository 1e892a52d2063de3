import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  InternalServerErrorException,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type EndpointName, endpoints } from '@textpulse/contracts';
import { map, type Observable } from 'rxjs';
import { ENDPOINT_METADATA } from './endpoint.decorator.js';

/**
 * Parses every handler result with the success schema of its endpoint: unknown fields are
 * stripped, and a result that breaks the contract becomes a 500 (logged) instead of reaching
 * the client.
 */
@Injectable()
export class ContractResponseInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const name = this.reflector.get<EndpointName | undefined>(
      ENDPOINT_METADATA,
      context.getHandler(),
    );
    if (name === undefined) return next.handle();
    const schema = endpoints[name].responses[200].schema;
    return next.handle().pipe(
      map((result) => {
        const parsed = schema.safeParse(result);
        if (parsed.success) return parsed.data;
        throw new InternalServerErrorException(`The ${name} handler broke its response contract`, {
          cause: parsed.error,
        });
      }),
    );
  }
}
