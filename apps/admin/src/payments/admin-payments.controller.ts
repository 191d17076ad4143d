import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '@ocop/core';
import { LedgerService, PaymentsService, PayoutPaidDto, PayoutPeriodDto, RefundDto, RefundsService } from '@ocop/payments';
import { CurrentUser, Roles } from '@ocop/web';

/** Refunds, bank transfers confirmed by hand, flagged transfers and vendor payouts (admin, JSON). */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin')
@Roles('admin')
export class AdminPaymentsController {
  constructor(
    private readonly payments: PaymentsService,
    private readonly refunds: RefundsService,
    private readonly ledger: LedgerService,
  ) {}

  @Post('orders/:id/refund')
  @ApiOperation({ summary: 'Refund what is left of a paid order, or of one sub-order, through its payment provider' })
  refund(@CurrentUser() actor: Actor, @Param('id', ParseUUIDPipe) orderId: string, @Body() dto: RefundDto) {
    return this.refunds.refund(actor, orderId, dto.subOrderId ?? null, dto.reason);
  }

  @Post('orders/:id/confirm-transfer')
  @HttpCode(200)
  @ApiOperation({ summary: "Confirm that an order's bank transfer arrived (seen on the statement)" })
  confirmTransfer(@CurrentUser() actor: Actor, @Param('id', ParseUUIDPipe) orderId: string) {
    return this.payments.confirmTransferManually(actor, orderId);
  }

  @Get('payments/flagged')
  @ApiOperation({ summary: 'Transfers and provider events kept for an admin: short, duplicate or unmatched transfers' })
  async flagged(@CurrentUser() actor: Actor) {
    return { items: await this.payments.flaggedTransfers(actor) };
  }

  @Get('payouts')
  @ApiOperation({ summary: 'Payout report per vendor for a period (Vietnam calendar days, inclusive); CSV with Accept: text/csv' })
  async report(@CurrentUser() actor: Actor, @Query() q: PayoutPeriodDto, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const report = await this.ledger.payoutReport(actor, q.from, q.to);
    if (!accept?.includes('text/csv')) return report;
    return this.csv(reply, report);
  }

  @Get('payouts.csv')
  @ApiOperation({ summary: 'Payout report as CSV (RFC 4180)' })
  async reportCsv(@CurrentUser() actor: Actor, @Query() q: PayoutPeriodDto, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.csv(reply, await this.ledger.payoutReport(actor, q.from, q.to));
  }

  private csv(reply: FastifyReply, report: Awaited<ReturnType<LedgerService['payoutReport']>>): string {
    void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="payouts-${report.from}-${report.to}.csv"`);
    return this.ledger.payoutCsv(report);
  }

  @Post('payouts')
  @ApiOperation({ summary: 'Create one payout per vendor owed money up to the end of the period (idempotent)' })
  async createPayouts(@CurrentUser() actor: Actor, @Body() dto: PayoutPeriodDto) {
    return { items: await this.ledger.createPayouts(actor, dto.from, dto.to) };
  }

  @Post('payouts/:id/paid')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark a payout paid with the bank transfer reference' })
  markPaid(@CurrentUser() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: PayoutPaidDto) {
    return this.ledger.markPayoutPaid(actor, id, dto.bankReference);
  }
}
