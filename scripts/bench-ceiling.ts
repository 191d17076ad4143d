/**
 * The framework's own ceiling on this machine, for `npm run bench`: a NestJS application on
 * Fastify with one controller answering `GET /` with a small JSON object, nothing else (no
 * guards, hooks, database or logging). Listens on PORT (default 3999) on 127.0.0.1.
 */
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';

@Controller()
class HelloController {
  @Get()
  hello(): { hello: string } {
    return { hello: 'world' };
  }
}

@Module({ controllers: [HelloController] })
class HelloModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(HelloModule, new FastifyAdapter(), { logger: false });
  await app.listen({ port: Number(process.env.PORT ?? 3999), host: '127.0.0.1' });
}

void main();
