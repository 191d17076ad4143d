import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class RegisterDto {
  @ApiProperty({ example: 'lan@example.vn' })
  @IsEmail({}, { message: 'must be a valid e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Gốm-Bát-Tràng-2025', description: 'at least 10 characters with letters and digits' })
  @IsString({ message: 'must be a string' })
  password: string;

  @ApiProperty({ example: 'Nguyễn Thị Lan' })
  @IsString({ message: 'must be a string' })
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(120)
  name: string;
}

export class LoginDto {
  @ApiProperty({ example: 'shopper@demo.ocop.vn' })
  @IsString({ message: 'must be a string' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Demo-Shopper-2025' })
  @IsString({ message: 'must be a string' })
  @MaxLength(200)
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty({ example: 'Demo-Shopper-2025' })
  @IsString({ message: 'must be a string' })
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ example: 'Nón-Lá-Chuông-2026', description: 'at least 10 characters with letters and digits' })
  @IsString({ message: 'must be a string' })
  @MaxLength(200)
  newPassword: string;
}

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'lan@example.vn' })
  @IsEmail({}, { message: 'must be a valid e-mail address' })
  @MaxLength(254)
  email: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty({ description: 'the token from the e-mailed link (`…/password-reset/<token>`)' })
  @IsString({ message: 'must be a string' })
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  token: string;

  @ApiProperty({ example: 'Nón-Lá-Chuông-2026', description: 'at least 10 characters with letters and digits' })
  @IsString({ message: 'must be a string' })
  @MaxLength(200)
  newPassword: string;
}

export class PasswordChangedDto {
  @ApiProperty({ description: 'how many other sessions of the account were ended' }) endedSessions: number;
}

export class MessageDto {
  @ApiProperty() message: string;
}

export class RegisteredDto {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
}

export class TokenDto {
  @ApiProperty({ description: 'send as `Authorization: Bearer <token>`' }) accessToken: string;
  @ApiProperty() expiresAt: string;
}

export class MeDto {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ isArray: true, enum: ['shopper', 'vendor', 'admin'] }) roles: string[];
  @ApiProperty({ required: false, nullable: true }) vendorId?: string | null;
}
