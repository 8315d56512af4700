import { Module } from '@nestjs/common';

/** Payments of grant contracts: the schedule of tranches and the payments recorded against it. */
@Module({
  imports: [],
  controllers: [],
  providers: [],
  exports: [],
})
export class PaymentsModule {}
