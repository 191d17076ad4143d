import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Rules, ruleOptions, ValidateRule } from '@ocop/core';
import {
  DESCRIPTION_MAX,
  EXPERIENCE_KINDS,
  INCLUDED_MAX,
  isImageAddress,
  isLanguageList,
  localizedText,
  MAX_DURATION_MINUTES,
  MAX_FREE_CANCELLATION_HOURS,
  MAX_GROUP_SIZE,
  MAX_IMAGES,
  MAX_PRICE_PER_PERSON_VND,
  MAX_SLOT_CAPACITY,
  MEETING_POINT_MAX,
  MESSAGES,
  MIN_DURATION_MINUTES,
  TITLE_MAX,
  type LocalizedText,
} from '../experience.rules';

const INT = (min: number, max: number) => ruleOptions(Rules.betweenInt(min, max));
const IsLocalizedText = (max: number, viRequired: boolean) =>
  ValidateRule('isLocalizedText', (v) => {
    const t = localizedText(v, max);
    if (!t) return MESSAGES.localizedText(max);
    return viRequired && !t.vi ? MESSAGES.titleViMissing : null;
  });
const IsLanguageList = () => ValidateRule('isLanguageList', (v) => (isLanguageList(v) ? null : MESSAGES.language));
const IsImageAddress = () => ValidateRule('isImageAddress', (v) => (isImageAddress(v) ? null : MESSAGES.image), { each: true });

const LOCALIZED = { oneOf: [{ type: 'string' }, { type: 'object', properties: { vi: { type: 'string' }, en: { type: 'string' }, de: { type: 'string' }, id: { type: 'string' } } }] };

/** A new experience (a draft until published); `villageId` defaults to the vendor's village. */
export class CreateExperienceDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4', ruleOptions(Rules.unknownChoice('village')))
  villageId?: string;

  @ApiProperty({ ...LOCALIZED, example: { vi: 'Lớp làm gốm Bát Tràng', en: 'Bát Tràng pottery class' }, description: 'a string is the Vietnamese title' })
  @IsLocalizedText(TITLE_MAX, true)
  title: string | LocalizedText;

  @ApiPropertyOptional({ ...LOCALIZED })
  @IsOptional()
  @IsLocalizedText(DESCRIPTION_MAX, false)
  description?: string | LocalizedText;

  @ApiPropertyOptional({ ...LOCALIZED, description: 'what the price includes (firing and shipping the piece you made…)' })
  @IsOptional()
  @IsLocalizedText(INCLUDED_MAX, false)
  included?: string | LocalizedText;

  @ApiPropertyOptional({ enum: EXPERIENCE_KINDS })
  @IsOptional()
  @IsIn(EXPERIENCE_KINDS, ruleOptions(Rules.oneOf(EXPERIENCE_KINDS)))
  kind?: (typeof EXPERIENCE_KINDS)[number];

  @ApiProperty({ example: 120 })
  @IsInt(INT(MIN_DURATION_MINUTES, MAX_DURATION_MINUTES))
  @Min(MIN_DURATION_MINUTES, INT(MIN_DURATION_MINUTES, MAX_DURATION_MINUTES))
  @Max(MAX_DURATION_MINUTES, INT(MIN_DURATION_MINUTES, MAX_DURATION_MINUTES))
  durationMinutes: number;

  @ApiProperty({ example: 250000 })
  @IsInt(INT(0, MAX_PRICE_PER_PERSON_VND))
  @Min(0, INT(0, MAX_PRICE_PER_PERSON_VND))
  @Max(MAX_PRICE_PER_PERSON_VND, INT(0, MAX_PRICE_PER_PERSON_VND))
  pricePerPersonVnd: number;

  @ApiProperty({ example: ['vi', 'en'] })
  @IsLanguageList()
  languages: string[];

  @ApiPropertyOptional({ example: 'Xưởng gốm, 12 Xóm 3, Bát Tràng, Gia Lâm, Hà Nội' })
  @IsOptional()
  @IsString(ruleOptions(Rules.isString()))
  @MinLength(1, ruleOptions(Rules.required()))
  @MaxLength(MEETING_POINT_MAX, ruleOptions(Rules.textMaxLength(MEETING_POINT_MAX)))
  meetingPoint?: string;

  @ApiPropertyOptional({ example: 1 })
  @IsOptional()
  @IsInt(INT(1, MAX_GROUP_SIZE))
  @Min(1, INT(1, MAX_GROUP_SIZE))
  @Max(MAX_GROUP_SIZE, INT(1, MAX_GROUP_SIZE))
  minGroupSize?: number;

  @ApiProperty({ example: 8 })
  @IsInt(INT(1, MAX_GROUP_SIZE))
  @Min(1, INT(1, MAX_GROUP_SIZE))
  @Max(MAX_GROUP_SIZE, INT(1, MAX_GROUP_SIZE))
  maxGroupSize: number;

  @ApiPropertyOptional({ example: 48, description: 'a booking cancelled at least this many hours before the start is refunded in full; later, not at all' })
  @IsOptional()
  @IsInt(INT(0, MAX_FREE_CANCELLATION_HOURS))
  @Min(0, INT(0, MAX_FREE_CANCELLATION_HOURS))
  @Max(MAX_FREE_CANCELLATION_HOURS, INT(0, MAX_FREE_CANCELLATION_HOURS))
  freeCancellationHours?: number;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray(ruleOptions(MESSAGES.image))
  @ArrayMaxSize(MAX_IMAGES, ruleOptions(MESSAGES.image))
  @IsImageAddress()
  images?: string[];
}

/** The fields a vendor may change on an experience (any of them; `villageId` stays). */
export class UpdateExperienceDto extends PartialType(OmitType(CreateExperienceDto, ['villageId'] as const)) {}

/** A date and time the experience runs, with its seats. */
export class CreateSlotDto {
  @ApiProperty({ example: '2026-07-04T02:00:00Z', description: 'ISO-8601 with its time zone' })
  @IsISO8601({ strict: true }, ruleOptions(Rules.isoDate()))
  startsAt: string;

  @ApiProperty({ example: 10 })
  @IsInt(INT(1, MAX_SLOT_CAPACITY))
  @Min(1, INT(1, MAX_SLOT_CAPACITY))
  @Max(MAX_SLOT_CAPACITY, INT(1, MAX_SLOT_CAPACITY))
  capacity: number;
}

export const BOOKING_PAYMENT_METHODS = ['sandbox', 'stripe', 'vietqr'] as const;

/** A shopper books seats on a slot. */
export class CreateBookingDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4', ruleOptions(Rules.unknownChoice('slot')))
  slotId: string;

  @ApiProperty({ example: 2 })
  @IsInt(INT(1, MAX_GROUP_SIZE))
  @Min(1, INT(1, MAX_GROUP_SIZE))
  @Max(MAX_GROUP_SIZE, INT(1, MAX_GROUP_SIZE))
  people: number;

  @ApiPropertyOptional({ enum: BOOKING_PAYMENT_METHODS, description: 'the first enabled one when left out' })
  @IsOptional()
  @IsIn(BOOKING_PAYMENT_METHODS, ruleOptions(Rules.oneOf(BOOKING_PAYMENT_METHODS)))
  paymentMethod?: (typeof BOOKING_PAYMENT_METHODS)[number];
}

/** A shopper puts a party on a date into the cart (seats are taken at checkout). */
export class AddCartBookingDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4', ruleOptions(Rules.unknownChoice('slot')))
  slotId: string;

  @ApiProperty({ example: 2 })
  @IsInt(INT(1, MAX_GROUP_SIZE))
  @Min(1, INT(1, MAX_GROUP_SIZE))
  @Max(MAX_GROUP_SIZE, INT(1, MAX_GROUP_SIZE))
  people: number;
}
