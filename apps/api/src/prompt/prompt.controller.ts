import { Body, Controller, Res } from '@nestjs/common';
import type { EndpointBody, EndpointResult } from '@textpulse/contracts';
import type { FastifyReply } from 'fastify';
import { Endpoint } from '../common/contract/endpoint.decorator.js';
import { clientGone } from '../common/http/client-gone.js';
import { PromptService } from './prompt.service.js';

@Controller()
export class PromptController {
  constructor(private readonly promptService: PromptService) {}

  @Endpoint('prompt')
  prompt(
    @Body() body: EndpointBody<'prompt'>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EndpointResult<'prompt'>> {
    return this.promptService.answer(body, clientGone(reply));
  }
}
