import { setTimeout as sleep } from 'node:timers/promises';
import { AppException, CommonErrorCode } from '../../common/errors/app.exception';
import type { Actor } from '../../common/http/actor';
import {
  SubmissionReceipt,
  SubmitApplicationService,
} from '../../modules/applications/use-cases/submit-application/submit-application.service';
import {
  IdempotencyClaim,
  IdempotencyService,
  IdempotencyTicket,
  requestHash,
} from '../../modules/idempotency/idempotency.service';

/** The check page's hidden `idempotencyKey`: a UUID made when the page was rendered. */
export const SUBMIT_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How long a repeat waits for the first of two posts (a double click) to finish. */
const WAIT_FOR_FIRST_MS = 20_000;
const POLL_MS = 50;

/**
 * Submits an application once per check page, as the API's IdempotencyInterceptor does for
 * `Idempotency-Key`: the form's key is claimed for this person, the submit stores its answer
 * in its own transaction, and a repeat with the same key (a double click, a re-post) gets that
 * answer instead of a second submit. A repeat that arrives while the first is still running
 * waits for it rather than failing, because the browser shows only the last answer.
 */
export async function submitOnce(
  services: { idempotency: IdempotencyService; submission: SubmitApplicationService },
  applicationId: string,
  formKey: string,
  actor: Actor,
): Promise<SubmissionReceipt> {
  const userId = actor.userId!;
  // Its own namespace: an API client's key never meets a page's.
  const key = `web-submit:${formKey.toLowerCase()}`;
  const hash = requestHash('POST', 'web:/applications/:id/submit', { id: applicationId });
  const claim = await claimWaiting(services.idempotency, userId, key, hash);
  if (claim.kind === 'replay') {
    if (claim.status >= 400) throw replayedError(claim.status, claim.body);
    return claim.body as SubmissionReceipt;
  }
  const ticket: IdempotencyTicket = { userId, key, successStatus: 200, completedInTransaction: false };
  try {
    return await services.submission.submit(applicationId, actor, ticket);
  } catch (err) {
    // A refusal is an answer and is kept for a repeat; a server failure frees the key for another try.
    const settle =
      err instanceof AppException && err.status < 500
        ? services.idempotency.complete(userId, key, err.status, {
            code: err.code,
            params: err.params,
            details: err.details,
          })
        : services.idempotency.release(userId, key);
    await settle.catch(() => undefined);
    throw err;
  }
}

async function claimWaiting(
  idempotency: IdempotencyService,
  userId: string,
  key: string,
  hash: string,
): Promise<IdempotencyClaim> {
  const giveUpAt = Date.now() + WAIT_FOR_FIRST_MS;
  for (;;) {
    try {
      return await idempotency.claim(userId, key, hash);
    } catch (err) {
      const running = err instanceof AppException && err.code === CommonErrorCode.IDEMPOTENCY_IN_FLIGHT;
      if (!running || Date.now() > giveUpAt) throw err;
      await sleep(POLL_MS);
    }
  }
}

/** The stored refusal, rebuilt so the page shows it in the reader's language again. */
function replayedError(status: number, body: unknown): AppException {
  const b = (body ?? {}) as {
    code?: string;
    params?: Record<string, string | number>;
    details?: AppException['details'];
  };
  return new AppException(status, b.code ?? CommonErrorCode.CONFLICT, b.params ?? {}, b.details ?? []);
}
