import { ProductIndexer } from '@ocop/catalog';
import { runProcess } from '@ocop/infra';
import { createHttpApp } from '@ocop/web';
import { StorefrontModule } from './storefront.module';

void runProcess(
  'app',
  async (infra) => {
    const app = await createHttpApp(StorefrontModule.forRoot(infra));
    // Without Meilisearch this process answers searches from its own index, filled before it listens.
    await infra.followCatalogue(app.get(ProductIndexer));
    await app.listen({ port: infra.config.ports.storefront, host: infra.config.host });
    return [app];
  },
  undefined,
  { servesCatalogue: true },
);
