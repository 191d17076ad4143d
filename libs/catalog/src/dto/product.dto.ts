import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { Rules, ruleOptions, ValidateRule } from '@ocop/core';
import { isValidGtin } from '../gtin';
import {
  DESCRIPTION_MAX,
  isImageAddress,
  MAX_IMAGES,
  MAX_PRICE_VND,
  MAX_STAGES,
  MAX_STOCK,
  MAX_WEIGHT_GRAMS,
  MESSAGES,
  PRODUCT_GROUPS_FOR_SALE,
  TITLE_MAX,
  TRACE_TEXT_MAX,
  type SaleProductGroup,
} from '../product.rules';

const STRING = ruleOptions(Rules.isString());
const TEXT = (max: number) => ruleOptions(Rules.textMaxLength(max));
const IsGtin = () => ValidateRule('isGtin', (v) => (isValidGtin(v) ? null : MESSAGES.gtin));
const IsImageAddress = () => ValidateRule('isImageAddress', (v) => (isImageAddress(v) ? null : MESSAGES.image), { each: true });

export class TitleDto {
  @ApiProperty({ example: 'Bình gốm men lam Bát Tràng' }) @IsString(STRING) @MinLength(1, ruleOptions(MESSAGES.titleViMissing)) @MaxLength(TITLE_MAX, ruleOptions(MESSAGES.titleViTooLong)) vi: string;
  @ApiPropertyOptional({ example: 'Bat Trang blue-glazed vase' }) @IsOptional() @IsString(STRING) @MaxLength(TITLE_MAX, TEXT(TITLE_MAX)) en?: string;
  @ApiPropertyOptional() @IsOptional() @IsString(STRING) @MaxLength(TITLE_MAX, TEXT(TITLE_MAX)) de?: string;
  @ApiPropertyOptional() @IsOptional() @IsString(STRING) @MaxLength(TITLE_MAX, TEXT(TITLE_MAX)) id?: string;
}

/** Titles to change; languages not given stay, an empty string removes a translation (never `vi`). */
export class TitlePatchDto {
  @ApiPropertyOptional() @IsOptional() @IsString(STRING) @MinLength(1, ruleOptions(MESSAGES.titleViMissing)) @MaxLength(TITLE_MAX, ruleOptions(MESSAGES.titleViTooLong)) vi?: string;
  @ApiPropertyOptional() @IsOptional() @IsString(STRING) @MaxLength(TITLE_MAX, TEXT(TITLE_MAX)) en?: string;
  @ApiPropertyOptional() @IsOptional() @IsString(STRING) @MaxLength(TITLE_MAX, TEXT(TITLE_MAX)) de?: string;
  @ApiPropertyOptional() @IsOptional() @IsString(STRING) @MaxLength(TITLE_MAX, TEXT(TITLE_MAX)) id?: string;
}

export class DescriptionDto {
  @ApiPropertyOptional() @IsOptional() @IsString(STRING) @MaxLength(DESCRIPTION_MAX, TEXT(DESCRIPTION_MAX)) vi?: string;
  @ApiPropertyOptional() @IsOptional() @IsString(STRING) @MaxLength(DESCRIPTION_MAX, TEXT(DESCRIPTION_MAX)) en?: string;
  @ApiPropertyOptional() @IsOptional() @IsString(STRING) @MaxLength(DESCRIPTION_MAX, TEXT(DESCRIPTION_MAX)) de?: string;
  @ApiPropertyOptional() @IsOptional() @IsString(STRING) @MaxLength(DESCRIPTION_MAX, TEXT(DESCRIPTION_MAX)) id?: string;
}

export class ProductionStageDto {
  @ApiProperty({ example: 'Nung lò ga' }) @IsString(STRING) @MinLength(1, ruleOptions(MESSAGES.stageMissing)) @MaxLength(200, TEXT(200)) stage: string;
  @ApiPropertyOptional({ example: 'Xưởng Bát Tràng, Gia Lâm, Hà Nội' }) @IsOptional() @IsString(STRING) @MaxLength(200, TEXT(200)) location?: string;
  @ApiPropertyOptional({ example: '2026-03' }) @IsOptional() @IsString(STRING) @MaxLength(200, TEXT(200)) time?: string;
}

/** The traceability fields of Circular 02/2024 a vendor fills in. */
export class TraceabilityDto {
  @ApiPropertyOptional() @IsOptional() @IsString(STRING) @MaxLength(TRACE_TEXT_MAX, TEXT(TRACE_TEXT_MAX)) producerAddress?: string;
  @ApiPropertyOptional() @IsOptional() @IsString(STRING) @MaxLength(TRACE_TEXT_MAX, TEXT(TRACE_TEXT_MAX)) brand?: string;
  @ApiPropertyOptional({ example: '24 tháng' }) @IsOptional() @IsString(STRING) @MaxLength(TRACE_TEXT_MAX, TEXT(TRACE_TEXT_MAX)) shelfLife?: string;
  @ApiPropertyOptional({ example: 'TCVN 7452:2004' }) @IsOptional() @IsString(STRING) @MaxLength(TRACE_TEXT_MAX, TEXT(TRACE_TEXT_MAX)) standards?: string;

  @ApiPropertyOptional({ type: [ProductionStageDto] })
  @IsOptional()
  @IsArray(ruleOptions(MESSAGES.stages))
  @ArrayMaxSize(MAX_STAGES, ruleOptions(MESSAGES.stages))
  @ValidateNested({ each: true })
  @Type(() => ProductionStageDto)
  productionStages?: ProductionStageDto[];
}

class ProductFieldsDto {
  @ApiPropertyOptional({ type: DescriptionDto })
  @IsOptional()
  @IsObject({ message: 'must be an object with one text per language (vi, en, de, id)' })
  @ValidateNested()
  @Type(() => DescriptionDto)
  description?: DescriptionDto;

  @ApiPropertyOptional({ nullable: true, example: 800 })
  @IsOptional()
  @IsInt(ruleOptions(MESSAGES.weightGrams))
  @Min(1, ruleOptions(MESSAGES.weightGrams))
  @Max(MAX_WEIGHT_GRAMS, ruleOptions(MESSAGES.weightGrams))
  weightGrams?: number | null;

  @ApiPropertyOptional({ nullable: true, example: '8938000000015', description: 'GTIN-8/12/13/14 with a valid check digit' })
  @IsOptional()
  @IsString(STRING)
  @IsGtin()
  gtin?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['https://cdn.example.vn/binh-gom.jpg'], description: 'http(s) URLs or /media/… paths of uploaded images' })
  @IsOptional()
  @IsArray(ruleOptions(MESSAGES.images))
  @ArrayMaxSize(MAX_IMAGES, ruleOptions(MESSAGES.images))
  @IsImageAddress()
  images?: string[];

  @ApiPropertyOptional({ description: "defaults to the vendor's village" })
  @IsOptional()
  @IsUUID('all', ruleOptions(MESSAGES.villageId))
  villageId?: string;

  @ApiPropertyOptional() @IsOptional() @IsBoolean(ruleOptions(MESSAGES.exportEligible)) exportEligible?: boolean;

  @ApiPropertyOptional({ type: TraceabilityDto })
  @IsOptional()
  @IsObject({ message: 'must be an object' })
  @ValidateNested()
  @Type(() => TraceabilityDto)
  traceability?: TraceabilityDto;
}

/** `POST /api/vendor/products`. */
export class CreateProductDto extends ProductFieldsDto {
  @ApiProperty({ description: "id of one of the vendor's own OCOP certificates, which the product is sold under; 404 (field certificateId) for any other" })
  @IsUUID('all', ruleOptions(MESSAGES.certificateId))
  certificateId: string;

  @ApiProperty({ type: TitleDto })
  @IsObject({ message: 'must be an object with one text per language (vi, en, de, id)' })
  @ValidateNested()
  @Type(() => TitleDto)
  title: TitleDto;

  @ApiProperty({ enum: PRODUCT_GROUPS_FOR_SALE })
  @IsIn(PRODUCT_GROUPS_FOR_SALE as unknown as string[], ruleOptions(MESSAGES.productGroup))
  productGroup: SaleProductGroup;

  @ApiProperty({ example: 350000, description: 'integer VND' })
  @IsInt(ruleOptions(MESSAGES.priceVnd))
  @Min(1, ruleOptions(MESSAGES.priceVnd))
  @Max(MAX_PRICE_VND, ruleOptions(MESSAGES.priceVnd))
  priceVnd: number;

  @ApiProperty({ example: 20 })
  @IsInt(ruleOptions(MESSAGES.stock))
  @Min(0, ruleOptions(MESSAGES.stock))
  @Max(MAX_STOCK, ruleOptions(MESSAGES.stock))
  stock: number;
}

/** `PATCH /api/vendor/products/:id`: any of the fields. */
export class UpdateProductDto extends ProductFieldsDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', ruleOptions(MESSAGES.certificateId)) certificateId?: string;

  @ApiPropertyOptional({ type: TitlePatchDto })
  @IsOptional()
  @IsObject({ message: 'must be an object with one text per language (vi, en, de, id)' })
  @ValidateNested()
  @Type(() => TitlePatchDto)
  title?: TitlePatchDto;

  @ApiPropertyOptional({ enum: PRODUCT_GROUPS_FOR_SALE })
  @IsOptional()
  @IsIn(PRODUCT_GROUPS_FOR_SALE as unknown as string[], ruleOptions(MESSAGES.productGroup))
  productGroup?: SaleProductGroup;

  @ApiPropertyOptional() @IsOptional() @IsInt(ruleOptions(MESSAGES.priceVnd)) @Min(1, ruleOptions(MESSAGES.priceVnd)) @Max(MAX_PRICE_VND, ruleOptions(MESSAGES.priceVnd)) priceVnd?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt(ruleOptions(MESSAGES.stock)) @Min(0, ruleOptions(MESSAGES.stock)) @Max(MAX_STOCK, ruleOptions(MESSAGES.stock)) stock?: number;
}
