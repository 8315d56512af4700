import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsModule } from '../applications/applications.module';
import { CompetitionsModule } from '../competitions/competitions.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { TerritoriesModule } from '../territories/territories.module';
import { ScreeningChecklist } from './entities/screening-checklist.entity';
import { ScreeningController } from './screening.controller';
import { ScreeningPublication } from './screening-publication';
import { ScreeningService } from './screening.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([ScreeningChecklist]),
    ApplicationsModule,
    CompetitionsModule,
    OrganizationsModule,
    TerritoriesModule,
  ],
  controllers: [ScreeningController],
  providers: [ScreeningService, ScreeningPublication],
  exports: [ScreeningService],
})
export class ScreeningModule {}
