import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsUUID, Max, Min } from 'class-validator';

export const MAX_LINE_QUANTITY = 99;
const QUANTITY = { message: `must be a whole number from 1 to ${MAX_LINE_QUANTITY}` };

/** `POST /api/cart/items`: a product and how many to add. */
export class AddCartItemDto {
  @ApiProperty({ description: 'id of a product on sale' })
  @IsUUID('all', { message: 'must be a product id' })
  productId: string;

  @ApiProperty({ example: 1, minimum: 1, maximum: MAX_LINE_QUANTITY })
  @IsInt(QUANTITY)
  @Min(1, QUANTITY)
  @Max(MAX_LINE_QUANTITY, QUANTITY)
  quantity: number;
}

/** `PATCH /api/cart/items/:productId`: the new quantity; 0 removes the line. */
export class SetCartQuantityDto {
  @ApiProperty({ example: 2, minimum: 0, maximum: MAX_LINE_QUANTITY })
  @IsInt({ message: `must be a whole number from 0 to ${MAX_LINE_QUANTITY}` })
  @Min(0, { message: `must be a whole number from 0 to ${MAX_LINE_QUANTITY}` })
  @Max(MAX_LINE_QUANTITY, { message: `must be a whole number from 0 to ${MAX_LINE_QUANTITY}` })
  quantity: number;
}
