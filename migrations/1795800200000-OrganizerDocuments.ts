import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Documents an organizer can sign and file: a competition names the organization that runs
 * it (and that organization its address), a person may have a job title, and the protocol's
 * meeting (number, day, place, chair, secretary, attendees) is entered by the organizer.
 */
export class OrganizerDocuments1795800200000 implements MigrationInterface {
  name = 'OrganizerDocuments1795800200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organizations" ADD "address" character varying(500)`);
    await queryRunner.query(`ALTER TABLE "persons" ADD "position" character varying(200)`);
    await queryRunner.query(`ALTER TABLE "competitions" ADD "organizer_organization_id" uuid`);
    await queryRunner.query(`
            CREATE TABLE "protocol_meetings" (
                "competition_id" uuid NOT NULL,
                "number" character varying(40) NOT NULL,
                "held_on" date NOT NULL,
                "place" character varying(300) NOT NULL,
                "chair_user_id" uuid NOT NULL,
                "secretary_user_id" uuid NOT NULL,
                "attendee_user_ids" uuid array NOT NULL DEFAULT '{}',
                "updated_by" uuid NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                CONSTRAINT "PK_1b8444bfc4e088a19513d260aff" PRIMARY KEY ("competition_id")
            )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "protocol_meetings"`);
    await queryRunner.query(`ALTER TABLE "competitions" DROP COLUMN "organizer_organization_id"`);
    await queryRunner.query(`ALTER TABLE "persons" DROP COLUMN "position"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "address"`);
  }
}
