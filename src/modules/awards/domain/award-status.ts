/**
 * An award's life (сыйлық / приз): recorded by the organizer for a winner of the published
 * selection (place or nomination, the prize in kk/ru, an amount), changed while it is only
 * recorded, then handed over once with the signed transfer act's scan. A handed-over award
 * is final: the paper the winner signed is what it says.
 *
 * This table is the only place that says which move is allowed; AwardsService is the only
 * code that writes `awards.status`, and it asks this table.
 */
export const AWARD_STATUSES = ['recorded', 'handed_over'] as const;
export type AwardStatus = (typeof AWARD_STATUSES)[number];

/** What may happen to an award in each status: its own moves, and whether its content may still change. */
export const AWARD_TRANSITIONS: Readonly<Record<AwardStatus, { to: readonly AwardStatus[]; editable: boolean }>> = {
  recorded: { to: ['handed_over'], editable: true },
  handed_over: { to: [], editable: false },
};

export function isAwardStatus(value: string): value is AwardStatus {
  return (AWARD_STATUSES as readonly string[]).includes(value);
}

export function canMoveAward(from: AwardStatus, to: AwardStatus): boolean {
  return AWARD_TRANSITIONS[from].to.includes(to);
}

/** Place, nomination, prize and amount may change only before the handover. */
export function isAwardEditable(status: AwardStatus): boolean {
  return AWARD_TRANSITIONS[status].editable;
}
