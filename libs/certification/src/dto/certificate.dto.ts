import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID } from 'class-validator';
import { Rules, ruleOptions, ValidateRule, type RuleMessage } from '@ocop/core';
import { PRODUCT_GROUPS } from '../certificate.entity';
import { CERTIFICATE_LEVELS, CERTIFICATE_RULES, CERTIFICATE_STARS, EFFECTIVE_STATUSES, INSPECTION_RESULTS, isCalendarDate, textProblem } from '../certificate.rules';

const STRING = ruleOptions(Rules.isString());

/** A text of 1..max characters after trimming, reported with one message (put @IsOptional() before it when optional). */
function Text(max: number): PropertyDecorator {
  return ValidateRule('text', (value) => textProblem(value, max, true));
}

/** A real calendar date written YYYY-MM-DD (whether it may lie in the future is the rules' business). */
function CalendarDate(): PropertyDecorator {
  return ValidateRule('calendarDate', (value) => (isCalendarDate(value) ? null : Rules.date()));
}

/** A whole number in [min, max] (query strings are converted by @Type), reported with one message. */
function IntRange(min: number, max: number): PropertyDecorator {
  return ValidateRule('intRange', (v) => (Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? null : Rules.betweenInt(min, max)));
}

/** Like Text, but an empty string is allowed (it clears an optional field). */
function OptionalText(max: number): PropertyDecorator {
  return ValidateRule('optionalText', (value): RuleMessage | null => (typeof value !== 'string' ? Rules.isString() : value.trim().length > max ? Rules.maxLength(max) : null));
}
const oneOf = (xs: readonly unknown[]) => ruleOptions(Rules.oneOf(xs));
const STARS = ruleOptions(CERTIFICATE_RULES.stars);
const DATE_DOC = 'YYYY-MM-DD';
const EXPIRY_DOC = 'YYYY-MM-DD (00:00 Asia/Ho_Chi_Minh at the start of that day) or an ISO-8601 date-time with its zone; defaults to 00:00 Vietnam time on the same date 36 months after decisionDate';

export class CreateCertificateDto {
  @ApiProperty({ example: '1032/QĐ-UBND', maxLength: 100 }) @Text(100) decisionNo: string;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100 }) @IsOptional() @OptionalText(100) certificateNo?: string | null;
  @ApiProperty({ example: '2025-03-01', description: `the day the decision was signed, ${DATE_DOC}` }) @CalendarDate() decisionDate: string;
  @ApiProperty({ example: 'UBND thành phố Hà Nội', maxLength: 200 }) @Text(200) issuingBody: string;
  @ApiProperty({ enum: CERTIFICATE_LEVELS }) @IsIn(CERTIFICATE_LEVELS as string[], oneOf(CERTIFICATE_LEVELS)) level: string;
  @ApiProperty({ description: 'the vendor (OCOP entity) holding the certificate' }) @Text(36) vendorId: string;
  @ApiProperty({ example: 'Bình gốm men lam Bát Tràng', maxLength: 200 }) @Text(200) productName: string;
  @ApiProperty({ enum: PRODUCT_GROUPS }) @IsIn(PRODUCT_GROUPS as string[], oneOf(PRODUCT_GROUPS)) productGroup: string;
  @ApiProperty({ enum: CERTIFICATE_STARS }) @IsIn(CERTIFICATE_STARS as number[], STARS) stars: number;
  @ApiPropertyOptional({ description: EXPIRY_DOC }) @IsOptional() @IsString(STRING) expiresAt?: string;
}

/** Any registry field of an active certificate. */
export class UpdateCertificateDto {
  @ApiPropertyOptional() @IsOptional() @Text(100) decisionNo?: string;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100 }) @IsOptional() @OptionalText(100) certificateNo?: string | null;
  @ApiPropertyOptional({ description: DATE_DOC }) @IsOptional() @CalendarDate() decisionDate?: string;
  @ApiPropertyOptional() @IsOptional() @Text(200) issuingBody?: string;
  @ApiPropertyOptional({ enum: CERTIFICATE_LEVELS }) @IsOptional() @IsIn(CERTIFICATE_LEVELS as string[], oneOf(CERTIFICATE_LEVELS)) level?: string;
  @ApiPropertyOptional() @IsOptional() @Text(200) productName?: string;
  @ApiPropertyOptional({ enum: PRODUCT_GROUPS }) @IsOptional() @IsIn(PRODUCT_GROUPS as string[], oneOf(PRODUCT_GROUPS)) productGroup?: string;
  @ApiPropertyOptional({ enum: CERTIFICATE_STARS }) @IsOptional() @IsIn(CERTIFICATE_STARS as number[], STARS) stars?: number;
  @ApiPropertyOptional({ description: EXPIRY_DOC }) @IsOptional() @IsString(STRING) expiresAt?: string;
}

export class RevokeCertificateDto {
  @ApiProperty({ example: 'Failed post-inspection on 2026-05-30 by Sở NN&PTNT Hà Nội', maxLength: 500 }) @Text(500) reason: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'the number of the revoking decision', maxLength: 100 }) @IsOptional() @OptionalText(100) decisionNo?: string | null;
}

export class RenewCertificateDto {
  @ApiProperty({ example: '2361/QĐ-UBND' }) @Text(100) decisionNo: string;
  @ApiProperty({ example: '2026-05-20', description: DATE_DOC }) @CalendarDate() decisionDate: string;
  @ApiProperty({ enum: CERTIFICATE_STARS, description: 'may differ from the old certificate (re-evaluation)' }) @IsIn(CERTIFICATE_STARS as number[], STARS) stars: number;
  @ApiPropertyOptional({ description: EXPIRY_DOC }) @IsOptional() @IsString(STRING) expiresAt?: string;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100 }) @IsOptional() @OptionalText(100) certificateNo?: string | null;
  @ApiPropertyOptional({ enum: CERTIFICATE_LEVELS, description: "defaults to the old certificate's" }) @IsOptional() @IsIn(CERTIFICATE_LEVELS as string[], oneOf(CERTIFICATE_LEVELS)) level?: string;
  @ApiPropertyOptional({ description: "defaults to the old certificate's" }) @IsOptional() @Text(200) issuingBody?: string;
}

export class ListCertificatesQueryDto {
  @ApiPropertyOptional({ enum: EFFECTIVE_STATUSES, description: '`expired` = active and past expiresAt' })
  @IsOptional()
  @IsIn(EFFECTIVE_STATUSES as string[], oneOf(EFFECTIVE_STATUSES))
  status?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'must be a UUID' }) vendorId?: string;
  @ApiPropertyOptional({ description: 'part of the decision number, certificate number or product name' }) @IsOptional() @OptionalText(200) q?: string;
  @ApiPropertyOptional({ description: 'active certificates lapsing within this many days, soonest first' })
  @IsOptional()
  @Type(() => Number)
  @IntRange(1, 3650)
  expiringWithinDays?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IntRange(1, 100000) page?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IntRange(1, 200) limit?: number;
}

export class ImportQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: report what would change and write nothing' })
  @IsOptional()
  @IsIn(['true', 'false', '1', '0'], { message: 'must be true or false' })
  dryRun?: string;
}

export class RecordInspectionDto {
  @ApiProperty({ example: '2026-05-30', description: DATE_DOC }) @CalendarDate() inspectedOn: string;
  @ApiProperty({ example: 'Sở Nông nghiệp và Môi trường Hà Nội', description: 'the inspecting body' }) @Text(200) body: string;
  @ApiProperty({ enum: INSPECTION_RESULTS }) @IsIn(INSPECTION_RESULTS as unknown as string[], oneOf(INSPECTION_RESULTS)) result: string;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 }) @IsOptional() @OptionalText(2000) notes?: string | null;
}

export class ListInspectionsQueryDto {
  @ApiPropertyOptional({ enum: INSPECTION_RESULTS }) @IsOptional() @IsIn(INSPECTION_RESULTS as unknown as string[], oneOf(INSPECTION_RESULTS)) result?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'must be a UUID' }) certificateId?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IntRange(1, 100000) page?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IntRange(1, 200) limit?: number;
}

export class VendorRefDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() slug: string;
}

export class CertificateDto {
  @ApiProperty() id: string;
  @ApiProperty() decisionNo: string;
  @ApiProperty({ nullable: true, type: String }) certificateNo: string | null;
  @ApiProperty({ description: DATE_DOC }) decisionDate: string;
  @ApiProperty() issuingBody: string;
  @ApiProperty({ enum: CERTIFICATE_LEVELS }) level: string;
  @ApiProperty() vendorId: string;
  @ApiProperty() productName: string;
  @ApiProperty({ enum: PRODUCT_GROUPS }) productGroup: string;
  @ApiProperty({ enum: CERTIFICATE_STARS }) stars: number;
  @ApiProperty({ nullable: true, type: Number }) score: number | null;
  @ApiProperty({ description: 'the instant it stops being valid (ISO-8601 UTC)' }) expiresAt: string;
  @ApiProperty({ description: 'the last day (Vietnam time) it is valid', example: '2028-02-29' }) validThrough: string;
  @ApiProperty({ description: 'whole days until expiresAt, 0 once past' }) daysUntilExpiry: number;
  @ApiProperty({ enum: EFFECTIVE_STATUSES, description: 'derived: an active certificate past expiresAt is `expired`' }) status: string;
  @ApiProperty({ nullable: true, type: String }) revokedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) revokeReason: string | null;
  @ApiProperty({ nullable: true, type: String }) revokedByDecisionNo: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the certificate this one renews' }) supersedesId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the certificate that renewed this one' }) supersededById: string | null;
  @ApiProperty({ nullable: true, type: String }) expiryProcessedAt: string | null;
  @ApiPropertyOptional({ type: VendorRefDto, nullable: true }) vendor?: VendorRefDto | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class CertificateListDto {
  @ApiProperty({ type: [CertificateDto] }) items: CertificateDto[];
  @ApiProperty() total: number;
}

export class OwnCertificateListDto {
  @ApiProperty({ type: [CertificateDto] }) items: CertificateDto[];
}

export class FieldErrorDto {
  @ApiProperty() field: string;
  @ApiProperty() message: string;
}

export class ImportRejectionDto {
  @ApiProperty({ description: 'line number in the file; the header is row 1' }) row: number;
  @ApiProperty({ type: [FieldErrorDto] }) errors: FieldErrorDto[];
}

export class ImportResultDto {
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() unchanged: number;
  @ApiProperty({ description: 'active certificates the file marks revoked' }) revoked: number;
  @ApiProperty({ type: [ImportRejectionDto] }) rejected: ImportRejectionDto[];
}

export class InspectionCertificateDto {
  @ApiProperty() id: string;
  @ApiProperty() decisionNo: string;
  @ApiProperty() productName: string;
  @ApiProperty() vendorId: string;
  @ApiProperty() stars: number;
  @ApiProperty({ enum: EFFECTIVE_STATUSES }) status: string;
}

export class InspectionDto {
  @ApiProperty() id: string;
  @ApiProperty() certificateId: string;
  @ApiProperty({ description: DATE_DOC }) inspectedOn: string;
  @ApiProperty() body: string;
  @ApiProperty({ enum: INSPECTION_RESULTS }) result: string;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ nullable: true, type: String }) recordedBy: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: InspectionCertificateDto, nullable: true }) certificate: InspectionCertificateDto | null;
}

export class InspectionListDto {
  @ApiProperty({ type: [InspectionDto] }) items: InspectionDto[];
  @ApiProperty() total: number;
}
