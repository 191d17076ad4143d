import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { NotFoundError } from '@ocop/core';
import { FileStorage } from '@ocop/storage';

/** `GET /media/:key`: uploaded product images; keys are random and never reused, so they cache for a year. */
@ApiExcludeController()
@Controller('media')
export class MediaController {
  constructor(private readonly storage: FileStorage) {}

  @Get(':key')
  async get(@Param('key') key: string, @Res() reply: FastifyReply) {
    const file = await this.storage.get(key);
    if (!file) throw new NotFoundError('No such file');
    return reply.header('cache-control', 'public, max-age=31536000, immutable').type(file.contentType).send(file.data);
  }
}
