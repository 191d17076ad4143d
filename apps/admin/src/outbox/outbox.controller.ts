import { Controller, Get, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '@ocop/core';
import { Mailer } from '@ocop/notifications';
import { intQueryParam, Roles } from '@ocop/web';

/** `GET /api/admin/outbox`: the e-mails the marketplace wrote, newest first. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin/outbox')
@Roles('admin')
export class OutboxController {
  constructor(private readonly mailer: Mailer) {}

  @Get()
  @ApiOperation({ summary: 'List the outbox' })
  @ApiQuery({ name: 'page', required: false })
  @ApiQuery({ name: 'limit', required: false })
  async list(@Query('page') page?: string, @Query('limit') limit?: string) {
    const res = await this.mailer.list({ page: intQueryParam(page, 'page', 100000, 1), limit: intQueryParam(limit, 'limit', 200, 50) });
    return { items: res.items.map(({ html: _html, ...m }) => m), total: res.total };
  }

  @Get(':id')
  async get(@Param('id', new ParseUUIDPipe()) id: string) {
    const m = await this.mailer.get(id);
    if (!m) throw new NotFoundError('No such message');
    return m;
  }
}

/** The outbox pages: `/outbox` and `/outbox/:id`. */
@Controller('outbox')
@Roles('admin')
export class OutboxPages {
  constructor(private readonly mailer: Mailer) {}

  @Get()
  async list(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Query('page') page?: string) {
    const p = intQueryParam(page, 'page', 100000, 1);
    const res = await this.mailer.list({ page: p, limit: 50 });
    return req.server.ocopViews!.send(req, reply, 'outbox', {
      title: 'Outbox',
      items: res.items,
      total: res.total,
      prev: p > 1 ? p - 1 : null,
      next: p * 50 < res.total ? p + 1 : null,
    });
  }

  @Get(':id')
  async show(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id', new ParseUUIDPipe()) id: string) {
    const message = await this.mailer.get(id);
    if (!message) throw new NotFoundError('No such message');
    return req.server.ocopViews!.send(req, reply, 'outbox-message', { title: message.subject, message });
  }
}
