package dev.tollgate.core.credit;

/** What a grant's amount counts. */
public enum Denomination {
  /** Nanos of the account currency (or the platform's credit unit). */
  MONEY("money"),
  /** The one scoped meter's own billable units: pictures, tokens, calls. */
  UNITS("units");

  private final String code;

  Denomination(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Denomination fromCode(String code) {
    for (Denomination d : values()) {
      if (d.code.equals(code)) {
        return d;
      }
    }
    throw new IllegalArgumentException("unknown denomination: " + code);
  }
}
