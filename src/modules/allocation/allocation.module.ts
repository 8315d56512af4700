import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsModule } from '../applications/applications.module';
import { CompetitionsModule } from '../competitions/competitions.module';
import { AllocationController } from './allocation.controller';
import { AllocationService } from './allocation.service';
import { Draw } from './entities/draw.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Draw]), CompetitionsModule, ApplicationsModule],
  controllers: [AllocationController],
  providers: [AllocationService],
  exports: [AllocationService],
})
export class AllocationModule {}
