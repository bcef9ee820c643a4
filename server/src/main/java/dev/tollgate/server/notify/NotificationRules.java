package dev.tollgate.server.notify;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks of notification settings' fields; each throws the first {@link NotificationRejection}. */
final class NotificationRules {
  static final int PERCENT_MIN = 1;
  static final int PERCENT_MAX = 99;
  /** Seed 000 uses three thresholds and four expiry notices; five leaves room without spamming. */
  static final int THRESHOLDS_MAX = 5;
  /** A year: prepaid packages (seed 004) are valid one year; earlier notices are noise. */
  static final int EXPIRY_DAYS_MAX_VALUE = 365;
  /** Common browser and proxy URL limit. */
  static final int URL_LENGTH_MAX = 2048;
  /** 16 characters is the floor for an HMAC key a person would type; 256 is far above SHA-256's block. */
  static final int SECRET_LENGTH_MIN = 16;
  static final int SECRET_LENGTH_MAX = 256;
  /** A team's billing contacts, not a mailing list. */
  static final int RECIPIENTS_MAX = 10;
  /** RFC 5321's limit on a forward path. */
  static final int EMAIL_LENGTH_MAX = 254;

  // Deliberately plain: one local part, one domain with a dot-free or dotted host; no display
  // names, no lists, no whitespace or control characters, so the address cannot inject headers.
  private static final Pattern EMAIL = Pattern.compile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$");
  private static final Pattern PRINTABLE = Pattern.compile("^[\\x21-\\x7e]+$");

  private NotificationRules() {}

  static List<Integer> creditThresholds(List<Integer> percents, String field) {
    return distinctInRange(percents, field, PERCENT_MIN, PERCENT_MAX, NotificationRejection.CREDIT_THRESHOLD_INVALID,
        NotificationRejection.CREDIT_THRESHOLDS_DUPLICATE, NotificationRejection.CREDIT_THRESHOLDS_TOO_MANY);
  }

  static List<Integer> expiryDays(List<Integer> days, String field) {
    return distinctInRange(days, field, 1, EXPIRY_DAYS_MAX_VALUE, NotificationRejection.EXPIRY_DAY_INVALID,
        NotificationRejection.EXPIRY_DAYS_DUPLICATE, NotificationRejection.EXPIRY_DAYS_TOO_MANY);
  }

  /** Returns the values, largest first, so stored settings read the way the seed says them. */
  private static List<Integer> distinctInRange(
      List<Integer> values, String field, int min, int max, NotificationRejection invalid,
      NotificationRejection duplicate, NotificationRejection tooMany) {
    if (values.size() > THRESHOLDS_MAX) {
      throw tooMany.exception(field);
    }
    Set<Integer> seen = new HashSet<>();
    for (Integer v : values) {
      if (v == null || v < min || v > max) {
        throw invalid.exception(field);
      }
      if (!seen.add(v)) {
        throw duplicate.exception(field);
      }
    }
    return values.stream().sorted(java.util.Comparator.reverseOrder()).toList();
  }

  static String webhookUrl(String url, String field) {
    if (url.length() > URL_LENGTH_MAX) {
      throw NotificationRejection.WEBHOOK_URL_INVALID.exception(field);
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme();
      if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
        throw NotificationRejection.WEBHOOK_URL_INVALID.exception(field);
      }
    } catch (URISyntaxException e) {
      throw NotificationRejection.WEBHOOK_URL_INVALID.exception(field);
    }
    return url;
  }

  static String webhookSecret(String secret, String field) {
    if (secret.length() < SECRET_LENGTH_MIN || secret.length() > SECRET_LENGTH_MAX || !PRINTABLE.matcher(secret).matches()) {
      throw NotificationRejection.WEBHOOK_SECRET_INVALID.exception(field);
    }
    return secret;
  }

  static String email(String address, String field) {
    if (address == null || address.length() > EMAIL_LENGTH_MAX || !EMAIL.matcher(address).matches()) {
      throw NotificationRejection.EMAIL_INVALID.exception(field);
    }
    return address;
  }

  static List<String> recipients(List<String> addresses, String field) {
    if (addresses.size() > RECIPIENTS_MAX) {
      throw NotificationRejection.EMAIL_RECIPIENTS_TOO_MANY.exception(field);
    }
    for (String a : addresses) {
      email(a, field);
    }
    return List.copyOf(addresses);
  }
}
