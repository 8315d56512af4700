/**
 * The life of a grant contract (шарт / договор), issue 16:
 * draft → sent → signed_by_grantee → active → completed | terminated.
 *
 * - `draft`: generated for a winner; its terms may still be edited by the organizer.
 * - `sent`: the organizer sent it; its content is frozen (a revision row keeps it).
 * - `signed_by_grantee`: the grantee uploaded the signed copy.
 * - `active`: the organizer countersigned; the application is `contracted`.
 * - `completed`: the project is closed (reports accepted, paid) — made by the reporting work.
 * - `terminated`: ended early, with a reason.
 *
 * A change of a sent (or signed, or active) contract is a new revision: the contract goes
 * back to `draft` with its revision number raised, and must be sent and signed again.
 *
 * This table is the only place that says which move is allowed; ContractsService is the
 * only code that writes `contracts.status`, and it asks this table.
 */
export const CONTRACT_STATUSES = ['draft', 'sent', 'signed_by_grantee', 'active', 'completed', 'terminated'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

/** Who makes a move: the organizer of the competition, the grantee, or the system (other work). */
export type ContractActor = 'organizer' | 'grantee' | 'system';

interface ContractTransition {
  to: ContractStatus;
  by: ContractActor;
}

export const CONTRACT_TRANSITIONS: Readonly<Record<ContractStatus, readonly ContractTransition[]>> = {
  draft: [
    { to: 'sent', by: 'organizer' },
    { to: 'terminated', by: 'organizer' },
  ],
  sent: [
    { to: 'signed_by_grantee', by: 'grantee' },
    { to: 'draft', by: 'organizer' }, // a new revision
    { to: 'terminated', by: 'organizer' },
  ],
  signed_by_grantee: [
    { to: 'active', by: 'organizer' }, // countersigned
    { to: 'draft', by: 'organizer' }, // a new revision, to be signed again
    { to: 'terminated', by: 'organizer' },
  ],
  active: [
    { to: 'completed', by: 'system' }, // reports accepted and paid: the reporting work closes it
    { to: 'draft', by: 'organizer' }, // an amendment: a new revision, to be signed again
    { to: 'terminated', by: 'organizer' },
  ],
  completed: [],
  terminated: [],
};

export function isContractStatus(value: string): value is ContractStatus {
  return (CONTRACT_STATUSES as readonly string[]).includes(value);
}

/** Null when `by` may move a contract from `from` to `to`; else the reason it may not. */
export function checkContractTransition(
  from: ContractStatus,
  to: ContractStatus,
  by: ContractActor,
): 'NOT_ALLOWED' | null {
  const move = CONTRACT_TRANSITIONS[from]?.find((t) => t.to === to);
  return move && move.by === by ? null : 'NOT_ALLOWED';
}

export function contractNextSteps(status: ContractStatus): ContractStatus[] {
  return CONTRACT_TRANSITIONS[status].map((t) => t.to);
}

/** The content (parties, sums, dates, annexes) may be changed only while a draft. */
export function isContentEditable(status: ContractStatus): boolean {
  return status === 'draft';
}

export function isContractFinal(status: ContractStatus): boolean {
  return CONTRACT_TRANSITIONS[status].length === 0;
}
