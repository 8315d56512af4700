import { Module } from '@nestjs/common';

/** The operator's final report (the 004 form) computed from the data, as JSON, DOCX and XLSX. */
@Module({
  imports: [],
  controllers: [],
  providers: [],
  exports: [],
})
export class FinalReportModule {}
