import { Module } from '@nestjs/common';
import { CompetitionsModule } from '../competitions/competitions.module';
import { StipendsController } from './stipends.controller';
import { StipendsService } from './stipends.service';

/** Social stipends of youth micro-project team members and the monthly register. */
@Module({
  imports: [CompetitionsModule],
  controllers: [StipendsController],
  providers: [StipendsService],
  exports: [StipendsService],
})
export class StipendsModule {}
