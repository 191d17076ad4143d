import { NestFactory } from '@nestjs/core';
import { runProcess } from '@ocop/infra';
import { WorkerModule } from './worker.module';

void runProcess('worker', async (infra) => {
  const ctx = await NestFactory.createApplicationContext(WorkerModule.forRoot(infra), { bufferLogs: false });
  await ctx.init();
  return [ctx];
});
