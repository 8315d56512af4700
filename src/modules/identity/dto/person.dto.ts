import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { IinField, PERSON_NAME, PersonNameField, squeezeSpaces } from '../../../common/validation/person-fields';
import { IsCalendarDate, IsKzPhone } from '../../../common/validation/kz.validators';
import {
  EDUCATION_STATUSES,
  EducationStatus,
  Gender,
  GENDERS,
  SOCIAL_CATEGORIES,
  SocialCategory,
} from '../entities/person.entity';

const trim = squeezeSpaces;
const NAME = PERSON_NAME;

export class PersonDto {
  @IinField()
  iin: string;

  @PersonNameField()
  lastName: string;

  @PersonNameField()
  firstName: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  @Matches(NAME)
  middleName?: string;

  @ApiProperty({ example: '1990-01-01', description: 'must agree with the IIN' })
  @IsCalendarDate()
  birthDate: string;

  @ApiProperty({ enum: GENDERS })
  @IsIn(GENDERS)
  gender: Gender;

  @ApiProperty({ example: '+7 701 234 56 78', description: 'Kazakhstan number; stored as E.164' })
  @IsKzPhone()
  phone: string;

  @ApiProperty({ enum: SOCIAL_CATEGORIES, isArray: true })
  @IsArray()
  @ArrayMaxSize(SOCIAL_CATEGORIES.length)
  @ArrayUnique()
  @IsIn(SOCIAL_CATEGORIES, { each: true })
  socialCategories: SocialCategory[];

  @ApiProperty({ enum: EDUCATION_STATUSES })
  @IsIn(EDUCATION_STATUSES)
  educationStatus: EducationStatus;

  @ApiProperty()
  @IsBoolean()
  hasDisability: boolean;

  @ApiPropertyOptional({ maxLength: 200, description: 'job title, printed next to the name on documents' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  position?: string;
}

export class UpdateMeDto {
  @ApiProperty({ enum: ['kk', 'ru'], description: 'language of e-mails and documents' })
  @IsIn(['kk', 'ru'])
  locale: 'kk' | 'ru';
}
