import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One participant's way into the survey: the long token of the URL and the short code of
 * the paper list. Both are kept as they are, not hashed: the organizer reprints a lost list
 * or hands out the rest of it at the next event, and what they guard is one anonymous
 * answer, not an account. They are shown only to the competition's organizers; one answer
 * per link is held by the unique link in `survey_answers`, whoever knows the code.
 */
@Entity('survey_links')
@Index('uq_survey_link_token', ['token'], { unique: true })
@Index('uq_survey_link_code', ['code'], { unique: true })
@Index('uq_survey_link_position', ['batchId', 'position'], { unique: true })
@Check('chk_survey_link_position', `"position" >= 1`)
export class SurveyLink {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  batchId: string;

  /** 1…N within the batch: the row of the printed list. */
  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'varchar', length: 32 })
  token: string;

  @Column({ type: 'char', length: 8 })
  code: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
