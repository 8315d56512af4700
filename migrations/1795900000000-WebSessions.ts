import { MigrationInterface, QueryRunner } from 'typeorm';

/** Browser sessions of the web pages: the cookie's HMAC, its user, idle and absolute limits. */
export class WebSessions1795900000000 implements MigrationInterface {
  name = 'WebSessions1795900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "web_sessions" (
                "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
                "user_id" uuid NOT NULL,
                "token_hash" character(64) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ended_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_web_sessions" PRIMARY KEY ("id")
            )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_web_sessions_token_hash" ON "web_sessions" ("token_hash")`);
    await queryRunner.query(`CREATE INDEX "idx_web_sessions_user_id" ON "web_sessions" ("user_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "web_sessions"`);
  }
}
