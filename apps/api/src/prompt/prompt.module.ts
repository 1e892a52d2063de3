import { Module } from '@nestjs/common';
import { PromptController } from './prompt.controller.js';
import { PromptService } from './prompt.service.js';
import { LocalModelProvider } from './providers/local.provider.js';
import { MODEL_PROVIDERS } from './providers/model-provider.js';
import { OpenAICompatibleProvider } from './providers/openai-compatible.provider.js';

@Module({
  controllers: [PromptController],
  providers: [
    PromptService,
    LocalModelProvider,
    OpenAICompatibleProvider,
    {
      provide: MODEL_PROVIDERS,
      useFactory: (local: LocalModelProvider, openai: OpenAICompatibleProvider) => [local, openai],
      inject: [LocalModelProvider, OpenAICompatibleProvider],
    },
  ],
})
export class PromptModule {}
