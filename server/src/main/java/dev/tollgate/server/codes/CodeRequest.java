package dev.tollgate.server.codes;

import dev.tollgate.core.accounts.AccountRules;
import dev.tollgate.core.money.Nanos;
import dev.tollgate.server.http.ApiException;
import java.time.Instant;
import java.util.regex.Pattern;

/** A request to create a batch of codes, checked before anything is written. */
record CodeRequest(
    CodeKind kind, Long amountNanos, String currency, String planId, String packageId, Integer days, int count,
    int maxRedemptions, int perAccountLimit, Instant expiresAt, String description) {

  /** One batch is one INSERT round trip per code and one response: a thousand fits both comfortably. */
  static final int COUNT_MAX = 1_000;
  /** Enough for a public promotion; bounded so the CHECK on redeemed_count stays an int. */
  static final int MAX_REDEMPTIONS_MAX = 1_000_000;
  /** Ten years: a plan code for longer is a lifetime plan, which the plan itself says. */
  static final int DAYS_MAX = 3_650;
  static final int DESCRIPTION_LENGTH_MAX = 500;
  /** Plan and package ids follow the ids of the rest of the API. */
  static final Pattern REFERENCE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  enum CodeKind {
    BALANCE("balance"),
    PLAN("plan"),
    PACKAGE("package");

    private final String code;

    CodeKind(String code) {
      this.code = code;
    }

    String code() {
      return code;
    }

    static CodeKind of(String code) {
      for (CodeKind k : values()) {
        if (k.code.equals(code)) {
          return k;
        }
      }
      throw ApiException.invalidField("kind", "kind_invalid", "kind is balance, plan or package");
    }
  }

  static CodeRequest check(
      String kindText, String amount, String currency, String planId, String packageId, Integer days, Integer count,
      Integer maxRedemptions, Integer perAccountLimit, Instant expiresAt, String description, Instant now) {
    if (kindText == null) {
      throw ApiException.missingField("kind");
    }
    CodeKind kind = CodeKind.of(kindText);
    Long amountNanos = null;
    String unit = null;
    switch (kind) {
      case BALANCE -> {
        if (amount == null) {
          throw ApiException.missingField("amount");
        }
        amountNanos = Nanos.parse(amount);
        if (amountNanos <= 0) {
          throw ApiException.invalidField("amount", "amount_not_positive", "amount is above zero");
        }
        unit = currency == null ? "USD" : currency;
        if (AccountRules.checkCurrency(unit).isPresent()) {
          throw ApiException.invalidField("currency", "currency_invalid", "currency is a code like USD or CNY");
        }
        forbid("planId", planId);
        forbid("packageId", packageId);
        forbid("days", days);
      }
      case PLAN -> {
        requireReference("planId", planId);
        if (days == null) {
          throw ApiException.missingField("days");
        }
        if (days < 1 || days > DAYS_MAX) {
          throw ApiException.invalidField("days", "days_invalid", "days is between 1 and " + DAYS_MAX);
        }
        forbid("amount", amount);
        forbid("currency", currency);
        forbid("packageId", packageId);
      }
      case PACKAGE -> {
        requireReference("packageId", packageId);
        forbid("amount", amount);
        forbid("currency", currency);
        forbid("planId", planId);
        forbid("days", days);
      }
    }
    int n = count == null ? 1 : count;
    if (n < 1 || n > COUNT_MAX) {
      throw ApiException.invalidField("count", "count_invalid", "count is between 1 and " + COUNT_MAX);
    }
    int max = maxRedemptions == null ? 1 : maxRedemptions;
    if (max < 1 || max > MAX_REDEMPTIONS_MAX) {
      throw ApiException.invalidField(
          "maxRedemptions", "max_redemptions_invalid", "maxRedemptions is between 1 and " + MAX_REDEMPTIONS_MAX);
    }
    int perAccount = perAccountLimit == null ? 1 : perAccountLimit;
    if (perAccount < 1 || perAccount > max) {
      throw ApiException.invalidField(
          "perAccountLimit", "per_account_limit_invalid", "perAccountLimit is between 1 and maxRedemptions");
    }
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      throw ApiException.invalidField("expiresAt", "expiry_in_past", "expiresAt is in the future");
    }
    String text = description == null ? "" : description;
    if (text.length() > DESCRIPTION_LENGTH_MAX) {
      throw ApiException.invalidField(
          "description", "description_too_long", "a description has at most " + DESCRIPTION_LENGTH_MAX + " characters");
    }
    return new CodeRequest(kind, amountNanos, unit, planId, packageId, days, n, max, perAccount, expiresAt, text);
  }

  private static void requireReference(String field, String value) {
    if (value == null) {
      throw ApiException.missingField(field);
    }
    if (!REFERENCE_ID.matcher(value).matches()) {
      throw ApiException.invalidField(field, "reference_invalid", field + " is 1 to 128 letters, digits or . _ : -");
    }
  }

  private static void forbid(String field, Object value) {
    if (value != null) {
      throw ApiException.invalidField(field, "field_not_for_kind", field + " does not apply to this kind of code");
    }
  }
}
