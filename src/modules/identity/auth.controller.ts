import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { Actor, CurrentActor } from '../../common/http/actor';
import { translate } from '../../common/i18n/i18n';
import { Public, SignedIn } from '../access/access.decorators';
import { AuthService } from './auth.service';
import {
  AcceptedDto,
  LoginDto,
  LogoutDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  RefreshDto,
  RegisterDto,
  SignInLinkRequestDto,
  TokenDto,
  TokenPairDto,
  VerificationResendDto,
} from './dto/auth.dto';
import { SessionService, TokenPair } from './session.service';

const accepted = (actor: Actor, key: string): AcceptedDto => ({
  status: 'accepted',
  message: translate(actor.locale, key),
});

@ApiTags('auth')
@Controller('auth')
@UseGuards(ThrottlerGuard)
@ApiResponse({ status: 429, description: 'too many requests from this address' })
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
  ) {}

  @Post('register')
  @Public()
  @HttpCode(202)
  @ApiOperation({ summary: 'Create an account; a verification link is e-mailed (same answer if the e-mail is taken)' })
  @ApiResponse({ status: 202, type: AcceptedDto })
  async register(@Body() dto: RegisterDto, @CurrentActor() actor: Actor): Promise<AcceptedDto> {
    await this.auth.register(dto, actor);
    return accepted(actor, 'auth.registration_accepted');
  }

  @Post('verify-email')
  @Public()
  @HttpCode(200)
  @ApiResponse({ status: 200, type: AcceptedDto })
  async verifyEmail(@Body() dto: TokenDto, @CurrentActor() actor: Actor): Promise<AcceptedDto> {
    await this.auth.verifyEmail(dto.token, actor);
    return accepted(actor, 'auth.email_verified');
  }

  @Post('verify-email/resend')
  @Public()
  @HttpCode(202)
  @ApiOperation({
    summary: 'E-mail a new verification link (same answer whether or not the address exists); older links stop working',
  })
  @ApiResponse({ status: 202, type: AcceptedDto })
  @ApiResponse({
    status: 429,
    description: 'VERIFICATION_RESEND_LIMITED: too many requests for this address or from this IP',
  })
  async resendVerification(@Body() dto: VerificationResendDto, @CurrentActor() actor: Actor): Promise<AcceptedDto> {
    await this.auth.resendVerification(dto.email, actor);
    return accepted(actor, 'auth.verification_resent');
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiResponse({ status: 200, type: TokenPairDto })
  @ApiResponse({
    status: 429,
    description:
      'LOGIN_THROTTLED: too many failed sign-ins to this account; Retry-After says when, or ask for a sign-in link',
  })
  login(@Body() dto: LoginDto, @CurrentActor() actor: Actor): Promise<TokenPair> {
    return this.sessions.login(dto.email, dto.password, actor);
  }

  @Post('login-link')
  @Public()
  @HttpCode(202)
  @ApiOperation({
    summary:
      'E-mail a one-time sign-in link (15 minutes, single use): the way in while password sign-in is throttled. Same answer whether or not the address exists',
  })
  @ApiResponse({ status: 202, type: AcceptedDto })
  @ApiResponse({ status: 429, description: 'LOGIN_LINK_LIMITED: too many requests for this address or from this IP' })
  async requestSignInLink(@Body() dto: SignInLinkRequestDto, @CurrentActor() actor: Actor): Promise<AcceptedDto> {
    await this.auth.requestSignInLink(dto.email, actor);
    return accepted(actor, 'auth.sign_in_link_sent');
  }

  @Post('login-link/consume')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with the e-mailed link; clears the account’s sign-in delays' })
  @ApiResponse({ status: 200, type: TokenPairDto })
  consumeSignInLink(@Body() dto: TokenDto, @CurrentActor() actor: Actor): Promise<TokenPair> {
    return this.auth.consumeSignInLink(dto.token, actor);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Rotate the refresh token; reusing an old one revokes the whole family' })
  @ApiResponse({ status: 200, type: TokenPairDto })
  refresh(@Body() dto: RefreshDto, @CurrentActor() actor: Actor): Promise<TokenPair> {
    return this.sessions.refresh(dto.refreshToken, actor);
  }

  @Post('logout')
  @SignedIn()
  @ApiBearerAuth()
  @HttpCode(204)
  @Throttle({ default: { limit: 1000, ttl: 60_000 } })
  logout(@Body() dto: LogoutDto, @CurrentActor() actor: Actor): Promise<void> {
    return this.sessions.logout(actor.userId!, dto.refreshToken, actor);
  }

  @Post('password-reset')
  @Public()
  @HttpCode(202)
  @ApiOperation({ summary: 'E-mail a reset link (same answer whether or not the e-mail exists)' })
  @ApiResponse({ status: 202, type: AcceptedDto })
  async passwordReset(@Body() dto: PasswordResetRequestDto, @CurrentActor() actor: Actor): Promise<AcceptedDto> {
    await this.auth.requestPasswordReset(dto.email, actor);
    return accepted(actor, 'auth.password_reset_accepted');
  }

  @Post('password-reset/confirm')
  @Public()
  @HttpCode(200)
  @ApiResponse({ status: 200, type: AcceptedDto })
  async passwordResetConfirm(@Body() dto: PasswordResetConfirmDto, @CurrentActor() actor: Actor): Promise<AcceptedDto> {
    await this.auth.confirmPasswordReset(dto.token, dto.password, actor);
    return accepted(actor, 'auth.password_changed');
  }
}
