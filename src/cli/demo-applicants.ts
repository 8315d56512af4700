import { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { Actor, systemActor } from '../common/http/actor';
import type { AttachmentsService } from '../modules/applications/use-cases/attachments/attachments.service';
import type { Rulebook } from '../modules/competitions/domain/rulebook.types';
import { User } from '../modules/identity/entities/user.entity';

/**
 * A one-page PDF that passes the content check: every required document of a demo application,
 * and the signed copies and scans after the decision.
 */
export const DEMO_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** A demo applicant's account (verified, Kazakh or Russian by turns), created once, acting as itself. */
export async function demoApplicant(db: DataSource, email: string, i: number, passwordHash: string): Promise<Actor> {
  const users = db.getRepository(User);
  const user =
    (await users.findOneBy({ email })) ??
    (await users.save({ email, passwordHash, locale: i % 2 ? 'ru' : 'kk', emailVerifiedAt: new Date() }));
  return { ...systemActor('demo'), userId: user.id, isAdmin: false, locale: user.locale };
}

/** Uploads the demo PDF for every document the rulebook requires. */
export async function attachRequiredDocuments(
  attachments: AttachmentsService,
  applicationId: string,
  rulebook: Pick<Rulebook, 'documents'>,
  applicant: Actor,
): Promise<void> {
  for (const doc of rulebook.documents.filter((d) => d.required)) {
    await attachments.upload(
      applicationId,
      { documentCode: doc.code, originalName: `${doc.code}.pdf`, stream: Readable.from(DEMO_PDF) },
      applicant,
    );
  }
}
