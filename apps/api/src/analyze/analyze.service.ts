import { Injectable } from '@nestjs/common';
import type { EndpointBody, EndpointResult } from '@textpulse/contracts';
import { analyzeText } from '@textpulse/analysis';

@Injectable()
export class AnalyzeService {
  analyze(request: EndpointBody<'analyze'>): EndpointResult<'analyze'> {
    return analyzeText(request);
  }
}
