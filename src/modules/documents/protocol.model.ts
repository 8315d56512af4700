/**
 * Input of the commission protocol (хаттама / протокол) document: plain, already
 * computed data. The builder renders it as given and never recomputes the ranking or
 * the decision; user-facing free text (reasons, the selection rule, the quorum note)
 * arrives already written in `locale`.
 */
export type ProtocolLocale = 'kk' | 'ru';

export type CommissionRole = 'chair' | 'secretary' | 'member';

export interface ProtocolMember {
  /** Full name from the person profile; never an e-mail address. */
  name: string;
  /** Job title, when the profile gives one. */
  position?: string;
  role: CommissionRole;
  /** Present at the meeting that signs the protocol (members score online, so an absent member may still have scores). */
  present: boolean;
}

export interface ProtocolConflict {
  memberName: string;
  applicationNumber: string;
  reason: string;
}

export interface ProtocolCriterion {
  code: string;
  label: string;
  weight: number;
  maxPoints: number;
}

export interface ProtocolScore {
  applicationNumber: string;
  memberName: string;
  /** The member's weighted total for the application. */
  total: number;
  /** Points per criterion, in the order of `criteria` (not printed: the protocol shows weighted totals). */
  perCriterion: number[];
}

export interface ProtocolRankingRow {
  rank: number;
  applicationNumber: string;
  applicant: string;
  territory: string;
  mean: number;
  median: number;
  /** Number of scores the mean is based on. */
  count: number;
  /** Members' totals differ strongly (the scoring module's disagreement flag). */
  disagreement: boolean;
  /** Whole tenge. */
  amount?: number;
}

export interface ProtocolDecision {
  applicationNumber: string;
  selected: boolean;
  /** Already translated into `locale`; may be empty. */
  reason: string;
  /** The project's title. */
  title?: string;
  /** The organization's name, or the initiative group with its leader's full name. */
  applicant?: string;
  /** Whole tenge granted, for a selected application of a funded competition. */
  amount?: number;
}

/** The organization that runs the competition, as the heading of every document names it. */
export interface DocumentOrganizer {
  name: string;
  bin?: string;
  address?: string;
}

export interface ProtocolModel {
  locale: ProtocolLocale;
  competition: { title: string; organizer: string /* NGO name */; number?: string };
  /** The organizer's BIN and address for the heading, when known. */
  organizerDetails?: Omit<DocumentOrganizer, 'name'>;
  /** The meeting's date as printed (e.g. «15 шілде 2024 ж.»); a blank to fill by hand when absent. */
  date?: string;
  place?: string;
  members: ProtocolMember[];
  conflicts: ProtocolConflict[];
  criteria: ProtocolCriterion[];
  scores: ProtocolScore[];
  ranking: ProtocolRankingRow[];
  /** Already a sentence in the locale, e.g. "10 winners, at most one per district, fund 3 000 000 ₸". */
  selectionRule: string;
  decision: ProtocolDecision[];
  quorumNote?: string;
}
