import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsIin } from './kz.validators';

/** Trims and collapses inner whitespace, as people type names and numbers on phones. */
export const squeezeSpaces = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : value;

/** Letters of Kazakh, Russian and Latin alphabets, spaces, hyphens and apostrophes. */
export const PERSON_NAME = /^[\p{L}][\p{L}\p{M}' .-]*$/u;

/** A required last or first name, the same wherever a person is entered. */
export const PersonNameField = () =>
  applyDecorators(
    ApiProperty({ maxLength: 100 }),
    Transform(squeezeSpaces),
    IsString(),
    MinLength(1),
    MaxLength(100),
    Matches(PERSON_NAME),
  );

export const IinField = (description = '12 digits; birth date and sex are derived from it') =>
  applyDecorators(ApiProperty({ example: '900101300017', description }), Transform(squeezeSpaces), IsIin());
