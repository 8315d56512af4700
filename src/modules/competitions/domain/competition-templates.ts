import type { LocalizedText, Rulebook } from './rulebook.types';
import { HOST_ORGANIZATION_SELECTION_TEMPLATE } from './templates/host-organization-selection.template';
import { MENTOR_SELECTION_TEMPLATE } from './templates/mentor-selection.template';
import { MINI_GRANTS_DISTRICT_TEMPLATE, MINI_GRANTS_REGIONAL_TEMPLATE } from './templates/mini-grants.template';
import { SHORT_TERM_PROJECTS_TEMPLATE } from './templates/short-term-projects.template';
import { VOLUNTEER_AWARDS_TEMPLATE } from './templates/volunteer-awards.template';
import { YOUTH_MICRO_PROJECTS_TEMPLATE } from './templates/youth-micro-projects.template';

export const COMPETITION_KINDS = ['grant', 'prize', 'award', 'draw', 'selection'] as const;
export type CompetitionKind = (typeof COMPETITION_KINDS)[number];

export interface CompetitionTemplate {
  code: string;
  name: LocalizedText;
  description: LocalizedText;
  kind: CompetitionKind;
  rulebook: Rulebook;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * The ready templates (SPEC §2), frozen: a competition starts from a copy
 * (`rulebookFromTemplate`) and the organizer adjusts it while it is a draft.
 */
export const COMPETITION_TEMPLATES: readonly CompetitionTemplate[] = deepFreeze([
  SHORT_TERM_PROJECTS_TEMPLATE,
  MINI_GRANTS_DISTRICT_TEMPLATE,
  MINI_GRANTS_REGIONAL_TEMPLATE,
  VOLUNTEER_AWARDS_TEMPLATE,
  YOUTH_MICRO_PROJECTS_TEMPLATE,
  HOST_ORGANIZATION_SELECTION_TEMPLATE,
  MENTOR_SELECTION_TEMPLATE,
]);

export function findTemplate(code: string): CompetitionTemplate | undefined {
  return COMPETITION_TEMPLATES.find((t) => t.code === code);
}

/** A mutable deep copy of a template's rulebook, or undefined for an unknown code. */
export function rulebookFromTemplate(code: string): Rulebook | undefined {
  const template = findTemplate(code);
  return template ? structuredClone(template.rulebook) : undefined;
}
