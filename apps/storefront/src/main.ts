import { runProcess } from '@ocop/infra';
import { createHttpApp } from '@ocop/web';
import { StorefrontModule } from './storefront.module';

void runProcess('app', async (infra) => {
  const app = await createHttpApp(StorefrontModule.forRoot(infra));
  await app.listen({ port: infra.config.ports.storefront, host: infra.config.host });
  return [app];
});
