import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { LocalizedText, SurveyRule } from '../../competitions/domain/rulebook.types';

/** The project a batch of links asks about, as it stood when the links were made. */
export interface SurveyProject {
  contractNumber: string;
  applicationNumber: string;
  title: string;
  grantee: string;
  competitionTitle: LocalizedText;
}

/**
 * One "make N links" of an organizer for a contract's project: the survey's questions and
 * its satisfied rule frozen as the rulebook had them then (a later change of the rule
 * reaches only new links), the project's names for the public page, and the form's key so a
 * double click makes one batch.
 */
@Entity('survey_batches')
@Index('uq_survey_batch_form_key', ['contractId', 'formKey'], { unique: true, where: '"form_key" IS NOT NULL' })
@Index('ix_survey_batches_competition', ['competitionId'])
@Check('chk_survey_batch_count', `"count" >= 1 AND "count" <= 500`)
export class SurveyBatch {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  competitionId: string;

  @Column('uuid')
  contractId: string;

  @Column({ type: 'jsonb' })
  rule: SurveyRule;

  @Column({ type: 'jsonb' })
  project: SurveyProject;

  @Column({ type: 'int' })
  count: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  formKey: string | null;

  @Column('uuid')
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
