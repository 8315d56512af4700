/**
 * What an arm of the youth programme gives (seed 002): A grant + life-skills training +
 * mentor, B grant only, C training + mentor. Contracts, mentoring and reporting read it,
 * and the final report compares it with what each team actually received.
 */
export interface ArmEntitlements {
  grant: boolean;
  training: boolean;
  mentor: boolean;
}

const BY_ARM: Record<string, ArmEntitlements> = {
  A: { grant: true, training: true, mentor: true },
  B: { grant: true, training: false, mentor: false },
  C: { grant: false, training: true, mentor: true },
};

/** Null when the application was not in a draw (or the arm is not one of the programme's). */
export function armEntitlements(arm: string | null): ArmEntitlements | null {
  return arm ? (BY_ARM[arm] ?? null) : null;
}
