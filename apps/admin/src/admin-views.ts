import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { HelperOptions } from 'handlebars';
import { DEFAULT_LOCALE, type Locale } from '@ocop/core';
import { vnTime } from './orders/present';

/** The admin's pages show every moment in Vietnam time, in the page's language (`formatDate`). */
@Injectable()
export class AdminViews implements OnApplicationBootstrap {
  constructor(private readonly adapter: HttpAdapterHost) {}

  onApplicationBootstrap(): void {
    const views = this.adapter.httpAdapter?.getInstance<FastifyInstance>().ocopViews;
    views?.registerHelper('formatDate', (d: unknown, opts: HelperOptions) => {
      const lang = (opts?.data as { root?: { lang?: Locale } } | undefined)?.root?.lang ?? DEFAULT_LOCALE;
      const date = d instanceof Date ? d : typeof d === 'string' && d ? new Date(d) : null;
      return date && !Number.isNaN(date.getTime()) ? vnTime(date, lang) : '';
    });
  }
}
