import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An invitation can be revoked or sent again: the old row keeps its token hash (so the
 * invitee following an old link is told what happened) and says who revoked it or which
 * invitation replaced it.
 */
export class InvitationRevocation1795800500000 implements MigrationInterface {
  name = 'InvitationRevocation1795800500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "competition_invitations"
                ADD "revoked_at" TIMESTAMP WITH TIME ZONE,
                ADD "revoked_by" uuid,
                ADD "replaced_by" uuid
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "competition_invitations" DROP COLUMN "replaced_by", DROP COLUMN "revoked_by", DROP COLUMN "revoked_at"
        `);
  }
}
