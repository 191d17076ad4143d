import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { NotFoundError } from '@ocop/core';
import { FileStorage } from '@ocop/storage';
import { Roles } from '@ocop/web';

/** `GET /media/:key`: uploaded photos, so that a story is reviewed with its pictures; keys are random and never reused. */
@ApiExcludeController()
@Controller('media')
@Roles('admin')
export class AdminMediaController {
  constructor(private readonly storage: FileStorage) {}

  @Get(':key')
  async get(@Param('key') key: string, @Res() reply: FastifyReply) {
    const file = await this.storage.get(key);
    if (!file) throw new NotFoundError('No such file');
    return reply.header('cache-control', 'private, max-age=31536000, immutable').type(file.contentType).send(file.data);
  }
}
