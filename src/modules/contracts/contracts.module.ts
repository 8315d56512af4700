import { Module } from '@nestjs/common';

/** Grant contracts: generated per winner from a template, sent, signed by the grantee, countersigned, versions, termination. */
@Module({})
export class ContractsModule {}
