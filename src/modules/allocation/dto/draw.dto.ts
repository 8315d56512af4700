import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class PrepareDrawDto {
  @ApiPropertyOptional({ description: 'announced time of the draw (instant with offset)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  announcedAt?: string;
}

export class RunDrawDto {
  @ApiProperty({
    description: 'fixed in public after the commitment (numbers drawn on camera, a beacon value); may be empty',
    maxLength: 500,
  })
  @IsString()
  @MaxLength(500)
  publicEntropy: string;
}

export class CancelDrawDto {
  @ApiProperty({ maxLength: 1000 })
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  reason: string;
}
