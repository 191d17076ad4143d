import { runProcess } from '@ocop/infra';
import { createHttpApp } from '@ocop/web';
import { VendorModule } from './vendor.module';

void runProcess('app', async (infra) => {
  const app = await createHttpApp(VendorModule.forRoot(infra));
  await app.listen({ port: infra.config.ports.vendor, host: infra.config.host });
  return [app];
});
