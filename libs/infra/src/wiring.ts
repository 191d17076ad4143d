import { Injectable, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { missingInTransactionHandlers, registerInTransactionHandlers, type LibraryWiring, type ProviderClass } from '@ocop/core';
import { DomainEvents } from '@ocop/database';
import { CATALOG_WIRING } from '@ocop/catalog';
import { EXPERIENCES_WIRING } from '@ocop/experiences';
import { JOBS_WIRING } from '@ocop/jobs';
import { CERTIFICATION_WIRING } from '@ocop/certification';
import { NOTIFICATIONS_WIRING } from '@ocop/notifications';
import { ORDERS_WIRING } from '@ocop/orders';
import { PAYMENTS_WIRING } from '@ocop/payments';
import { VENDORS_WIRING } from '@ocop/vendors';
import { VILLAGES_WIRING } from '@ocop/villages';

/** Every library's event wiring (its `<lib>.wiring.ts`), read by the composition root. */
export const WIRINGS: readonly LibraryWiring[] = [
  JOBS_WIRING,
  VILLAGES_WIRING,
  VENDORS_WIRING,
  CERTIFICATION_WIRING,
  CATALOG_WIRING,
  ORDERS_WIRING,
  PAYMENTS_WIRING,
  EXPERIENCES_WIRING,
  NOTIFICATIONS_WIRING,
];

/** Thrown when an app would commit an integrity-critical event that nothing handles in its transaction. */
export class WiringError extends Error {}

/**
 * Registers, from the libraries' wiring, every in-transaction handler whose provider this app
 * holds, then refuses start-up of an app that leaves an integrity-critical event (see the
 * emitters' wiring) without one: a revocation committed there would leave its products on sale.
 */
@Injectable()
export class WiringCheck implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly events: DomainEvents,
    private readonly modules: ModuleRef,
  ) {}

  onModuleInit(): void {
    registerInTransactionHandlers(WIRINGS, (provider) => this.find(provider), this.events);
  }

  /** This process's instance of `provider`, or undefined when no module here provides it. */
  find<T>(provider: ProviderClass<T>): T | undefined {
    try {
      return this.modules.get(provider as never, { strict: false }) as T;
    } catch {
      return undefined;
    }
  }

  onApplicationBootstrap(): void {
    const problem = missingInTransactionHandlers(WIRINGS, (event) => this.events.handles(event));
    if (problem) throw new WiringError(problem);
  }
}
