import { Body, Controller, Param, Res } from '@nestjs/common';
import type { BodyOf, Endpoints, ParamsOf, ResultOf } from '@textpulse/contracts';
import type { FastifyReply } from 'fastify';
import { Endpoint } from '../common/contract/endpoint.decorator.js';
import { AuthService, type RequestContext, type WithCookies } from './auth.service.js';
import { AuthRequest } from './caller.js';

/** Relays the cookies better-auth set or cleared, and answers its result. */
function withCookies<T>(reply: FastifyReply, { result, setCookies }: WithCookies<T>): T {
  if (setCookies.length > 0) void reply.header('set-cookie', setCookies);
  return result;
}

/** Accounts, sessions and API keys: the contract's auth operations, served by better-auth. */
@Controller()
export class AuthController {
  constructor(private readonly authService: AuthService) {}

  @Endpoint('signUp')
  async signUp(
    @Body() body: BodyOf<Endpoints['signUp']>,
    @AuthRequest() context: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ResultOf<Endpoints['signUp']>> {
    return withCookies(reply, await this.authService.signUp(body, context));
  }

  @Endpoint('signIn')
  async signIn(
    @Body() body: BodyOf<Endpoints['signIn']>,
    @AuthRequest() context: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ResultOf<Endpoints['signIn']>> {
    return withCookies(reply, await this.authService.signIn(body, context));
  }

  @Endpoint('requestPasswordReset')
  requestPasswordReset(
    @Body() body: BodyOf<Endpoints['requestPasswordReset']>,
    @AuthRequest() context: RequestContext,
  ): Promise<void> {
    return this.authService.requestPasswordReset(body, context);
  }

  @Endpoint('resetPassword')
  resetPassword(
    @Body() body: BodyOf<Endpoints['resetPassword']>,
    @AuthRequest() context: RequestContext,
  ): Promise<void> {
    return this.authService.resetPassword(body, context);
  }

  @Endpoint('verifyEmail')
  async verifyEmail(
    @Body() body: BodyOf<Endpoints['verifyEmail']>,
    @AuthRequest() context: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ResultOf<Endpoints['verifyEmail']>> {
    return withCookies(reply, await this.authService.verifyEmail(body, context));
  }

  @Endpoint('signOut')
  async signOut(
    @AuthRequest() context: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    withCookies(reply, await this.authService.signOut(context));
  }

  @Endpoint('getSession')
  getSession(@AuthRequest() context: RequestContext): Promise<ResultOf<Endpoints['getSession']>> {
    return this.authService.session(context);
  }

  @Endpoint('changePassword')
  async changePassword(
    @Body() body: BodyOf<Endpoints['changePassword']>,
    @AuthRequest() context: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    withCookies(reply, await this.authService.changePassword(body, context));
  }

  @Endpoint('deleteAccount')
  async deleteAccount(
    @Body() body: BodyOf<Endpoints['deleteAccount']>,
    @AuthRequest() context: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    withCookies(reply, await this.authService.deleteAccount(body, context));
  }

  @Endpoint('createApiKey')
  createApiKey(
    @Body() body: BodyOf<Endpoints['createApiKey']>,
    @AuthRequest() context: RequestContext,
  ): Promise<ResultOf<Endpoints['createApiKey']>> {
    return this.authService.createApiKey(body, context);
  }

  @Endpoint('listApiKeys')
  listApiKeys(@AuthRequest() context: RequestContext): Promise<ResultOf<Endpoints['listApiKeys']>> {
    return this.authService.listApiKeys(context);
  }

  @Endpoint('revokeApiKey')
  revokeApiKey(
    @Param() params: ParamsOf<Endpoints['revokeApiKey']>,
    @AuthRequest() context: RequestContext,
  ): Promise<void> {
    return this.authService.revokeApiKey(params.id, context);
  }
}
