import type { MigrationInterface } from 'typeorm';
import { Initial1795461854316 as M0 } from './1795461854316-Initial';
import { CertifiedCatalog1795463255032 as M1 } from './1795463255032-CertifiedCatalog';
import { SecurityHardening1796070308984 as M2 } from './1796070308984-SecurityHardening';
import { Orders1796080682326 as M3 } from './1796080682326-Orders';
import { VillagesExperiences1796084907419 as M4 } from './1796084907419-VillagesExperiences';
import { BookingsInCartAndLedger1796091420127 as M5 } from './1796091420127-BookingsInCartAndLedger';

export const SQLITE_MIGRATIONS: (new () => MigrationInterface)[] = [M0, M1, M2, M3, M4, M5];
