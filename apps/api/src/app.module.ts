import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { AnalysesModule } from './analyses/analyses.module.js';
import { AnalyzeModule } from './analyze/analyze.module.js';
import { ContractResponseInterceptor } from './common/contract/contract-response.interceptor.js';
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
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        ...(config.without.has('response-check')
          ? []
          : [{ provide: APP_INTERCEPTOR, useClass: ContractResponseInterceptor }]),
      ],
    };
  }
}
