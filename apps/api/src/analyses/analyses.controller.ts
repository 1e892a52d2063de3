import { Body, Controller, Param, Query, Res } from '@nestjs/common';
import type { BodyOf, Endpoints, ParamsOf, QueryOf, ResultOf } from '@textpulse/contracts';
import type { FastifyReply } from 'fastify';
import { type Caller, SignedIn } from '../auth/caller.js';
import { Endpoint } from '../common/contract/endpoint.decorator.js';
import { AnalysesService } from './analyses.service.js';

@Controller()
export class AnalysesController {
  constructor(private readonly analysesService: AnalysesService) {}

  @Endpoint('createAnalysis')
  async create(
    @Body() body: BodyOf<Endpoints['createAnalysis']>,
    @SignedIn() caller: Caller,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ResultOf<Endpoints['createAnalysis']>> {
    const stored = await this.analysesService.create(body, caller.userId);
    void reply.header('location', `/v1/analyses/${stored.id}`);
    return stored;
  }

  @Endpoint('listAnalyses')
  list(
    @Query() query: QueryOf<Endpoints['listAnalyses']>,
    @SignedIn() caller: Caller,
  ): Promise<ResultOf<Endpoints['listAnalyses']>> {
    return this.analysesService.list(query, caller.userId);
  }

  @Endpoint('getAnalysis')
  get(
    @Param() params: ParamsOf<Endpoints['getAnalysis']>,
    @SignedIn() caller: Caller,
  ): Promise<ResultOf<Endpoints['getAnalysis']>> {
    return this.analysesService.get(params, caller.userId);
  }

  @Endpoint('deleteAnalysis')
  delete(
    @Param() params: ParamsOf<Endpoints['deleteAnalysis']>,
    @SignedIn() caller: Caller,
  ): Promise<void> {
    return this.analysesService.delete(params, caller.userId);
  }
}
