import { signUp, TestAccount } from './accounts';
import { readyDraft } from './competitions';
import type { CallResult, TestApp } from './test-app';

const DAY = 24 * 3600 * 1000;

export interface StoryApplication {
  id: string;
  number: string;
  title: string;
  territoryCode: string;
  applicant: TestAccount;
  screenedOut: boolean;
}

export interface Story {
  competition: { id: string; rulebook: any; title: { kk: string; ru: string } };
  applications: StoryApplication[];
  commission: TestAccount[];
}

/** How far a competition goes: screening published (scoring under way), results published, or drawn and published. */
export type StoryStage = 'screening_published' | 'results_published';

function expectOk<T>(what: string, res: CallResult<T>, status = 200): CallResult<T> {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

/** Creates and opens a competition with these titles and deadline (warnings about numbers confirmed). */
export async function openTitled(
  t: TestApp,
  organizer: TestAccount,
  templateCode: string,
  title: { kk: string; ru: string },
  deadline: Date,
  options: { open?: boolean; rulebook?: Record<string, unknown> } = {},
) {
  const token = organizer.accessToken;
  const created = expectOk(
    'create competition',
    await t.call('POST', '/competitions', {
      token,
      body: {
        templateCode,
        title,
        submissionDeadline: deadline.toISOString(),
        ...(options.rulebook ? { rulebook: options.rulebook } : {}),
      },
    }),
    201,
  );
  if (options.open === false) return created.body;
  return expectOk(
    'open competition',
    await t.call('POST', `/competitions/${created.body.id}/open`, { token, body: { acknowledgeWarnings: true } }),
  ).body;
}

/**
 * A competition taken through the real pipeline as the demo does, by API calls: applications
 * (one per project title, in different districts when the rulebook asks for one), intake closed
 * after the deadline, technical screening (the listed ones screened out, with a comment) and its
 * publication; then, for `results_published`, three commission members scoring everything (the
 * first application best), scoring closed, the selection, the draw where the rulebook has one,
 * and the results published. The clock goes past the deadline to close and comes back.
 */
export async function competitionStory(
  t: TestApp,
  organizer: TestAccount,
  options: {
    templateCode: string;
    title: { kk: string; ru: string };
    projects: string[];
    screenOut?: number[];
    stage: StoryStage;
    deadlineDays?: number;
  },
): Promise<Story> {
  const token = organizer.accessToken;
  const deadlineMs = (options.deadlineDays ?? 1) * DAY;
  const competition = await openTitled(
    t,
    organizer,
    options.templateCode,
    options.title,
    new Date(Date.now() + deadlineMs),
  );
  const rb = competition.rulebook;
  const districts =
    rb.territory.level === 'district'
      ? (await t.call('GET', `/territories?parent=${rb.territory.scope[0]}`)).body.map((x: { code: string }) => x.code)
      : [];
  const applications: StoryApplication[] = [];
  for (const [i, title] of options.projects.entries()) {
    const applicant = await signUp(t, `story-applicant${i}`);
    const territoryCode = districts.length ? districts[i % districts.length] : rb.territory.scope[0];
    const id = await readyDraft(t, applicant.accessToken, competition, {
      territoryCode,
      applicantKind: rb.applicantKinds.includes('initiative_group') ? 'initiative_group' : rb.applicantKinds[0],
    });
    const draft = await t.call('GET', `/applications/${id}`, { token: applicant.accessToken });
    expectOk(
      'title',
      await t.call('PATCH', `/applications/${id}`, {
        token: applicant.accessToken,
        body: { version: draft.body.version, title },
      }),
    );
    const submitted = expectOk(
      'submit',
      await t.call('POST', `/applications/${id}/submit`, { token: applicant.accessToken }),
    );
    applications.push({
      id,
      number: submitted.body.number,
      title,
      territoryCode,
      applicant,
      screenedOut: (options.screenOut ?? []).includes(i),
    });
  }
  t.clock.advance(deadlineMs + 60_000);
  expectOk('close', await t.call('POST', `/competitions/${competition.id}/close`, { token }));
  t.clock.reset();
  expectOk('screening', await t.call('POST', `/competitions/${competition.id}/screening/run`, { token }));
  for (const a of applications) {
    expectOk(
      'screening decision',
      await t.call('PUT', `/applications/${a.id}/screening`, {
        token,
        body: a.screenedOut
          ? { decision: 'screened_out', comment: 'Бюджет конкурс шартына сәйкес емес' }
          : { decision: 'screened_in' },
      }),
    );
  }
  expectOk('publish screening', await t.call('POST', `/competitions/${competition.id}/screening/publish`, { token }));
  const commission: TestAccount[] = [];
  const story = { competition: { ...competition, title: options.title }, applications, commission };
  if (options.stage === 'screening_published') return story;

  for (let m = 0; m < 3; m += 1) {
    const member = await signUp(t, `story-member${m}`);
    await t.db.query(
      `INSERT INTO competition_memberships (competition_id, user_id, role, status) VALUES ($1, $2, 'commission', 'active')`,
      [competition.id, member.userId],
    );
    commission.push(member);
  }
  expectOk('assign', await t.call('POST', `/competitions/${competition.id}/assignments`, { token, body: {} }));
  const scored = applications.filter((a) => !a.screenedOut);
  for (const member of commission) {
    for (const [i, a] of scored.entries()) {
      // The first project best, then each a little lower: a ranking without ties.
      const share = 0.95 - i * 0.1;
      const scores = rb.criteria.map((c: { code: string; maxPoints: number; step: number; commentBelow?: number }) => {
        const points = Math.max(0, Math.round((c.maxPoints * share) / c.step) * c.step);
        return {
          criterion: c.code,
          points,
          ...(c.commentBelow !== undefined && points < c.commentBelow ? { comment: 'Дәлелдер жеткіліксіз' } : {}),
        };
      });
      expectOk(
        'scores',
        await t.call('PUT', `/applications/${a.id}/scores/me`, {
          token: member.accessToken,
          body: { version: 0, scores },
        }),
      );
    }
  }
  expectOk('close scoring', await t.call('POST', `/competitions/${competition.id}/scoring/close`, { token, body: {} }));
  expectOk('selection', await t.call('POST', `/competitions/${competition.id}/selection`, { token }));
  if (rb.draw) {
    expectOk('draw prepare', await t.call('POST', `/competitions/${competition.id}/draw/prepare`, { token, body: {} }));
    expectOk(
      'draw',
      await t.call('POST', `/competitions/${competition.id}/draw`, {
        token,
        body: { publicEntropy: '7 14 21 28 35 42' },
      }),
    );
  }
  expectOk('publish results', await t.call('POST', `/competitions/${competition.id}/results/publish`, { token }));
  return story;
}
