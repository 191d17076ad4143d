import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';

const text = (max: number) => ({ message: `must be text of 1–${max} characters` });
const day = { message: 'must be a date written YYYY-MM-DD' };

/** `POST /api/payments/sandbox/:paymentId/complete`: what the sandbox answers. */
export class SandboxCompleteDto {
  @ApiProperty({ enum: ['succeeded', 'failed'] }) @IsIn(['succeeded', 'failed'], { message: 'must be succeeded or failed' }) outcome: 'succeeded' | 'failed';
}

/** `POST /api/admin/orders/:id/refund`: one sub-order, or the whole order when left out, and why. */
export class RefundDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'must be the id of a sub-order of this order' }) subOrderId?: string;
  @ApiProperty({ example: 'Goods damaged in transit' }) @IsString(text(48)) @MinLength(1, text(48)) @MaxLength(48, text(48)) reason: string;
}

/** A payout period: calendar days in Vietnam time, inclusive. */
export class PayoutPeriodDto {
  @ApiProperty({ example: '2026-06-01' }) @IsString(day) @Matches(/^\d{4}-\d{2}-\d{2}$/, day) from: string;
  @ApiProperty({ example: '2026-06-30' }) @IsString(day) @Matches(/^\d{4}-\d{2}-\d{2}$/, day) to: string;
}

/** `POST /api/admin/payouts/:id/paid`: the bank transfer's reference. */
export class PayoutPaidDto {
  @ApiProperty({ example: 'FT26182123456' }) @IsString(text(100)) @MinLength(1, text(100)) @MaxLength(100, text(100)) bankReference: string;
}
