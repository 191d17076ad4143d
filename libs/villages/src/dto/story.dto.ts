import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { LocalizedTextDto } from './village.dto';

/** A story to publish (admin) or to submit for review (vendor). */
export class CreateStoryDto {
  @ApiPropertyOptional({ enum: ['village', 'artisan'], default: 'village' })
  @IsOptional()
  @IsIn(['village', 'artisan'], { message: 'must be village or artisan' })
  kind?: 'village' | 'artisan';

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  villageId: string;

  @ApiProperty({ type: LocalizedTextDto, description: 'the title per language; at least one' })
  @ValidateNested()
  @Type(() => LocalizedTextDto)
  title: LocalizedTextDto;

  @ApiProperty({ type: LocalizedTextDto, description: 'Markdown per language; at least one' })
  @ValidateNested()
  @Type(() => LocalizedTextDto)
  body: LocalizedTextDto;

  @ApiPropertyOptional({ type: [String], description: 'http(s) addresses or site paths' })
  @IsOptional()
  @IsArray({ message: 'must be a list of strings' })
  @ArrayMaxSize(12)
  @IsString({ each: true, message: 'must hold strings' })
  photos?: string[];

  @ApiPropertyOptional({ type: [String], description: 'ids of the products the story tells about' })
  @IsOptional()
  @IsArray({ message: 'must be a list of product ids' })
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'must hold product ids' })
  productIds?: string[];
}

/** An admin's review of a submitted story; a rejection needs a note for the vendor. */
export class ReviewStoryDto {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(500)
  note?: string;
}
