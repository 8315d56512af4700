import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { IsBin, IsCalendarDate } from '../../../common/validation/kz.validators';
import { ORGANIZATION_KINDS, OrganizationKind } from '../entities/organization.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : value);

export class CreateOrganizationDto {
  @ApiProperty({ example: '150540012345', description: '12 digits, check digit as for the IIN' })
  @Transform(trim)
  @IsBin()
  bin: string;

  @ApiProperty({ maxLength: 300 })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  name: string;

  @ApiProperty({ enum: ORGANIZATION_KINDS })
  @IsIn(ORGANIZATION_KINDS)
  kind: OrganizationKind;

  @ApiProperty({ example: 'ZHT', description: 'a region or a city of republican significance' })
  @Matches(/^[A-Z0-9-]{2,20}$/)
  regionCode: string;

  @ApiProperty({ example: '2015-05-20' })
  @IsCalendarDate()
  registeredOn: string;

  @ApiPropertyOptional({ maxLength: 500, description: 'legal address, printed on documents' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  address?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  headName?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  accountantName?: string;
}

export class UpdateOrganizationDto {
  @ApiProperty({ description: 'the version you read; a stale one gets 409' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647) // the column is a PostgreSQL integer
  version: number;

  @ApiPropertyOptional({ maxLength: 300 })
  // May be left out, but not set to null: an organization always has a name.
  @ValidateIf((_, value) => value !== undefined)
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  name?: string;

  @ApiPropertyOptional({ maxLength: 500, description: 'legal address, printed on documents' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  address?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  headName?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  accountantName?: string;
}

export class AddRepresentativeDto {
  @ApiProperty({ description: 'e-mail of a registered account' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail()
  @MaxLength(254)
  email: string;
}
