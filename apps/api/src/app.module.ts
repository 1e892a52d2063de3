import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ProblemDetailsFilter } from './common/problems/problem.filter.js';
import type { AppConfig } from './config.js';
import { ConfigModule } from './config.module.js';
import { FEATURE_MODULES } from './feature-modules.gen.js';

@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.register(config), ...FEATURE_MODULES],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
