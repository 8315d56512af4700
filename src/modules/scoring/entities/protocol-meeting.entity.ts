import { Column, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/**
 * The commission meeting the protocol records, as the organizer entered it: the protocol's
 * number, the day and place of the meeting, who chaired it, who kept the minutes and who
 * attended. One per competition; frozen once the results are published.
 */
@Entity('protocol_meetings')
export class ProtocolMeeting {
  @PrimaryColumn('uuid')
  competitionId: string;

  /** As the organization numbers its protocols, e.g. "7" or "12/2026". */
  @Column({ type: 'varchar', length: 40 })
  number: string;

  /** Local calendar date of the meeting (YYYY-MM-DD). */
  @Column({ type: 'date' })
  heldOn: string;

  @Column({ type: 'varchar', length: 300 })
  place: string;

  @Column({ type: 'uuid' })
  chairUserId: string;

  @Column({ type: 'uuid' })
  secretaryUserId: string;

  /** Commission members present, chair and secretary included. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  attendeeUserIds: string[];

  @Column({ type: 'uuid' })
  updatedBy: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
