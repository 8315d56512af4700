import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How many projects and people a mentor carries, across competitions. Written only by the
 * trigger on `mentor_assignments` (one row per mentor, updated in place, so concurrent
 * assignments queue on it); the CHECK constraints are the limits of SPEC §1.
 */
@Entity('mentor_loads')
@Check('chk_mentor_load_projects', `"projects" >= 0 AND "projects" <= 2`)
@Check('chk_mentor_load_people', `"people" >= 0 AND "people" <= 10`)
export class MentorLoadRow {
  @PrimaryColumn('uuid')
  mentorUserId: string;

  @Column({ type: 'int', default: 0 })
  projects: number;

  @Column({ type: 'int', default: 0 })
  people: number;
}
