import { Module } from '@nestjs/common';

/** Winners' programmatic and financial reports: fixed due dates, versions, review, reminders. */
@Module({
  imports: [],
  controllers: [],
  providers: [],
  exports: [],
})
export class ReportsModule {}
