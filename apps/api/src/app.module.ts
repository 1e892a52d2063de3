import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AnalysesModule } from './analyses/analyses.module.js';
import { AnalyzeModule } from './analyze/analyze.module.js';
import { ProblemDetailsFilter } from './common/problems/problem.filter.js';
import type { AppConfig } from './config.js';
import { ConfigModule } from './config.module.js';
import { HealthModule } from './health/health.module.js';
import { PromptModule } from './prompt/prompt.module.js';
import { StorageModule } from './storage/storage.module.js';

@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.register(config),
        StorageModule,
        AnalyzeModule,
        AnalysesModule,
        PromptModule,
        HealthModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
