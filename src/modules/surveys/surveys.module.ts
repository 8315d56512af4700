import { Module } from '@nestjs/common';

/** The participants' satisfaction survey: one link (or short code) per participant, one answer per link. */
@Module({
  imports: [],
  controllers: [],
  providers: [],
  exports: [],
})
export class SurveysModule {}
