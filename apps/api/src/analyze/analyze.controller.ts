import { Body, Controller } from '@nestjs/common';
import type { BodyOf, Endpoints, ResultOf } from '@textpulse/contracts';
import { Endpoint } from '../common/contract/endpoint.decorator.js';
import { AnalyzeService } from './analyze.service.js';

@Controller()
export class AnalyzeController {
  constructor(private readonly analyzeService: AnalyzeService) {}

  @Endpoint('analyze')
  analyze(@Body() body: BodyOf<Endpoints['analyze']>): ResultOf<Endpoints['analyze']> {
    return this.analyzeService.analyze(body);
  }
}
