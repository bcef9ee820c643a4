package dev.tollgate.core.money;

/**
 * An amount string that is not a valid decimal amount. {@link #code()} is a stable snake_case
 * reason that the HTTP layer returns as the problem's {@code code}.
 */
public final class AmountFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String code;

  public AmountFormatException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
