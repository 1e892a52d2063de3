import { applyDecorators, Get, HttpCode, Post, SetMetadata } from '@nestjs/common';
import { type EndpointName, endpoints } from '@textpulse/contracts';

export const ENDPOINT_METADATA = 'textpulse:endpoint';

/**
 * Binds a handler to an operation of the contract: method and path come from the endpoint
 * declaration, the body is validated against it before the handler runs, and the result is
 * parsed by its success schema on the way out.
 */
export function Endpoint(name: EndpointName): MethodDecorator {
  const { method, path } = endpoints[name];
  return applyDecorators(
    method === 'get' ? Get(path) : Post(path),
    HttpCode(200),
    SetMetadata(ENDPOINT_METADATA, name),
  );
}
