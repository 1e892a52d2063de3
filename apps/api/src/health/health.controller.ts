import { Controller, Inject } from '@nestjs/common';
import type { Endpoints, ResultOf } from '@textpulse/contracts';
import { Endpoint } from '../common/contract/endpoint.decorator.js';
import { APP_CONFIG, type AppConfig } from '../config.js';
import { Storage } from '../storage/storage.js';
import { API_VERSION } from '../version.js';

@Controller()
export class HealthController {
  private readonly startedAt = performance.now();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly storage: Storage,
  ) {}

  @Endpoint('health')
  async health(): Promise<ResultOf<Endpoints['health']>> {
    return {
      status: 'ok',
      version: API_VERSION,
      uptime_s: Math.round(performance.now() - this.startedAt) / 1000,
      models: this.config.models,
      database: await this.storage.health(),
    };
  }
}
