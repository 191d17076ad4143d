import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '@ocop/core';
import { PaymentsService, SandboxCompleteDto } from '@ocop/payments';
import { CurrentUser, KEEP_RAW_BODY, rawBodyOf, Roles } from '@ocop/web';

/** Provider webhooks (authenticated by their signature over the raw body) and the sandbox's API. */
@ApiTags('payments')
@Controller('api/payments')
export class StorefrontPaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  @Post('stripe/webhook')
  @HttpCode(200)
  @RouteConfig(KEEP_RAW_BODY)
  @ApiOperation({ summary: 'Stripe webhook: verified with the Stripe-Signature header over the raw body (400 when it does not verify)' })
  stripeWebhook(@Req() req: FastifyRequest, @Headers('stripe-signature') signature: string | undefined) {
    return this.payments.handleStripeWebhook(rawBodyOf(req), signature);
  }

  @Post('vietqr/notifications')
  @HttpCode(200)
  @RouteConfig(KEEP_RAW_BODY)
  @ApiOperation({ summary: "A bank's transfer notification: HMAC-SHA256 of the raw body in X-Signature (400 when it does not verify)" })
  bankNotification(@Req() req: FastifyRequest, @Headers('x-signature') signature: string | undefined) {
    return this.payments.handleBankNotification(rawBodyOf(req), signature);
  }

  @Post('sandbox/:paymentId/complete')
  @HttpCode(200)
  @Roles('shopper')
  @ApiBearerAuth()
  @ApiOperation({ summary: "The sandbox's answer for one of your payments (only when the sandbox is enabled)" })
  completeSandbox(@CurrentUser() actor: Actor, @Param('paymentId', ParseUUIDPipe) paymentId: string, @Body() dto: SandboxCompleteDto) {
    return this.payments.completeSandbox(actor, paymentId, dto.outcome);
  }
}

/** `GET /api/orders/:id/payment`: the shopper's payment of one of their orders, with how to pay it. */
@ApiTags('payments')
@ApiBearerAuth()
@Controller('api/orders')
@Roles('shopper')
export class StorefrontOrderPaymentController {
  constructor(private readonly payments: PaymentsService) {}

  @Get(':id/payment')
  @ApiOperation({ summary: 'Your order’s payment: status, amount and how to pay (sandbox page, Stripe Checkout URL or VietQR data)' })
  payment(@CurrentUser() actor: Actor, @Param('id', ParseUUIDPipe) orderId: string) {
    return this.payments.shopperPayment(actor, orderId);
  }
}
