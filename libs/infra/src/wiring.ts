import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { missingInTransactionHandlers, type LibraryWiring } from '@ocop/core';
import { DomainEvents } from '@ocop/database';
import { CATALOG_WIRING } from '@ocop/catalog';
import { CERTIFICATION_WIRING } from '@ocop/certification';
import { NOTIFICATIONS_WIRING } from '@ocop/notifications';
import { VENDORS_WIRING } from '@ocop/vendors';
import { VILLAGES_WIRING } from '@ocop/villages';

/** Every library's event wiring (its `<lib>.wiring.ts`), read by the composition root. */
export const WIRINGS: readonly LibraryWiring[] = [VILLAGES_WIRING, VENDORS_WIRING, CERTIFICATION_WIRING, CATALOG_WIRING, NOTIFICATIONS_WIRING];

/** Thrown when an app would commit an integrity-critical event that nothing handles in its transaction. */
export class WiringError extends Error {}

/**
 * Refuses start-up of an app whose modules leave an integrity-critical event (see the emitters'
 * wiring) without an in-transaction handler: a revocation committed there would leave its
 * products on sale. Runs once every module's init has registered its handlers.
 */
@Injectable()
export class WiringCheck implements OnApplicationBootstrap {
  constructor(private readonly events: DomainEvents) {}

  onApplicationBootstrap(): void {
    const problem = missingInTransactionHandlers(WIRINGS, (event) => this.events.handles(event));
    if (problem) throw new WiringError(problem);
  }
}
