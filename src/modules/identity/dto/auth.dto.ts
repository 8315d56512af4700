import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { CodedCheck } from '../../../common/validation/coded-constraint';
import { passwordProblem, PASSWORD_MAX_LENGTH } from '../domain/password-policy';

const normalizeEmail = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;
const PasswordPolicy = () => CodedCheck((v) => (typeof v === 'string' ? passwordProblem(v) : 'NOT_STRING'));

export class RegisterDto {
  @ApiProperty({ example: 'aigerim@example.kz', maxLength: 254 })
  @Transform(normalizeEmail)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({
    minLength: 8,
    maxLength: PASSWORD_MAX_LENGTH,
    description: '8–128 characters; common passwords are refused',
  })
  @PasswordPolicy()
  password: string;

  @ApiProperty({ enum: ['kk', 'ru'] })
  @IsIn(['kk', 'ru'])
  locale: 'kk' | 'ru';
}

export class LoginDto {
  @ApiProperty()
  @Transform(normalizeEmail)
  @IsString()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH * 4)
  password: string;
}

export class TokenDto {
  @ApiProperty()
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  token: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  refreshToken: string;
}

export class LogoutDto {
  @ApiPropertyOptional({ description: 'Ends this session; without it every session of the account ends' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  refreshToken?: string;
}

export class PasswordResetRequestDto {
  @ApiProperty()
  @Transform(normalizeEmail)
  @IsEmail()
  @MaxLength(254)
  email: string;
}

export class SignInLinkRequestDto {
  @ApiProperty()
  @Transform(normalizeEmail)
  @IsEmail()
  @MaxLength(254)
  email: string;
}

export class VerificationResendDto {
  @ApiProperty()
  @Transform(normalizeEmail)
  @IsEmail()
  @MaxLength(254)
  email: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty()
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  token: string;

  @ApiProperty({ minLength: 8, maxLength: PASSWORD_MAX_LENGTH })
  @PasswordPolicy()
  password: string;
}

export class TokenPairDto {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ description: 'seconds until the access token expires' }) expiresIn: number;
}

export class AcceptedDto {
  @ApiProperty({ example: 'accepted' }) status: string;
  @ApiProperty() message: string;
}
