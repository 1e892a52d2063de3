import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from './config.js';
import { Mailer } from './mail/mailer.js';

/**
 * Makes the parsed AppConfig injectable everywhere as APP_CONFIG, and the mailer createApp chose
 * for it as Mailer.
 */
@Global()
@Module({})
export class ConfigModule {
  static register(config: AppConfig, mailer: Mailer): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Mailer, useValue: mailer },
      ],
      exports: [APP_CONFIG, Mailer],
    };
  }
}
