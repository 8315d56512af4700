import 'reflect-metadata';
import { ExecutionContext, Logger } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import type { AuthenticatedUser, RequestWithUser } from '../../common/http/actor';
import { AdminOnly, CompetitionMember, Public, SignedIn, VerifiedEmail } from './access.decorators';
import { AccessGuard } from './access.guard';
import type { AccessTokenService } from './access-token.service';
import type { MembershipRole } from './entities/membership.entity';
import type { MembershipsService } from './memberships.service';

const USER: AuthenticatedUser = { id: '11111111-1111-4111-8111-111111111111', isAdmin: false };
const ADMIN: AuthenticatedUser = { id: '22222222-2222-4222-8222-222222222222', isAdmin: true };
const COMPETITION = '33333333-3333-4333-8333-333333333333';
const OTHER_COMPETITION = '44444444-4444-4444-8444-444444444444';

/** Tokens are just names here: the guard only needs verify() to say who, or null. */
class FakeTokens {
  verify(token: string): AuthenticatedUser | null {
    return token === 'user-token' ? USER : token === 'admin-token' ? ADMIN : null;
  }
}

class FakeMemberships {
  readonly grants: { userId: string; competitionId: string; role: MembershipRole }[] = [];
  readonly asked: string[] = [];
  async hasRole(userId: string, competitionId: string, roles: MembershipRole[]): Promise<boolean> {
    this.asked.push(competitionId);
    return this.grants.some((g) => g.userId === userId && g.competitionId === competitionId && roles.includes(g.role));
  }
}

/** Whose e-mail is verified, as the identity module would answer. */
class FakeEmailVerification {
  readonly verified = new Set<string>();
  readonly asked: string[] = [];
  async isEmailVerified(userId: string): Promise<boolean> {
    this.asked.push(userId);
    return this.verified.has(userId);
  }
}

/** Handlers carrying the real decorators; the guard reads them through a real Reflector. */
class Routes {
  noRule() {}
  @Public() open() {}
  @SignedIn() signedIn() {}
  @AdminOnly() admin() {}
  @CompetitionMember(['organizer']) organizerOnly() {}
  @CompetitionMember(['commission', 'organizer'], 'competitionId') staff() {}
  @SignedIn() @VerifiedEmail() counts() {}
  @CompetitionMember(['commission']) @VerifiedEmail() scores() {}
}

@AdminOnly()
class AdminRoutes {
  inherits() {}
  @Public() overridden() {}
}

function contextFor(
  cls: object,
  handler: (...args: never[]) => unknown,
  request: Partial<RequestWithUser>,
): ExecutionContext {
  return {
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => ({}), getNext: () => undefined }),
    getHandler: () => handler,
    getClass: () => cls,
  } as unknown as ExecutionContext;
}

describe('AccessGuard', () => {
  let memberships: FakeMemberships;
  let emails: FakeEmailVerification;
  let guard: AccessGuard;

  afterEach(() => jest.restoreAllMocks());

  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    memberships = new FakeMemberships();
    emails = new FakeEmailVerification();
    guard = new AccessGuard(
      new Reflector(),
      new FakeTokens() as unknown as AccessTokenService,
      memberships as unknown as MembershipsService,
      { get: () => emails } as unknown as ModuleRef,
    );
  });

  function request(token?: string, params: Record<string, string> = {}): Partial<RequestWithUser> {
    return {
      method: 'GET',
      url: '/test',
      headers: token === undefined ? {} : { authorization: token.includes(' ') ? token : `Bearer ${token}` },
      params,
    } as Partial<RequestWithUser>;
  }

  const run = (handler: (...args: never[]) => unknown, req: Partial<RequestWithUser>, cls: object = Routes) =>
    guard.canActivate(contextFor(cls, handler, req));

  describe('a route without a rule', () => {
    it('is refused with 403 even for an admin (deny by default), and the refusal is logged', async () => {
      const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      await expect(run(Routes.prototype.noRule, request('admin-token'))).rejects.toMatchObject({
        status: 403,
        code: 'FORBIDDEN',
      });
      expect(logged).toHaveBeenCalledWith(expect.stringContaining('GET /test'));
    });
    it('is refused with 403 for an anonymous caller', async () => {
      await expect(run(Routes.prototype.noRule, request())).rejects.toMatchObject({ status: 403 });
    });
  });

  describe('public', () => {
    it('lets an anonymous caller through', async () => {
      await expect(run(Routes.prototype.open, request())).resolves.toBe(true);
    });
    it('ignores a bad token instead of refusing, and sets no user', async () => {
      const req = request('forged-token');
      await expect(run(Routes.prototype.open, req)).resolves.toBe(true);
      expect(req.user).toBeUndefined();
    });
    it('still recognizes a valid token', async () => {
      const req = request('user-token');
      await expect(run(Routes.prototype.open, req)).resolves.toBe(true);
      expect(req.user).toEqual(USER);
    });
  });

  describe('signed-in', () => {
    it('answers 401 without a token', async () => {
      await expect(run(Routes.prototype.signedIn, request())).rejects.toMatchObject({
        status: 401,
        code: 'UNAUTHENTICATED',
      });
    });
    it('answers 401 for a token it cannot verify', async () => {
      await expect(run(Routes.prototype.signedIn, request('forged-token'))).rejects.toMatchObject({ status: 401 });
    });
    it('answers 401 for a non-Bearer Authorization header', async () => {
      await expect(run(Routes.prototype.signedIn, request('Basic dXNlcjpwYXNz'))).rejects.toMatchObject({
        status: 401,
      });
    });
    it('passes with a valid token and puts the user on the request', async () => {
      const req = request('user-token');
      await expect(run(Routes.prototype.signedIn, req)).resolves.toBe(true);
      expect(req.user).toEqual(USER);
    });
  });

  describe('admin', () => {
    it('answers 403 to a signed-in non-admin', async () => {
      await expect(run(Routes.prototype.admin, request('user-token'))).rejects.toMatchObject({
        status: 403,
        code: 'FORBIDDEN',
      });
    });
    it('answers 401 (not 403) to an anonymous caller', async () => {
      await expect(run(Routes.prototype.admin, request())).rejects.toMatchObject({ status: 401 });
    });
    it('passes for an admin', async () => {
      await expect(run(Routes.prototype.admin, request('admin-token'))).resolves.toBe(true);
    });
    it('applies a rule set on the controller class to its handlers', async () => {
      await expect(run(AdminRoutes.prototype.inherits, request('user-token'), AdminRoutes)).rejects.toMatchObject({
        status: 403,
      });
      await expect(run(AdminRoutes.prototype.inherits, request('admin-token'), AdminRoutes)).resolves.toBe(true);
    });
    it('lets a handler rule override the class rule', async () => {
      await expect(run(AdminRoutes.prototype.overridden, request(), AdminRoutes)).resolves.toBe(true);
    });
  });

  describe('competition-member', () => {
    it('passes for a member with the role, in the competition named by the route', async () => {
      memberships.grants.push({ userId: USER.id, competitionId: COMPETITION, role: 'organizer' });
      await expect(run(Routes.prototype.organizerOnly, request('user-token', { id: COMPETITION }))).resolves.toBe(true);
      expect(memberships.asked).toEqual([COMPETITION]);
    });
    it('reads the competition id from the parameter the rule names', async () => {
      memberships.grants.push({ userId: USER.id, competitionId: COMPETITION, role: 'commission' });
      await expect(
        run(Routes.prototype.staff, request('user-token', { id: OTHER_COMPETITION, competitionId: COMPETITION })),
      ).resolves.toBe(true);
      await expect(
        run(Routes.prototype.staff, request('user-token', { id: COMPETITION, competitionId: OTHER_COMPETITION })),
      ).rejects.toMatchObject({
        status: 403,
      });
    });
    it('answers 403 to a signed-in user without a membership', async () => {
      await expect(
        run(Routes.prototype.organizerOnly, request('user-token', { id: COMPETITION })),
      ).rejects.toMatchObject({ status: 403 });
    });
    it('answers 403 to a member of another competition', async () => {
      memberships.grants.push({ userId: USER.id, competitionId: OTHER_COMPETITION, role: 'organizer' });
      await expect(
        run(Routes.prototype.organizerOnly, request('user-token', { id: COMPETITION })),
      ).rejects.toMatchObject({ status: 403 });
    });
    it('answers 403 to a member with another role', async () => {
      memberships.grants.push({ userId: USER.id, competitionId: COMPETITION, role: 'mentor' });
      await expect(
        run(Routes.prototype.organizerOnly, request('user-token', { id: COMPETITION })),
      ).rejects.toMatchObject({ status: 403 });
    });
    it('answers 403 for a parameter that is not a uuid, without asking the database', async () => {
      memberships.grants.push({ userId: USER.id, competitionId: 'not-a-uuid', role: 'organizer' });
      await expect(
        run(Routes.prototype.organizerOnly, request('user-token', { id: 'not-a-uuid' })),
      ).rejects.toMatchObject({ status: 403 });
      await expect(run(Routes.prototype.organizerOnly, request('user-token', {}))).rejects.toMatchObject({
        status: 403,
      });
      expect(memberships.asked).toEqual([]);
    });
    it('answers 401 to an anonymous caller', async () => {
      await expect(run(Routes.prototype.organizerOnly, request(undefined, { id: COMPETITION }))).rejects.toMatchObject({
        status: 401,
      });
    });
    it('passes for an admin without a membership', async () => {
      await expect(run(Routes.prototype.organizerOnly, request('admin-token', { id: COMPETITION }))).resolves.toBe(
        true,
      );
    });
  });

  describe('verified e-mail', () => {
    it('answers 403 EMAIL_NOT_VERIFIED to a signed-in user whose address is not verified', async () => {
      await expect(run(Routes.prototype.counts, request('user-token'))).rejects.toMatchObject({
        status: 403,
        code: 'EMAIL_NOT_VERIFIED',
      });
    });
    it('passes once the address is verified', async () => {
      emails.verified.add(USER.id);
      await expect(run(Routes.prototype.counts, request('user-token'))).resolves.toBe(true);
    });
    it('applies on top of the route rule: a non-member still gets the plain 403, an anonymous caller 401', async () => {
      await expect(run(Routes.prototype.scores, request('user-token', { id: COMPETITION }))).rejects.toMatchObject({
        status: 403,
        code: 'FORBIDDEN',
      });
      await expect(run(Routes.prototype.counts, request())).rejects.toMatchObject({ status: 401 });
      expect(emails.asked).toEqual([]);
      memberships.grants.push({ userId: USER.id, competitionId: COMPETITION, role: 'commission' });
      await expect(run(Routes.prototype.scores, request('user-token', { id: COMPETITION }))).rejects.toMatchObject({
        code: 'EMAIL_NOT_VERIFIED',
      });
    });
    it('is not asked on routes without @VerifiedEmail()', async () => {
      await expect(run(Routes.prototype.signedIn, request('user-token'))).resolves.toBe(true);
      expect(emails.asked).toEqual([]);
    });
  });
});
