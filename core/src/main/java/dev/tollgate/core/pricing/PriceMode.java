package dev.tollgate.core.pricing;

/** How a meter is priced per call. {@link #code()} is the stable string of the HTTP API. */
public enum PriceMode {
  TOKEN("token"),
  CALL("call"),
  SECOND("second"),
  UNIT("unit"),
  FREE("free");

  private final String code;

  PriceMode(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
