import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { SurveyAnswers } from '../domain/satisfaction';

/**
 * A participant's answer, one per link: the unique `link_id` is what refuses a second one,
 * even when two arrive at the same moment. `satisfied` is decided once, by the link's frozen
 * rule. No person, address or IP is kept with it: the survey is anonymous.
 */
@Entity('survey_answers')
@Index('uq_survey_answer_link', ['linkId'], { unique: true })
@Index('ix_survey_answers_competition', ['competitionId', 'contractId'])
@Check('chk_survey_answer_locale', `"locale" IN ('kk', 'ru')`)
export class SurveyAnswer {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  linkId: string;

  @Column('uuid')
  batchId: string;

  @Column('uuid')
  competitionId: string;

  @Column('uuid')
  contractId: string;

  @Column({ type: 'jsonb' })
  answers: SurveyAnswers;

  @Column({ type: 'boolean' })
  satisfied: boolean;

  /** The language the participant answered in. */
  @Column({ type: 'varchar', length: 2 })
  locale: string;

  @Column({ type: 'timestamptz' })
  submittedAt: Date;
}
