import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

const text = (max: number) => ({ message: `must be text of 1–${max} characters` });

/** `POST /api/vendor/orders/:id/ship`: the carrier and its tracking number. */
export class ShipSubOrderDto {
  @ApiProperty({ example: 'Viettel Post' }) @IsString(text(60)) @MinLength(1, text(60)) @MaxLength(60, text(60)) carrier: string;
  @ApiProperty({ example: 'VTP123456789' }) @IsString(text(60)) @MinLength(1, text(60)) @MaxLength(60, text(60)) trackingNumber: string;
}

/** `POST /api/admin/orders/:id/cancel`: why an unpaid order is cancelled. */
export class CancelOrderDto {
  @ApiProperty({ example: 'Shopper asked by phone' }) @IsString(text(500)) @MinLength(1, text(500)) @MaxLength(500, text(500)) reason: string;
}

/** `POST /api/admin/sub-orders/:id/review`: what the admin decided about a flagged sub-order. */
export class ResolveReviewDto {
  @ApiProperty({ example: 'Vendor confirmed the goods were made before the revocation' }) @IsString(text(500)) @MinLength(1, text(500)) @MaxLength(500, text(500)) note: string;
}
