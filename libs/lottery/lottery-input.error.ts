/** Why a draw input was refused; codes are stable so callers can map them to their own messages. */
export enum DrawInputProblemCode {
  INVALID_SEED = 'INVALID_SEED',
  INVALID_PUBLIC_ENTROPY = 'INVALID_PUBLIC_ENTROPY',
  EMPTY_POOL = 'EMPTY_POOL',
  DUPLICATE_APPLICATION = 'DUPLICATE_APPLICATION',
  INVALID_APPLICATION_NUMBER = 'INVALID_APPLICATION_NUMBER',
  INVALID_STRATUM = 'INVALID_STRATUM',
  NO_ARMS = 'NO_ARMS',
  DUPLICATE_ARM = 'DUPLICATE_ARM',
  INVALID_ARM_CODE = 'INVALID_ARM_CODE',
  INVALID_WEIGHT = 'INVALID_WEIGHT',
}

export interface DrawInputProblem {
  code: DrawInputProblemCode;
  /** Plain English, naming the offending item so a person can fix the data. */
  message: string;
}

export class LotteryInputError extends Error {
  readonly problems: readonly DrawInputProblem[];

  constructor(problems: readonly DrawInputProblem[]) {
    const first = problems[0]?.message ?? 'invalid draw input';
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem(s))` : '';
    super(`Invalid draw input: ${first}${more}`);
    this.name = 'LotteryInputError';
    this.problems = problems;
  }

  /** The code of the first problem, enough for callers that map one error to one response. */
  get code(): DrawInputProblemCode {
    return this.problems[0].code;
  }

  get codes(): DrawInputProblemCode[] {
    return this.problems.map((problem) => problem.code);
  }
}
