/** Shapes of the A/B/C draw fixed by LOTTERY.md; plain data so any caller can build them. */

export interface DrawArm {
  code: string;
  /** Positive integer; arms share a stratum in proportion to their weights. */
  weight: number;
}

export interface DrawEntry {
  applicationNumber: string;
  /** Stratum key, e.g. the region code, or several attributes joined with `|`. */
  stratum: string;
}

export interface DrawAssignment {
  applicationNumber: string;
  stratum: string;
  arm: string;
}

export interface DrawInput {
  /** The 32-byte secret committed to at preparation, as 64 hex characters. */
  seed: string;
  /** UTF-8 string fixed in public after the commitment; empty when none was given. */
  publicEntropy: string;
  arms: DrawArm[];
  entries: DrawEntry[];
}

export interface DrawResult {
  poolHash: string;
  commitment: string;
  /** Strata ascending; within a stratum in the order the shuffled members were walked. */
  assignments: DrawAssignment[];
}
