import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EmailVerification } from '../access/email-verification';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginThrottle } from './entities/login-throttle.entity';
import { OneTimeToken } from './entities/one-time-token.entity';
import { RateLimitCounter } from './entities/rate-limit-counter.entity';
import { Person } from './entities/person.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { User } from './entities/user.entity';
import { MeController } from './me.controller';
import { PasswordHasher } from './password-hasher';
import { PeopleService } from './people.service';
import { SessionService } from './session.service';
import { TokenHasher } from './token-hasher';
import { UsersService } from './users.service';
import { WebSession } from './entities/web-session.entity';
import { WebSessionService } from './web-session.service';
import { WebSessionResolver } from '../access/web-sessions';

@Module({
  imports: [
    TypeOrmModule.forFeature([User, Person, RefreshToken, OneTimeToken, LoginThrottle, RateLimitCounter, WebSession]),
  ],
  controllers: [AuthController, MeController],
  providers: [
    AuthService,
    SessionService,
    PeopleService,
    PasswordHasher,
    TokenHasher,
    UsersService,
    // The access guard (a global module) finds it with ModuleRef for `@VerifiedEmail()` routes.
    { provide: EmailVerification, useExisting: UsersService },
    WebSessionService,
    // The access guard finds it with ModuleRef for page routes (the session cookie).
    { provide: WebSessionResolver, useExisting: WebSessionService },
  ],
  exports: [
    UsersService,
    PasswordHasher,
    TokenHasher,
    EmailVerification,
    AuthService,
    SessionService,
    WebSessionService,
    PeopleService,
  ],
})
export class IdentityModule {}
