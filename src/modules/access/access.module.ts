import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessGuard } from './access.guard';
import { AccessTokenService } from './access-token.service';
import { Membership } from './entities/membership.entity';
import { MembershipsService } from './memberships.service';

@Global()
@Module({
  imports: [JwtModule.register({}), TypeOrmModule.forFeature([Membership])],
  providers: [AccessTokenService, MembershipsService, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [AccessTokenService, MembershipsService],
})
export class AccessModule {}
