import { Module } from '@nestjs/common';
import { AnalyzeModule } from '../analyze/analyze.module.js';
import { AnalysesController } from './analyses.controller.js';
import { AnalysesService } from './analyses.service.js';

/** Stored analyses, analyzed by the same AnalyzeService that answers POST /v1/analyze. */
@Module({
  imports: [AnalyzeModule],
  controllers: [AnalysesController],
  providers: [AnalysesService],
})
export class AnalysesModule {}
