import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

/** `?lang=kk|ru` on a document download (journal, protocol): the document's language, Kazakh by default. */
export class DocumentLanguageQueryDto {
  @ApiPropertyOptional({ enum: ['kk', 'ru'], default: 'kk' })
  @IsOptional()
  @IsIn(['kk', 'ru'])
  lang?: 'kk' | 'ru';
}
