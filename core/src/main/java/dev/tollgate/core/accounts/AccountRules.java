package dev.tollgate.core.accounts;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Validation of account fields, each failure a {@link AccountRejection} value. */
public final class AccountRules {
  public static final int ID_LENGTH_MAX = 64;
  public static final int NAME_LENGTH_MAX = 200;

  // Ids travel in URLs and ledger account codes: keep them to characters that need no escaping.
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  // ISO 4217 codes (USD) or a platform's own credit unit (CREDITS, PU).
  private static final Pattern UNIT = Pattern.compile("[A-Z][A-Z0-9_]{1,15}");
  private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

  private AccountRules() {}

  public static Optional<AccountRejection> checkId(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      return Optional.of(AccountRejection.ID_INVALID);
    }
    return Optional.empty();
  }

  public static Optional<AccountRejection> checkName(String name) {
    if (name == null || name.isBlank() || name.length() > NAME_LENGTH_MAX) {
      return Optional.of(AccountRejection.NAME_INVALID);
    }
    return Optional.empty();
  }

  public static Optional<AccountRejection> checkCurrency(String currency) {
    if (currency == null || !UNIT.matcher(currency).matches()) {
      return Optional.of(AccountRejection.CURRENCY_INVALID);
    }
    return Optional.empty();
  }

  /** IANA region ids and {@code UTC} only: a fixed offset does not follow daylight saving. */
  public static Optional<AccountRejection> checkTimezone(String timezone) {
    if (timezone == null) {
      return Optional.of(AccountRejection.TIMEZONE_INVALID);
    }
    if (timezone.equals("UTC") || ZONES.contains(timezone)) {
      try {
        ZoneId.of(timezone);
        return Optional.empty();
      } catch (DateTimeException e) {
        return Optional.of(AccountRejection.TIMEZONE_INVALID);
      }
    }
    return Optional.of(AccountRejection.TIMEZONE_INVALID);
  }
}
