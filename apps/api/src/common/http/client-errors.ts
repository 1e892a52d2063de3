import type { Socket } from 'node:net';
import { MALFORMED_URL_DETAIL, PROBLEM_MEDIA_TYPE, problem } from '@textpulse/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Features } from '../../features.js';
import { sendProblem } from '../problems/send-problem.js';
import { securityHeaders } from './security.js';

/**
 * Answers requests that Node's HTTP parser rejects before Fastify sees them (oversized headers,
 * a malformed request line) with problem+json too, then closes the connection.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const body = problem(
    error.code === 'HPE_HEADER_OVERFLOW'
      ? 'headers-too-large'
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 'request-timeout'
        : 'malformed-request',
    { detail: 'The HTTP request could not be parsed.' },
  );
  const { status, title } = body;
  const json = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\nContent-Type: ${PROBLEM_MEDIA_TYPE}\r\nContent-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
  );
}

/**
 * Answers the requests Fastify rejects before routing (a malformed percent escape in the path) as
 * every other error: problem+json with the security headers and the request id, which the hooks
 * that add them never see.
 */
export function answerFrameworkError(features: Features) {
  return (_error: Error, request: FastifyRequest, reply: FastifyReply) => {
    if (features.has('security-headers')) void reply.headers(securityHeaders);
    if (features.has('request-id')) void reply.header('x-request-id', request.id);
    sendProblem(request, reply, problem('malformed-request', { detail: MALFORMED_URL_DETAIL }));
  };
}
