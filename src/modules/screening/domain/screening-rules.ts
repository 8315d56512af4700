import { ageOn } from '../../../../libs/kz';
import type { FieldProblem } from '../../competitions/domain/rulebook.types';
import type { ChecklistLine } from '../entities/screening-checklist.entity';

/** The checklist's lines, in the order the organizer reads them. */
export const SCREENING_RULES = [
  'team_size',
  'member_ages',
  'one_person_one_project',
  'group_and_host_limits',
  'required_fields',
  'required_documents',
  'amount_cap',
  'territory_scope',
  'organization_registered_year',
] as const;
export type ScreeningRule = (typeof SCREENING_RULES)[number];

/** Which checklist line a submission problem belongs to. */
function ruleOf(problem: FieldProblem): ScreeningRule {
  const f = problem.field;
  if (f === 'team') return 'team_size';
  if (/^team\[\d+\]/.test(f)) return 'member_ages';
  if (f.startsWith('documents.')) return 'required_documents';
  if (f.startsWith('budget')) return 'amount_cap';
  if (f === 'territoryCode') return 'territory_scope';
  return 'required_fields';
}

export interface OrganizationFacts {
  registeredOn: string;
  regionCode: string;
}

export interface ChecklistInput {
  /** What submission's own checks say today (the rulebook may have been read more strictly since). */
  problems: FieldProblem[];
  hasTeam: boolean;
  /** Organization applying (NGO or host organization), if any. */
  organization: OrganizationFacts | null;
  /** Require ≥ 1 year of registration in the application's region (host-organization and NGO competitions). */
  requireYearInRegion: boolean;
  applicationRegion: string | null;
  submissionDate: string;
}

/**
 * One line per rule, each pass or fail with its reason. Limits the database enforces at
 * submission (one person one project, one application per group, host-organization cap)
 * are recorded as passed: a submitted application has already met them.
 */
export function screeningChecklist(input: ChecklistInput): ChecklistLine[] {
  const byRule = new Map<ScreeningRule, FieldProblem>();
  for (const p of input.problems) if (!byRule.has(ruleOf(p))) byRule.set(ruleOf(p), p);
  const lines: ChecklistLine[] = [];
  for (const rule of SCREENING_RULES) {
    if ((rule === 'team_size' || rule === 'member_ages') && !input.hasTeam) continue;
    if (rule === 'organization_registered_year') {
      if (!input.requireYearInRegion || !input.organization) continue;
      lines.push(organizationLine(input));
      continue;
    }
    const problem = byRule.get(rule);
    lines.push({
      rule,
      passed: !problem,
      reason: problem ? { code: problem.code, params: { field: problem.field, ...(problem.params ?? {}) } } : null,
      override: null,
    });
  }
  return lines;
}

function organizationLine(input: ChecklistInput): ChecklistLine {
  const org = input.organization!;
  const years = ageOn(org.registeredOn, input.submissionDate);
  if (years < 1)
    return {
      rule: 'organization_registered_year',
      passed: false,
      reason: { code: 'ORGANIZATION_TOO_NEW', params: { registeredOn: org.registeredOn } },
      override: null,
    };
  if (input.applicationRegion && org.regionCode !== input.applicationRegion) {
    return {
      rule: 'organization_registered_year',
      passed: false,
      reason: { code: 'ORGANIZATION_OTHER_REGION', params: { region: org.regionCode } },
      override: null,
    };
  }
  return { rule: 'organization_registered_year', passed: true, reason: null, override: null };
}

/** The line as it stands after the organizer's override. */
export function effectivePassed(line: ChecklistLine): boolean {
  return line.override ? line.override.passed : line.passed;
}
