import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

const WHOLE = { message: 'must be a whole number from 1000 to 1000000' };

export class SetCurrencyRateDto {
  @ApiProperty({ example: 26000, description: 'VND per one unit of the currency' })
  @IsInt(WHOLE)
  @Min(1000, WHOLE)
  @Max(1000000, WHOLE)
  vndPerUnit: number;
}

export class CurrencyRateDto {
  @ApiProperty({ enum: ['USD', 'EUR'] }) currency: string;
  @ApiProperty({ example: 26000 }) vndPerUnit: number;
  @ApiProperty({ type: String, nullable: true, description: 'null while the default applies' }) updatedAt: Date | null;
}

export class CurrencyRateListDto {
  @ApiProperty({ type: [CurrencyRateDto] }) items: CurrencyRateDto[];
}
