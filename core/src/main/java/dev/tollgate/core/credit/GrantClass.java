package dev.tollgate.core.credit;

/**
 * What kind of credit a grant is. The declaration order IS the burn order: a call burns every
 * eligible grant of an earlier class before any grant of a later one, and the wallet balance
 * (which is not a grant) after all of them. Do not reorder without updating the README.
 */
public enum GrantClass {
  /** Team quota a root account gave a member: "the member's calls burn the allocation first". */
  ALLOCATION("allocation"),
  /** Free quota, e.g. on activation (seed 004). */
  FREE("free"),
  /** Trial allowance, "used first" (seed 001). */
  TRIAL("trial"),
  /** An edition's or plan's period allowance ("PU/month", seed 000). */
  EDITION("edition"),
  /** A prepaid resource package (seeds 000, 002, 004). */
  PREPAID("prepaid"),
  /** Promotional or redemption-code credit (seed 003). */
  PROMO("promo");

  private final String code;

  GrantClass(String code) {
    this.code = code;
  }

  /** Stable snake_case name used in the API ({@code "kind"}) and in ledger account codes. */
  public String code() {
    return code;
  }

  /** The class whose {@link #code()} is {@code code}; throws for an unknown code. */
  public static GrantClass fromCode(String code) {
    for (GrantClass c : values()) {
      if (c.code.equals(code)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown grant class: " + code);
  }
}
