import { Injectable } from '@nestjs/common';
import { analyzeText } from '@textpulse/analysis';
import type { EndpointBody, EndpointResult } from '@textpulse/contracts';

@Injectable()
export class AnalyzeService {
  analyze(request: EndpointBody<'analyze'>): EndpointResult<'analyze'> {
    return analyzeText(request);
  }
}
