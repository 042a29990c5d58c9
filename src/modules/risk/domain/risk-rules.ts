/** A limit in minor units that may differ per currency; `default` (or null: no limit) for the others. */
export interface CurrencyLimits {
  readonly default: number | null;
  readonly perCurrency: Readonly<Record<string, number>>;
}

/** The rules risk applies to every payment, editable at run time (GET/PUT /v1/risk/rules). */
export interface RiskRules {
  readonly maxAmount: CurrencyLimits;
  readonly velocity: {
    readonly windowSeconds: number;
    /** Most payments one source account may make in the window, this one included. */
    readonly maxCount: number;
    /** Most it may send in the window, this payment included. */
    readonly maxSum: CurrencyLimits;
  };
  readonly newAccount: {
    /** An account younger than this is "new". */
    readonly ageHours: number;
    /** A lower limit for one payment from a new account. */
    readonly maxAmount: CurrencyLimits;
  };
  /** What each rule adds to the score when it fires. */
  readonly scores: {
    readonly maxAmount: number;
    readonly velocity: number;
    readonly newAccount: number;
    readonly blocklist: number;
  };
  /** A score at or above `reject` rejects; at or above `review` holds the payment for a person. */
  readonly thresholds: { readonly review: number; readonly reject: number };
}

export const DEFAULT_RULES: RiskRules = {
  maxAmount: { default: 100_000_000, perCurrency: {} },
  velocity: { windowSeconds: 3600, maxCount: 100, maxSum: { default: null, perCurrency: {} } },
  newAccount: { ageHours: 24, maxAmount: { default: 10_000_000, perCurrency: {} } },
  scores: { maxAmount: 100, velocity: 80, newAccount: 50, blocklist: 100 },
  thresholds: { review: 50, reject: 80 },
};

export function limitFor(limits: CurrencyLimits, currency: string): number | null {
  return limits.perCurrency[currency] ?? limits.default;
}

/** Who changed the rules: the API key. */
export interface RuleChanger {
  readonly keyId: string;
  readonly keyName: string;
}

/** One version of the rules document, in the history. */
export interface RuleChange {
  readonly id: string;
  readonly rules: RiskRules;
  readonly changedBy: RuleChanger;
  readonly changedAt: Date;
}
