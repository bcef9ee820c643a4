package dev.tollgate.core.credit;

/** What paid for (part of) a charge; the codes are the API's {@code charges[].source}. */
public enum BurnSource {
  GRANT("grant"),
  WALLET("wallet"),
  POSTPAID("postpaid");

  private final String code;

  BurnSource(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
