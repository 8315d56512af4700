import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole country: the districts of Astana, Almaty and Shymkent are a kind of their own,
 * `city_district`, and the database accepts only the known kinds. The rows themselves come
 * from the bundled CSV, which `npm run cli -- migrate` loads after the migrations.
 * Down drops the check only: the column stays varchar, so stored city districts remain readable.
 */
export class TerritoryCityDistricts1795800400000 implements MigrationInterface {
  name = 'TerritoryCityDistricts1795800400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "territories" ADD CONSTRAINT "chk_territories_kind"
                CHECK ("kind" IN ('region', 'city_republican', 'city', 'district', 'city_district'))
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "territories" DROP CONSTRAINT "chk_territories_kind"`);
  }
}
