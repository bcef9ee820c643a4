package dev.tollgate.server.console;

/** What a console page or action needs. */
public enum Permission {
  /** The non-billing pages: usage log, reports, accounts with keys and holds, reconciliation. */
  READ,
  /** Billing settings, pricing, packages and plans, codes, grants and bills (seed 000's billing permission). */
  BILLING,
  /** Operators and everything else. */
  ADMINISTER
}
