import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A team member's education status (API.md `educationStatus`), which decides their social
 * stipend: 26 000 ₸ for school leavers and students, 61 000 ₸ for graduates. Nullable (not
 * stated yet, and every team entered before); the database accepts only the six codes.
 */
export class MemberEducationStatus1796000300000 implements MigrationInterface {
  name = 'MemberEducationStatus1796000300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "application_members" ADD "education_status" character varying(24)`);
    await queryRunner.query(`
            ALTER TABLE "application_members" ADD CONSTRAINT "chk_application_members_education_status"
            CHECK ("education_status" IN ('school_leaver', 'college_student', 'university_student', 'college_graduate', 'university_graduate', 'other'))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "application_members" DROP CONSTRAINT "chk_application_members_education_status"`,
    );
    await queryRunner.query(`ALTER TABLE "application_members" DROP COLUMN "education_status"`);
  }
}
