import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ProblemDetailsFilter } from './common/problems/problem.filter.js';
import type { AppConfig } from './config.js';
import { ConfigModule } from './config.module.js';
import { FEATURE_MODULES } from './feature-modules.gen.js';
import type { Mailer } from './mail/mailer.js';

@Module({})
export class AppModule {
  static register(config: AppConfig, mailer: Mailer, more: readonly Type[] = []): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.register(config, mailer), ...FEATURE_MODULES, ...more],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
