import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { translator } from '@ocop/core';
import { pickText, renderMarkdown, StoriesService } from '@ocop/villages';
import { requestLocale } from '@ocop/web';
import { fallbackNote, storyPhotos } from './present';
import './villages.i18n';

/** `/stories/:slug`: a published village or artisan story in the page language, rendered from Markdown. */
@ApiExcludeController()
@Controller('stories')
export class StoriesPages {
  constructor(private readonly stories: StoriesService) {}

  @Get(':slug')
  async show(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('slug') slug: string) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const s = await this.stories.getPublished(slug);
    const title = pickText(s.title, lang);
    const body = pickText(s.body, lang);
    return req.server.ocopViews!.send(req, reply, 'story', {
      title: title.text,
      story: s,
      photos: storyPhotos(s, lang),
      bodyHtml: renderMarkdown(body.text),
      note: fallbackNote(t, body.lang, lang) ?? fallbackNote(t, title.lang, lang),
    });
  }
}
