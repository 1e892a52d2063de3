import { Injectable } from '@nestjs/common';
import { analyzeText } from '@textpulse/analysis';
import type { BodyOf, Endpoints, ResultOf } from '@textpulse/contracts';

@Injectable()
export class AnalyzeService {
  analyze(request: BodyOf<Endpoints['analyze']>): ResultOf<Endpoints['analyze']> {
    return analyzeText(request);
  }
}
