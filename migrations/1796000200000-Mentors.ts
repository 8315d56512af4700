import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mentors of the youth programme: assignments of mentors to arm A and C teams, each
 * mentor's load kept by a trigger in a counter row whose CHECK constraints are the limits
 * (at most 2 projects and 10 people per mentor), and the meetings mentors log.
 *
 * Why a counter row: two organizers assigning the same mentor at once both update that one
 * row, so the second waits for the first and then sees its sum; the CHECK refuses whichever
 * would go over, whatever the application code did before.
 */
export class Mentors1796000200000 implements MigrationInterface {
  name = 'Mentors1796000200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "mentor_assignments" (
                "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
                "competition_id" uuid NOT NULL,
                "application_id" uuid NOT NULL,
                "mentor_user_id" uuid NOT NULL,
                "people" integer NOT NULL,
                "assigned_by" uuid,
                "assigned_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_mentor_assignment_people" CHECK ("people" > 0),
                CONSTRAINT "PK_mentor_assignments" PRIMARY KEY ("id")
            )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_mentor_assignment_application" ON "mentor_assignments" ("application_id")`,
    );
    await queryRunner.query(`CREATE INDEX "ix_mentor_assignments_mentor" ON "mentor_assignments" ("mentor_user_id")`);
    await queryRunner.query(
      `CREATE INDEX "ix_mentor_assignments_competition" ON "mentor_assignments" ("competition_id")`,
    );
    await queryRunner.query(`
            CREATE TABLE "mentor_loads" (
                "mentor_user_id" uuid NOT NULL,
                "projects" integer NOT NULL DEFAULT 0,
                "people" integer NOT NULL DEFAULT 0,
                CONSTRAINT "chk_mentor_load_projects" CHECK ("projects" >= 0 AND "projects" <= 2),
                CONSTRAINT "chk_mentor_load_people" CHECK ("people" >= 0 AND "people" <= 10),
                CONSTRAINT "PK_mentor_loads" PRIMARY KEY ("mentor_user_id")
            )`);
    await queryRunner.query(`
            CREATE FUNCTION mentor_assignments_count_load() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP IN ('UPDATE', 'DELETE') THEN
                UPDATE mentor_loads SET projects = projects - 1, people = people - OLD.people
                 WHERE mentor_user_id = OLD.mentor_user_id;
              END IF;
              IF TG_OP IN ('INSERT', 'UPDATE') THEN
                INSERT INTO mentor_loads (mentor_user_id, projects, people) VALUES (NEW.mentor_user_id, 1, NEW.people)
                ON CONFLICT (mentor_user_id) DO UPDATE
                  SET projects = mentor_loads.projects + 1, people = mentor_loads.people + EXCLUDED.people;
              END IF;
              RETURN NULL;
            END
            $$`);
    await queryRunner.query(`
            CREATE TRIGGER mentor_assignments_load AFTER INSERT OR UPDATE OR DELETE ON mentor_assignments
            FOR EACH ROW EXECUTE FUNCTION mentor_assignments_count_load()`);
    await queryRunner.query(`
            CREATE TABLE "mentor_meetings" (
                "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
                "competition_id" uuid NOT NULL,
                "application_id" uuid NOT NULL,
                "mentor_user_id" uuid NOT NULL,
                "held_on" date NOT NULL,
                "minutes" integer NOT NULL,
                "topic" character varying(300) NOT NULL,
                "attendee_iins" text array NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_mentor_meeting_minutes" CHECK ("minutes" >= 5 AND "minutes" <= 600),
                CONSTRAINT "chk_mentor_meeting_attendees" CHECK (cardinality("attendee_iins") > 0),
                CONSTRAINT "PK_mentor_meetings" PRIMARY KEY ("id")
            )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_mentor_meeting_once" ON "mentor_meetings" ("application_id", "held_on", "topic")`,
    );
    await queryRunner.query(`CREATE INDEX "ix_mentor_meetings_mentor" ON "mentor_meetings" ("mentor_user_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "mentor_meetings"`);
    await queryRunner.query(`DROP TRIGGER mentor_assignments_load ON mentor_assignments`);
    await queryRunner.query(`DROP FUNCTION mentor_assignments_count_load()`);
    await queryRunner.query(`DROP TABLE "mentor_loads"`);
    await queryRunner.query(`DROP TABLE "mentor_assignments"`);
  }
}
