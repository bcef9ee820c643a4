package dev.tollgate.core.accounts;

/** Why an account write is refused. {@link #code()} is stable: clients match on it. */
public enum AccountRejection {
  ID_INVALID("account_id_invalid", "an account id is 1 to 64 of A-Z a-z 0-9 . _ - , starting with a letter or digit"),
  NAME_INVALID("name_invalid", "a name is 1 to 200 characters and not blank"),
  CURRENCY_INVALID("currency_invalid", "a currency is an ISO 4217 code or a credit unit such as CREDITS: 2 to 16 of A-Z 0-9 _"),
  TIMEZONE_INVALID("timezone_invalid", "a time zone is an IANA region id such as Europe/Berlin, or UTC"),
  PARENT_NOT_FOUND("parent_not_found", "the parent account does not exist"),
  PARENT_NOT_ROOT("parent_not_root", "sub-accounts are one level deep: the parent must be a root account"),
  CURRENCY_MISMATCH("currency_mismatch", "a sub-account uses its root account's currency"),
  STATUS_INVALID("status_invalid", "status is one of active, suspended, closed");

  private final String code;
  private final String message;

  AccountRejection(String code, String message) {
    this.code = code;
    this.message = message;
  }

  public String code() {
    return code;
  }

  public String message() {
    return message;
  }
}
