import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Rules, ruleOptions } from '@ocop/core';
import { TAX_CODE, VENDOR_STATUSES, VENDOR_TYPES } from '../vendor.rules';

const STRING = ruleOptions(Rules.isString());
const NOT_EMPTY = ruleOptions(Rules.required());
// `matches` alone could be any pattern: the context tells a page form it is the tax code's.
const TAX_CODE_RULE = ruleOptions(Rules.taxCode());

export class CreateVendorDto {
  @ApiProperty({ example: 'HTX Gốm sứ Bát Tràng' })
  @IsString(STRING)
  @MinLength(1, NOT_EMPTY)
  @MaxLength(150)
  name: string;

  @ApiProperty({ enum: VENDOR_TYPES })
  @IsIn(VENDOR_TYPES as string[], ruleOptions(Rules.oneOf(VENDOR_TYPES)))
  type: 'cooperative' | 'enterprise' | 'household';

  @ApiProperty({ description: 'id of the craft village the vendor works in' })
  @IsString(STRING)
  @MinLength(1, NOT_EMPTY)
  @MaxLength(36)
  villageId: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '0101234567', description: '10 digits, or 10 digits + "-" + 3 digits (branch)' })
  @IsOptional()
  @IsString(STRING)
  @Matches(TAX_CODE, TAX_CODE_RULE)
  taxCode?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Xóm 3, Bát Tràng, Gia Lâm, Hà Nội' })
  @IsOptional()
  @IsString(STRING)
  @MaxLength(300)
  address?: string | null;
}

/** Any of the owner-editable fields; null (or an empty string) clears an optional one. */
export class UpdateVendorProfileDto {
  @ApiPropertyOptional() @IsOptional() @IsString(STRING) @MinLength(1, NOT_EMPTY) @MaxLength(150) name?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString(STRING) @MaxLength(300) address?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString(STRING) @MaxLength(20) taxCode?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString(STRING) @MaxLength(254) contactEmail?: string | null;
}

export class VendorStatusChangeDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Sản phẩm không đúng chất lượng đã công bố', description: 'kept on the vendor and sent to its owner' })
  @IsOptional()
  @IsString(STRING)
  @MaxLength(500)
  reason?: string | null;
}

export class InviteStaffDto {
  @ApiProperty({ example: 'minh@example.vn', description: 'the address the invitation link is mailed to; only the account with this e-mail can accept it' })
  @IsEmail({}, ruleOptions(Rules.isEmail()))
  @MaxLength(254)
  email: string;
}

export class InvitationSentDto {
  @ApiProperty({ example: 'An invitation was sent to minh@example.vn if the address can receive one; nobody joins until they accept it', description: 'the same whatever the address' })
  message: string;
}

export class MembershipDto {
  @ApiProperty() vendorId: string;
  @ApiProperty() vendorName: string;
  @ApiProperty({ enum: ['staff'] }) role: string;
}

export class PendingInvitationDto {
  @ApiProperty({ description: 'for withdrawing it' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() expiresAt: string;
}

export class VendorDto {
  @ApiProperty() id: string;
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: VENDOR_TYPES }) type: string;
  @ApiProperty() villageId: string;
  @ApiProperty({ nullable: true, type: String }) taxCode: string | null;
  @ApiProperty({ nullable: true, type: String }) address: string | null;
  @ApiProperty({ enum: VENDOR_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String, description: 'why it was suspended (or the approval note)' }) statusReason: string | null;
  @ApiProperty({ description: 'basis points; 800 = 8 % (the default)' }) commissionBps: number;
  @ApiProperty({ nullable: true, type: String }) contactEmail: string | null;
  @ApiProperty({ nullable: true, type: String }) approvedAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class VendorMemberDto {
  @ApiProperty() userId: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['owner', 'staff'] }) role: string;
}

export class VendorVillageDto {
  @ApiProperty() id: string;
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
  @ApiProperty() province: string;
}

export class VendorOwnerDto {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
}

export class VendorProfileDto extends VendorDto {
  @ApiProperty({ type: VendorVillageDto, nullable: true }) village: VendorVillageDto | null;
}

export class AdminVendorDto extends VendorProfileDto {
  @ApiProperty({ type: VendorOwnerDto, nullable: true }) owner: VendorOwnerDto | null;
}

export class AdminVendorDetailDto extends AdminVendorDto {
  @ApiProperty({ type: [VendorMemberDto] }) members: VendorMemberDto[];
}

export class VendorListDto {
  @ApiProperty({ type: [AdminVendorDto] }) items: AdminVendorDto[];
}

export class VendorMemberListDto {
  @ApiProperty({ type: [VendorMemberDto] }) items: VendorMemberDto[];
  @ApiPropertyOptional({ type: [PendingInvitationDto], description: "the open invitations, newest first (the owner's answer only)" }) invitations?: PendingInvitationDto[];
}
