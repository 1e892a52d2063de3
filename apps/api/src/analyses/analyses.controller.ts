import { Body, Controller, Param, Query, Res } from '@nestjs/common';
import type {
  EndpointBody,
  EndpointParams,
  EndpointQuery,
  EndpointResult,
} from '@textpulse/contracts';
import type { FastifyReply } from 'fastify';
import { Endpoint } from '../common/contract/endpoint.decorator.js';
import { AnalysesService } from './analyses.service.js';

@Controller()
export class AnalysesController {
  constructor(private readonly analysesService: AnalysesService) {}

  @Endpoint('createAnalysis')
  async create(
    @Body() body: EndpointBody<'createAnalysis'>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EndpointResult<'createAnalysis'>> {
    const stored = await this.analysesService.create(body);
    void reply.header('location', `/v1/analyses/${stored.id}`);
    return stored;
  }

  @Endpoint('listAnalyses')
  list(@Query() query: EndpointQuery<'listAnalyses'>): Promise<EndpointResult<'listAnalyses'>> {
    return this.analysesService.list(query);
  }

  @Endpoint('getAnalysis')
  get(@Param() params: EndpointParams<'getAnalysis'>): Promise<EndpointResult<'getAnalysis'>> {
    return this.analysesService.get(params);
  }

  @Endpoint('deleteAnalysis')
  delete(@Param() params: EndpointParams<'deleteAnalysis'>): Promise<void> {
    return this.analysesService.delete(params);
  }
}
