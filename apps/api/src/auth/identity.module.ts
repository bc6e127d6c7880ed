import {
  Global,
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { LEADGER_CONFIG, type LeadgerConfig } from '@leadger/config';
import type { EventStore } from '@leadger/event-store';
import { ApiKeys, bootstrapAdminKey } from '@leadger/identity';
import { openLeadIdentity, type LeadIdentity } from '@leadger/lead-application';
import { EVENT_STORE } from '../event-store/event-store.module';
import { AccessGuard } from './access.guard';
import { Authenticator } from './authenticator';
import { oidcFromConfig } from './oidc-from-config';

export const LEAD_IDENTITY = Symbol('LEAD_IDENTITY');

/**
 * Who may call: the vault and keys of the data dir, the API keys, OIDC when configured, and the guard
 * every route passes. A data dir without keys gets its bootstrap admin key once the app is up.
 */
@Global()
@Module({
  providers: [
    {
      provide: LEAD_IDENTITY,
      inject: [LEADGER_CONFIG, EVENT_STORE],
      useFactory: (config: LeadgerConfig, store: EventStore): Promise<LeadIdentity> =>
        openLeadIdentity(config, store, (message) => new Logger('Identity').warn(message)),
    },
    {
      provide: ApiKeys,
      inject: [EVENT_STORE, LEAD_IDENTITY],
      useFactory: (store: EventStore, identity: LeadIdentity) =>
        new ApiKeys(store, identity.keys.apiKeysKey, identity.keys.vault),
    },
    {
      provide: Authenticator,
      inject: [ApiKeys, LEADGER_CONFIG],
      useFactory: (keys: ApiKeys, config: LeadgerConfig) => new Authenticator(keys, oidcFromConfig(config)),
    },
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [LEAD_IDENTITY, ApiKeys],
})
export class IdentityModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Identity');

  constructor(
    @Inject(LEAD_IDENTITY) private readonly identity: LeadIdentity,
    private readonly keys: ApiKeys,
    @Inject(LEADGER_CONFIG) private readonly config: LeadgerConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      const path = await bootstrapAdminKey(this.keys, this.config.dataDir);
      if (path)
        this.logger.log(`no API key yet: an admin key was written to ${path} (readable by its owner only)`);
    } catch (error) {
      this.logger.warn(
        `could not look for API keys (${(error as Error).message}); the bootstrap admin key waits for the next start`,
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.identity.close();
  }
}
