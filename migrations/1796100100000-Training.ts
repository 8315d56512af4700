import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Training sessions of a competition's training arms and who of the teams attended each
 * (issue 16, deliverable 6: assigned versus received). A session is unique by day and topic
 * (a double submit creates one); a person is present at a session once.
 */
export class Training1796100100000 implements MigrationInterface {
  name = 'Training1796100100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "training_sessions" (
        "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
        "competition_id" uuid NOT NULL,
        "held_on" date NOT NULL,
        "minutes" integer NOT NULL,
        "topic" character varying(300) NOT NULL,
        "online" boolean NOT NULL DEFAULT false,
        "place" character varying(300),
        "created_by" uuid NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL,
        CONSTRAINT "chk_training_session_minutes" CHECK ("minutes" >= 15 AND "minutes" <= 600),
        CONSTRAINT "chk_training_session_place" CHECK ("online" OR length(btrim("place")) > 0),
        CONSTRAINT "PK_training_sessions" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_training_session_once" ON "training_sessions" ("competition_id", "held_on", "topic")`,
    );
    await queryRunner.query(`
      CREATE TABLE "training_attendance" (
        "session_id" uuid NOT NULL,
        "iin" character(12) NOT NULL,
        "application_id" uuid NOT NULL,
        "marked_by" uuid NOT NULL,
        "marked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_training_attendance" PRIMARY KEY ("session_id", "iin")
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_training_attendance_application" ON "training_attendance" ("application_id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "training_attendance"`);
    await queryRunner.query(`DROP TABLE "training_sessions"`);
  }
}
