import { Body, Controller, Req } from '@nestjs/common';
import type { EndpointBody, EndpointResult } from '@textpulse/contracts';
import type { FastifyRequest } from 'fastify';
import { Endpoint } from '../common/contract/endpoint.decorator.js';
import { instanceOf } from '../common/problems/request-problems.js';
import { PromptService } from './prompt.service.js';

@Controller()
export class PromptController {
  constructor(private readonly promptService: PromptService) {}

  @Endpoint('prompt')
  prompt(
    @Body() body: EndpointBody<'prompt'>,
    @Req() request: FastifyRequest,
  ): Promise<EndpointResult<'prompt'>> {
    return this.promptService.answer(body, instanceOf(request));
  }
}
