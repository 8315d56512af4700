import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsModule } from '../applications/applications.module';
import { CompetitionsModule } from '../competitions/competitions.module';
import { FilesModule } from '../files/files.module';
import { ScoringModule } from '../scoring/scoring.module';
import { AwardsController } from './awards.controller';
import { AwardsService } from './awards.service';
import { Award } from './entities/award.entity';

/** Prizes and awards for prize competitions and volunteer awards: winners, the winners list and the transfer act, the handover. */
@Module({
  imports: [TypeOrmModule.forFeature([Award]), CompetitionsModule, ApplicationsModule, ScoringModule, FilesModule],
  controllers: [AwardsController],
  providers: [AwardsService],
  exports: [AwardsService],
})
export class AwardsModule {}
