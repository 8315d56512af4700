import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/pagination';

export class FailedQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'only messages about this competition' })
  @IsOptional()
  @IsUUID('4')
  competitionId?: string;
}

export class InboxItemDto {
  @ApiProperty() id: string;
  @ApiProperty() template: string;
  @ApiProperty() subject: string;
  @ApiProperty() text: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) readAt: string | null;
}

export class InboxPageDto {
  @ApiProperty({ type: [InboxItemDto] }) items: InboxItemDto[];
  @ApiProperty() total: number;
  @ApiProperty() unreadCount: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class FailedMessageDto {
  @ApiProperty() id: string;
  @ApiProperty() template: string;
  @ApiProperty() recipientEmail: string;
  @ApiProperty({ nullable: true, type: String }) competitionId: string | null;
  @ApiProperty() attempts: number;
  @ApiProperty({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty() createdAt: string;
}
