import type { MembershipRole } from '../../access/domain/membership-roles';

/**
 * Every message the system sends and the variables its callers must pass. The compiler
 * checks the callers; a spec checks that each template uses only these variables and
 * exists in both languages.
 */
/** A value written per language, for a message sent in both (see TemplateRenderer.render). */
export type Localized = { kk: string; ru: string };

export interface TemplatePayloads {
  'email-verification': { link: string; hours: number };
  'account-exists': { resetLink: string };
  'password-reset': { link: string; minutes: number };
  /** A one-time sign-in link: the owner's way in while password sign-in is throttled. */
  'sign-in-link': { link: string; minutes: number };
  /** Who invites: the organizer's full name, or the organizer organization's name. */
  'competition-invitation': {
    link: string;
    role: MembershipRole;
    competitionTitle: string | Localized;
    days: number;
    inviter: string | Localized;
    /** An address we do not know yet: the message comes in Kazakh, then Russian. */
    bothLanguages?: boolean;
  };
  'application-receipt': { number: string; competitionTitle: string; submittedAt: string; link: string };
  /**
   * A grant contract moved: sent for signature, signed by the grantee, countersigned (in
   * force), replaced by a new revision (with the reason), or terminated (with the reason).
   */
  'contract-update': {
    competitionTitle: string;
    contractNumber: string;
    applicationNumber: string;
    event: 'sent' | 'signed_by_grantee' | 'active' | 'revised' | 'terminated' | 'completed';
    reason: string;
    link: string;
  };
  /**
   * A grant contract's payments: a payment recorded (the grantee), a tranche withheld or its
   * hold lifted, with the reason (the grantee), a tranche due now that the reports of its
   * stage are accepted (the organizers). `amount` as people read it (`210 000 ₸`).
   */
  'payment-update': {
    competitionTitle: string;
    contractNumber: string;
    applicationNumber: string;
    event: 'recorded' | 'withheld' | 'lifted' | 'due';
    tranche: number;
    amount: string;
    paidOn: string;
    reference: string;
    reason: string;
    link: string;
  };
  'deadline-extended': { competitionTitle: string; deadline: string; link: string };
  /**
   * A winner's report moved: submitted (to the organizers), accepted or returned with comments
   * (to the grantee), its due date changed or a late submission allowed (to the grantee).
   */
  'report-update': {
    competitionTitle: string;
    contractNumber: string;
    /** The report as people name it: «аралық бағдарламалық есеп» / «промежуточный содержательный отчёт». */
    report: string;
    event: 'submitted' | 'accepted' | 'returned' | 'due_date_changed' | 'late_allowed';
    /** The return's comments (one a line), or why the due date moved. */
    comment: string;
    /** The due date (or the late allowance's last day) as people read it. */
    dueOn: string;
    link: string;
  };
  /** Before and after a report's due date, on the rulebook's days: which reports are still to submit. */
  'report-reminder': {
    competitionTitle: string;
    contractNumber: string;
    /** The reports still to submit, one a line. */
    reports: string;
    dueOn: string;
    /** Before the due date, on it, or after it; `days` counts how far from it (never negative). */
    when: 'before' | 'today' | 'after';
    days: number;
    link: string;
  };
  'draft-reminder': { competitionTitle: string; deadline: string; daysLeft: number; link: string };
  /** A mentor given teams (arm A or C): which ones (one a line), and the meetings a month each needs. */
  'mentor-assigned': { competitionTitle: string; teams: string; count: number; required: number; link: string };
  /** Before the month ends, to the mentor of a team with fewer meetings than it needs this month. */
  'mentor-meetings-reminder': {
    competitionTitle: string;
    number: string;
    teamTitle: string;
    held: number;
    required: number;
    monthEnd: string;
    link: string;
  };
  'screening-result': {
    competitionTitle: string;
    number: string;
    screenedIn: boolean;
    failedLines: string;
    comment: string;
    link: string;
  };
  'competition-results': {
    competitionTitle: string;
    number: string;
    /** A winner (congratulated, with the amount and the next step), or not selected. */
    selected: boolean;
    /** Selected for the shortlist of a draw rather than as a winner: the next step is the draw. */
    shortlisted: boolean;
    /** The amount as people read it (`300 000 ₸`), empty where the competition gives none. */
    amount: string;
    explanation: string;
    link: string;
  };
  'scoring-reminder': { competitionTitle: string; pending: number; link: string };
  'draw-result': { competitionTitle: string; number: string; arm: string; armMeaning: string; link: string };
  /** A winner's prize handed over and the signed transfer act filed: what, and on which day. */
  'award-handed-over': { competitionTitle: string; number: string; prize: string; handedOverOn: string; link: string };
  /** A winner's prize recorded (or changed, `changed`): place or nomination and the prize. */
  'award-recorded': {
    competitionTitle: string;
    number: string;
    prize: string;
    placement: string;
    changed: boolean;
    link: string;
  };
}

export type TemplateCode = keyof TemplatePayloads;

/** The same list at run time (TypeScript interfaces vanish); kept in step by the spec. */
export const TEMPLATE_VARIABLES: { [K in TemplateCode]: (keyof TemplatePayloads[K])[] } = {
  'email-verification': ['link', 'hours'],
  'account-exists': ['resetLink'],
  'password-reset': ['link', 'minutes'],
  'sign-in-link': ['link', 'minutes'],
  'competition-invitation': ['link', 'role', 'competitionTitle', 'days', 'inviter', 'bothLanguages'],
  'application-receipt': ['number', 'competitionTitle', 'submittedAt', 'link'],
  'contract-update': ['competitionTitle', 'contractNumber', 'applicationNumber', 'event', 'reason', 'link'],
  'payment-update': [
    'competitionTitle',
    'contractNumber',
    'applicationNumber',
    'event',
    'tranche',
    'amount',
    'paidOn',
    'reference',
    'reason',
    'link',
  ],
  'deadline-extended': ['competitionTitle', 'deadline', 'link'],
  'report-update': ['competitionTitle', 'contractNumber', 'report', 'event', 'comment', 'dueOn', 'link'],
  'report-reminder': ['competitionTitle', 'contractNumber', 'reports', 'dueOn', 'when', 'days', 'link'],
  'draft-reminder': ['competitionTitle', 'deadline', 'daysLeft', 'link'],
  'mentor-assigned': ['competitionTitle', 'teams', 'count', 'required', 'link'],
  'mentor-meetings-reminder': ['competitionTitle', 'number', 'teamTitle', 'held', 'required', 'monthEnd', 'link'],
  'screening-result': ['competitionTitle', 'number', 'screenedIn', 'failedLines', 'comment', 'link'],
  'competition-results': ['competitionTitle', 'number', 'selected', 'shortlisted', 'amount', 'explanation', 'link'],
  'scoring-reminder': ['competitionTitle', 'pending', 'link'],
  'draw-result': ['competitionTitle', 'number', 'arm', 'armMeaning', 'link'],
  'award-handed-over': ['competitionTitle', 'number', 'prize', 'handedOverOn', 'link'],
  'award-recorded': ['competitionTitle', 'number', 'prize', 'placement', 'changed', 'link'],
};

export const TEMPLATE_CODES = Object.keys(TEMPLATE_VARIABLES) as TemplateCode[];
