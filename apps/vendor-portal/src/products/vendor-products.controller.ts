import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, HttpCode, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError, type Actor } from '@ocop/core';
import { CreateProductDto, ProductsService, UpdateProductDto } from '@ocop/catalog';
import { CurrentUser, intQueryParam, Roles } from '@ocop/web';
import { readUploadedFiles } from './uploads';

export const idParam = new ParseUUIDPipe({ exceptionFactory: () => new ValidationError('id', 'must be a UUID') });

/** `/api/vendor/products`: the caller's vendor's products; another vendor's product answers 404. */
@ApiTags('vendor')
@ApiBearerAuth()
@Controller('api/vendor/products')
@Roles('vendor')
export class VendorProductsController {
  constructor(private readonly products: ProductsService) {}

  @Get()
  @ApiOperation({ summary: "The vendor's products, newest first, each with its certificate and whether it sells now (and why not)" })
  @ApiQuery({ name: 'page', required: false })
  @ApiQuery({ name: 'limit', required: false, description: '1–200, default 50' })
  list(@CurrentUser() actor: Actor, @Query('page') page?: string, @Query('limit') limit?: string) {
    return this.products.list(actor, { page: intQueryParam(page, 'page', 100000, 1), limit: intQueryParam(limit, 'limit', 200, 50) });
  }

  @Post()
  @ApiOperation({ summary: 'Create a product in draft, with a new trace code; publish it separately' })
  create(@CurrentUser() actor: Actor, @Body() body: CreateProductDto) {
    return this.products.create(actor, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of the vendor’s products' })
  get(@CurrentUser() actor: Actor, @Param('id', idParam) id: string) {
    return this.products.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change any fields; titles and descriptions merge per language. 409 with the reason when a listed product would move to a certificate it cannot sell under' })
  update(@CurrentUser() actor: Actor, @Param('id', idParam) id: string, @Body() body: UpdateProductDto) {
    return this.products.update(actor, id, body);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'List the product; 409 { message, reason } when the listing gate forbids it (e.g. certificate_expired, vendor_pending)' })
  publish(@CurrentUser() actor: Actor, @Param('id', idParam) id: string) {
    return this.products.publish(actor, id);
  }

  @Post(':id/unpublish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take the product off sale (reason vendor)' })
  unpublish(@CurrentUser() actor: Actor, @Param('id', idParam) id: string) {
    return this.products.unpublish(actor, id);
  }

  @Post(':id/images')
  @ApiOperation({ summary: 'Upload images (JPEG, PNG or WebP by content, at most 5 MiB each, up to 10 per request); they are appended to the product’s images' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  async images(@CurrentUser() actor: Actor, @Param('id', idParam) id: string, @Req() req: FastifyRequest) {
    // A product that is not the caller's answers 404 before its upload is read, however large or broken.
    await this.products.get(actor, id);
    return this.products.addImages(actor, id, await readUploadedFiles(req));
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'The listing changes of the product, newest first' })
  history(@CurrentUser() actor: Actor, @Param('id', idParam) id: string) {
    return this.products.history(actor, id);
  }

  @Get(':id/qr.png')
  @ApiOperation({ summary: 'The label QR code (PNG) of the product’s verification page' })
  @ApiProduces('image/png')
  qrPng(@CurrentUser() actor: Actor, @Param('id', idParam) id: string, @Res() reply: FastifyReply) {
    return sendQr(this.products, actor, id, 'png', reply);
  }

  @Get(':id/qr.svg')
  @ApiOperation({ summary: 'The printable label (SVG): QR code with the trace code below it' })
  @ApiProduces('image/svg+xml')
  qrSvg(@CurrentUser() actor: Actor, @Param('id', idParam) id: string, @Res() reply: FastifyReply) {
    return sendQr(this.products, actor, id, 'svg', reply);
  }
}

/** Sends one of the caller's product labels as PNG or SVG. */
export async function sendQr(products: ProductsService, actor: Actor, id: string, format: 'png' | 'svg', reply: FastifyReply) {
  const label = await products.qrLabel(actor, id, format);
  return reply.header('content-disposition', `inline; filename="${label.filename}"`).header('cache-control', 'private, max-age=300').type(label.contentType).send(label.body);
}
