import { Controller, Get, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isLocale, LOCALE_NAMES, NotFoundError, translator } from '@ocop/core';
import { Mailer } from '@ocop/notifications';
import { intQueryParam, requestLocale, Roles } from '@ocop/web';
import { vnTime, wordsFor } from '../orders/present';
import './outbox.i18n';

type T = ReturnType<typeof translator>;

const UUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');

/**
 * An e-mail's text as markup for the page: escaped, each web address a link that reads without
 * the record ids inside it (`…/orders/…`), so the page shows words, and the link still leads there.
 */
export function mailTextMarkup(text: string): string {
  return text
    .split(/(https?:\/\/[^\s<>"']+)/)
    .map((part, i) => (i % 2 === 1 ? `<a href="${escapeHtml(part)}">${escapeHtml(part.replace(UUIDS, '…'))}</a>` : escapeHtml(part.replace(UUIDS, '…'))))
    .join('');
}

/** A message's template and state in the page's words, its time in Vietnam time. */
function inWords<M extends { template: string; status: string; locale: string; createdAt: Date }>(m: M, t: T, lang: ReturnType<typeof requestLocale>) {
  return {
    ...m,
    at: vnTime(m.createdAt, lang),
    templateText: wordsFor(t, 'adminOutbox.template', m.template),
    statusText: wordsFor(t, 'adminOutbox.status', m.status),
    languageText: isLocale(m.locale) ? LOCALE_NAMES[m.locale] : m.locale,
  };
}

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
    const lang = requestLocale(req);
    const t = translator(lang);
    const p = intQueryParam(page, 'page', 100000, 1);
    const res = await this.mailer.list({ page: p, limit: 50 });
    return req.server.ocopViews!.send(req, reply, 'outbox', {
      title: t('outbox.title'),
      items: res.items.map((m) => inWords(m, t, lang)),
      total: res.total,
      prev: p > 1 ? p - 1 : null,
      next: p * 50 < res.total ? p + 1 : null,
    });
  }

  @Get(':id')
  async show(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id', new ParseUUIDPipe()) id: string) {
    const lang = requestLocale(req);
    const message = await this.mailer.get(id);
    if (!message) throw new NotFoundError('No such message');
    return req.server.ocopViews!.send(req, reply, 'outbox-message', { title: message.subject, message: inWords(message, translator(lang), lang), textMarkup: mailTextMarkup(message.text ?? '') });
  }
}
