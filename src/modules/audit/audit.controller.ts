import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../access/access.decorators';
import { AuditService, AuditVerdict } from './audit.service';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('verify')
  @AdminOnly()
  @ApiOperation({ summary: 'Recompute the audit hash chain; names the first broken entry' })
  verify(): Promise<AuditVerdict> {
    return this.audit.verify();
  }
}
