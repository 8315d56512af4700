import { Module } from '@nestjs/common';

/** Social stipends of youth micro-project team members and the monthly register. */
@Module({})
export class StipendsModule {}
