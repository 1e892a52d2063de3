import { Body, Controller, Inject, Req, Res } from '@nestjs/common';
import type { BodyOf, Endpoints, ResultOf } from '@textpulse/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Caller, MaybeSignedIn } from '../auth/caller.js';
import { Endpoint } from '../common/contract/endpoint.decorator.js';
import { clientGone } from '../common/http/client-gone.js';
import { sendEventStream } from '../common/http/event-stream.js';
import { APP_CONFIG, type AppConfig } from '../config.js';
import { PromptService } from './prompt.service.js';

@Controller()
export class PromptController {
  constructor(
    private readonly promptService: PromptService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Endpoint('prompt')
  prompt(
    @Body() body: BodyOf<Endpoints['prompt']>,
    @MaybeSignedIn() caller: Caller | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ResultOf<Endpoints['prompt']>> {
    return this.promptService.answer(body, caller, clientGone(reply));
  }

  @Endpoint('promptStream')
  stream(
    @Body() body: BodyOf<Endpoints['promptStream']>,
    @MaybeSignedIn() caller: Caller | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): void {
    const events = this.promptService.stream(body, caller, clientGone(reply));
    sendEventStream(request, reply, events, {
      heartbeatMs: this.config.streamHeartbeatMs,
      errorEvent: (problem) => ({ type: 'error' as const, problem }),
    });
  }
}
