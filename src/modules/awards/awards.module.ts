import { Module } from '@nestjs/common';

/** Prizes and awards for prize competitions and volunteer awards: winners, the winners list and the transfer act, the handover. */
@Module({})
export class AwardsModule {}
