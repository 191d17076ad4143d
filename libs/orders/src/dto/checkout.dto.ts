import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import type { PaymentMethod } from '../order.entity';

export const PAYMENT_METHODS: readonly PaymentMethod[] = ['sandbox', 'stripe', 'vietqr'];

/** Lengths of the address fields (also checked by the service for callers that skip the DTO). */
export const ADDRESS_LIMITS = { name: 120, line1: 200, city: 100, postalCode: 20, phone: 30 } as const;
const text = (max: number) => ({ message: `must be text of 1–${max} characters` });

/** Where the parcels go. */
export class ShippingAddressDto {
  @ApiProperty({ example: 'Nguyễn Thị Lan' }) @IsString(text(ADDRESS_LIMITS.name)) @MinLength(1, text(ADDRESS_LIMITS.name)) @MaxLength(ADDRESS_LIMITS.name, text(ADDRESS_LIMITS.name)) name: string;
  @ApiProperty({ example: '12 Phố Huế' }) @IsString(text(ADDRESS_LIMITS.line1)) @MinLength(1, text(ADDRESS_LIMITS.line1)) @MaxLength(ADDRESS_LIMITS.line1, text(ADDRESS_LIMITS.line1)) line1: string;
  @ApiProperty({ example: 'Hà Nội' }) @IsString(text(ADDRESS_LIMITS.city)) @MinLength(1, text(ADDRESS_LIMITS.city)) @MaxLength(ADDRESS_LIMITS.city, text(ADDRESS_LIMITS.city)) city: string;
  @ApiProperty({ example: 'VN', description: 'ISO 3166-1 alpha-2 country code' })
  @IsString({ message: 'must be a two-letter country code such as VN' })
  @Matches(/^[A-Za-z]{2}$/, { message: 'must be a two-letter country code such as VN' })
  country: string;
  @ApiPropertyOptional({ example: '100000' }) @IsOptional() @IsString(text(ADDRESS_LIMITS.postalCode)) @MaxLength(ADDRESS_LIMITS.postalCode, text(ADDRESS_LIMITS.postalCode)) postalCode?: string;
  @ApiProperty({ example: '+84 912 345 678' })
  @IsString({ message: 'must be a phone number' })
  @Matches(/^\+?[0-9 ().-]{6,30}$/, { message: 'must be a phone number' })
  phone: string;
}

/** `POST /api/checkout`: the address (for a cart holding products) and how the shopper pays. */
export class CheckoutDto {
  @ApiPropertyOptional({ type: ShippingAddressDto, description: 'required when the cart holds products; a cart of experience bookings alone needs none' })
  @IsOptional()
  @IsObject({ message: 'must be an address object' })
  @ValidateNested()
  @Type(() => ShippingAddressDto)
  shippingAddress?: ShippingAddressDto;

  @ApiProperty({ enum: PAYMENT_METHODS })
  @IsIn(PAYMENT_METHODS as unknown as string[], { message: `must be one of ${PAYMENT_METHODS.join(', ')}` })
  paymentMethod: PaymentMethod;
}
