import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One state-changing command. Rows are chained: `hash` covers `prevHash` and the row's
 * canonical content, and a trigger refuses UPDATE/DELETE, so an edit made behind the
 * application's back (trigger disabled by a superuser) breaks the chain visibly.
 */
@Entity('audit_log')
@Index(['entityType', 'entityId'])
export class AuditEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 64 })
  actorIp: string;

  @Column({ type: 'varchar', length: 100 })
  requestId: string;

  @Column({ type: 'varchar', length: 80 })
  action: string;

  @Column({ type: 'varchar', length: 60 })
  entityType: string;

  @Column({ type: 'varchar', length: 100 })
  entityId: string;

  @Column({ type: 'jsonb' })
  summary: Record<string, unknown>;

  @Column({ type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
