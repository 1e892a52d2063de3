import { Body, Controller } from '@nestjs/common';
import type { EndpointBody, EndpointResult } from '@textpulse/contracts';
import { Endpoint } from '../common/contract/endpoint.decorator.js';
import { PromptService } from './prompt.service.js';

@Controller()
export class PromptController {
  constructor(private readonly promptService: PromptService) {}

  @Endpoint('prompt')
  prompt(@Body() body: EndpointBody<'prompt'>): Promise<EndpointResult<'prompt'>> {
    return this.promptService.answer(body);
  }
}
