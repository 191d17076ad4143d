import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsISO8601, IsNumber, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';

const STRING = { message: 'must be a string' };
const NOT_EMPTY = { message: 'must not be empty' };

/** A text per language; a language left out has no text. */
export class LocalizedTextDto {
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Vietnamese' }) @IsOptional() @IsString(STRING) @MaxLength(20000) vi?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'English' }) @IsOptional() @IsString(STRING) @MaxLength(20000) en?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'German' }) @IsOptional() @IsString(STRING) @MaxLength(20000) de?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Indonesian' }) @IsOptional() @IsString(STRING) @MaxLength(20000) id?: string | null;
}

export class CreateVillageDto {
  @ApiProperty({ example: 'Bát Tràng' })
  @IsString(STRING)
  @MinLength(1, NOT_EMPTY)
  @MaxLength(120)
  name: string;

  @ApiProperty({ example: 'Hà Nội' })
  @IsString(STRING)
  @MinLength(1, NOT_EMPTY)
  @MaxLength(80)
  province: string;

  @ApiProperty({ example: 'gốm sứ' })
  @IsString(STRING)
  @MinLength(1, NOT_EMPTY)
  @MaxLength(120)
  craft: string;

  @ApiPropertyOptional({ type: LocalizedTextDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocalizedTextDto)
  story?: LocalizedTextDto;

  @ApiPropertyOptional({ type: [String], example: ['World Craft Cities: World Craft Village for Ceramics (2025)'] })
  @IsOptional()
  @IsArray({ message: 'must be a list of strings' })
  @ArrayMaxSize(20)
  @IsString({ each: true, message: 'must hold strings' })
  networks?: string[];

  @ApiPropertyOptional({ type: [String], description: 'http(s) addresses or site paths' })
  @IsOptional()
  @IsArray({ message: 'must be a list of strings' })
  @ArrayMaxSize(30)
  @IsString({ each: true, message: 'must hold strings' })
  photos?: string[];

  @ApiPropertyOptional({ type: Number, nullable: true, example: 20.975 })
  @IsOptional()
  @IsNumber({}, { message: 'must be a number' })
  @Min(-90)
  @Max(90)
  latitude?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 105.912 })
  @IsOptional()
  @IsNumber({}, { message: 'must be a number' })
  @Min(-180)
  @Max(180)
  longitude?: number | null;
}

/** Any field of a village; story languages are merged, an empty text removes one. */
export class UpdateVillageDto {
  @ApiPropertyOptional() @IsOptional() @IsString(STRING) @MinLength(1, NOT_EMPTY) @MaxLength(120) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString(STRING) @MinLength(1, NOT_EMPTY) @MaxLength(80) province?: string;
  @ApiPropertyOptional() @IsOptional() @IsString(STRING) @MinLength(1, NOT_EMPTY) @MaxLength(120) craft?: string;

  @ApiPropertyOptional({ type: LocalizedTextDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocalizedTextDto)
  story?: LocalizedTextDto;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray({ message: 'must be a list of strings' })
  @ArrayMaxSize(20)
  @IsString({ each: true, message: 'must hold strings' })
  networks?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray({ message: 'must be a list of strings' })
  @ArrayMaxSize(30)
  @IsString({ each: true, message: 'must hold strings' })
  photos?: string[];

  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsNumber({}, { message: 'must be a number' }) @Min(-90) @Max(90) latitude?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsNumber({}, { message: 'must be a number' }) @Min(-180) @Max(180) longitude?: number | null;
}

export class FeaturedVillageDto {
  @ApiProperty({ description: 'false clears rank and window' })
  @IsBoolean({ message: 'must be true or false' })
  featured: boolean;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, description: '1 is shown first; unranked villages follow the ranked ones' })
  @IsOptional()
  @IsInt({ message: 'must be an integer of at least 1' })
  @Min(1, { message: 'must be an integer of at least 1' })
  rank?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-01-01T00:00:00Z', description: 'featured from (inclusive)' })
  @IsOptional()
  @IsISO8601({}, { message: 'must be an ISO-8601 date or date-time' })
  from?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-02-01T00:00:00Z', description: 'featured until (exclusive); after from' })
  @IsOptional()
  @IsISO8601({}, { message: 'must be an ISO-8601 date or date-time' })
  until?: string | null;
}

export class CreatedVillageDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'bat-trang' }) slug: string;
}

export class PublicVillageDto {
  @ApiProperty() id: string;
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
  @ApiProperty() province: string;
  @ApiProperty() craft: string;
  @ApiProperty({ type: LocalizedTextDto }) story: LocalizedTextDto;
  @ApiProperty({ type: [String] }) networks: string[];
  @ApiProperty({ type: [String] }) photos: string[];
  @ApiProperty({ nullable: true, type: Number }) latitude: number | null;
  @ApiProperty({ nullable: true, type: Number }) longitude: number | null;
  @ApiProperty({ description: 'featured right now' }) featured: boolean;
}

export class PublicVillageDetailDto extends PublicVillageDto {
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'the sellable products of the village' }) products: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'visits and workshops to book in the village' }) experiences: unknown[];
}

export class AdminVillageDto {
  @ApiProperty() id: string;
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
  @ApiProperty() province: string;
  @ApiProperty() craft: string;
  @ApiProperty({ type: LocalizedTextDto }) story: LocalizedTextDto;
  @ApiProperty({ type: [String] }) networks: string[];
  @ApiProperty({ type: [String] }) photos: string[];
  @ApiProperty({ nullable: true, type: Number }) latitude: number | null;
  @ApiProperty({ nullable: true, type: Number }) longitude: number | null;
  @ApiProperty({ description: 'the featured flag as set (see featuredNow for the window)' }) featured: boolean;
  @ApiProperty({ nullable: true, type: Number }) featuredRank: number | null;
  @ApiProperty({ nullable: true, type: String }) featuredFrom: string | null;
  @ApiProperty({ nullable: true, type: String }) featuredUntil: string | null;
  @ApiProperty({ description: 'featured and inside its window right now' }) featuredNow: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class VillageListDto {
  @ApiProperty({ type: [PublicVillageDto] }) items: PublicVillageDto[];
}

export class AdminVillageListDto {
  @ApiProperty({ type: [AdminVillageDto] }) items: AdminVillageDto[];
}
