import { runProcess } from '@ocop/infra';
import { createHttpApp } from '@ocop/web';
import { AdminModule } from './admin.module';

void runProcess('app', async (infra) => {
  const app = await createHttpApp(AdminModule.forRoot(infra));
  await app.listen({ port: infra.config.ports.admin, host: infra.config.host });
  return [app];
});
