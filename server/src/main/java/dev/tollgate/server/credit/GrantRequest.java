package dev.tollgate.server.credit;

import dev.tollgate.core.credit.Denomination;
import dev.tollgate.core.credit.Grant;
import dev.tollgate.core.credit.GrantClass;
import dev.tollgate.core.credit.MeterScope;
import dev.tollgate.core.money.Nanos;
import dev.tollgate.server.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * A grant request, checked field by field ({@link #check}) before anything is read or written.
 * Instants are cut to microseconds, the database's resolution, so a retry compares equal.
 *
 * @param effectiveAt null: the clock's now when issued
 */
public record GrantRequest(
    GrantClass grantClass,
    Denomination denomination,
    MeterScope scope,
    long amount,
    Instant effectiveAt,
    Instant expiresAt,
    int priority,
    boolean requiresEdition,
    String idempotencyKey) {

  /** Meters one grant may list: a package covers a handful of APIs, never a catalogue. */
  public static final int METERS_MAX = 100;
  public static final int METER_LENGTH_MAX = 128;
  /** Priorities 0..1000 leave room around the default 50 without inviting overflow games. */
  public static final int PRIORITY_MAX = 1000;
  /** Long enough for a UUID with a prefix, short enough to index cheaply. */
  public static final int KEY_LENGTH_MAX = 128;

  /** Checks the fields in the order of the body; the first problem wins. */
  public static GrantRequest check(
      String kind, String denomination, List<String> meters, JsonNode amount, Instant effectiveAt,
      Instant expiresAt, Integer priority, Boolean requiresEdition, String idempotencyKey) {
    GrantClass checkedClass = parse(
        () -> GrantClass.fromCode(requiredText(kind, "kind")), CreditRejection.KIND_INVALID, "kind");
    Denomination checkedDenomination = parse(
        () -> Denomination.fromCode(requiredText(denomination, "denomination")),
        CreditRejection.DENOMINATION_INVALID, "denomination");
    MeterScope scope = scope(meters);
    if (checkedDenomination == Denomination.UNITS
        && !(scope instanceof MeterScope.Meters m && m.meterNames().size() == 1)) {
      throw CreditRejection.UNITS_NEED_ONE_METER.exception("meters");
    }
    if (checkedClass == GrantClass.ALLOCATION && checkedDenomination != Denomination.MONEY) {
      throw CreditRejection.ALLOCATION_NOT_MONEY.exception("denomination");
    }
    long checkedAmount = amount(amount, checkedDenomination);
    Instant effective = effectiveAt == null ? null : effectiveAt.truncatedTo(ChronoUnit.MICROS);
    Instant expires = expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MICROS);
    if (expires != null && effective != null && !expires.isAfter(effective)) {
      throw CreditRejection.EXPIRY_NOT_AFTER_EFFECTIVE.exception("expiresAt");
    }
    int checkedPriority = priority == null ? Grant.PRIORITY_DEFAULT : priority;
    if (checkedPriority < 0 || checkedPriority > PRIORITY_MAX) {
      throw CreditRejection.PRIORITY_INVALID.exception("priority");
    }
    checkKey(idempotencyKey, false);
    return new GrantRequest(checkedClass, checkedDenomination, scope, checkedAmount, effective, expires,
        checkedPriority, requiresEdition != null && requiresEdition, idempotencyKey);
  }

  /**
   * The grant's validity at {@code now}: effectiveAt defaults to now; an expiry at or before the
   * start, or already past, would issue credit nobody can use.
   */
  public Instant effectiveAtOr(Instant now) {
    Instant effective = effectiveAt != null ? effectiveAt : now;
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      throw CreditRejection.EXPIRY_IN_PAST.exception("expiresAt");
    }
    if (expiresAt != null && !expiresAt.isAfter(effective)) {
      throw CreditRejection.EXPIRY_NOT_AFTER_EFFECTIVE.exception("expiresAt");
    }
    return effective;
  }

  /** A digest of the request as sent: a retry with the same key must send the same. */
  public String digest() {
    return sha256(String.join("|", grantClass.code(), denomination.code(),
        String.join(",", GrantRows.meters(scope) == null ? new String[] {"*"} : GrantRows.meters(scope)),
        Long.toString(amount), String.valueOf(effectiveAt), String.valueOf(expiresAt), Integer.toString(priority),
        Boolean.toString(requiresEdition)));
  }

  static void checkKey(String key, boolean required) {
    if (key == null) {
      if (required) {
        throw ApiException.missingField("idempotencyKey");
      }
      return;
    }
    if (key.isEmpty() || key.length() > KEY_LENGTH_MAX) {
      throw CreditRejection.IDEMPOTENCY_KEY_INVALID.exception("idempotencyKey");
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static String requiredText(String value, String field) {
    if (value == null) {
      throw ApiException.missingField(field);
    }
    return value;
  }

  private static <T> T parse(Supplier<T> parser, CreditRejection rejection, String field) {
    try {
      return parser.get();
    } catch (IllegalArgumentException e) {
      throw rejection.exception(field);
    }
  }

  private static MeterScope scope(List<String> meters) {
    if (meters == null) {
      return MeterScope.allMeters();
    }
    if (meters.isEmpty()) {
      throw CreditRejection.METERS_EMPTY.exception("meters");
    }
    if (meters.size() > METERS_MAX) {
      throw CreditRejection.METERS_TOO_MANY.exception("meters");
    }
    Set<String> names = new LinkedHashSet<>();
    for (String m : meters) {
      if (m == null || m.isBlank() || m.length() > METER_LENGTH_MAX || !names.add(m)) {
        throw CreditRejection.METER_INVALID.exception("meters");
      }
    }
    return MeterScope.meters(names);
  }

  /**
   * Money is a decimal string in the account currency; units are whole units, as a string
   * ({@code "500"}) or, since they are a count, a JSON integer.
   */
  private static long amount(JsonNode amount, Denomination denomination) {
    if (amount == null || amount.isNull()) {
      throw ApiException.missingField("amount");
    }
    long value;
    if (denomination == Denomination.UNITS) {
      String text = amount.isIntegralNumber() && amount.canConvertToLong() ? Long.toString(amount.asLong())
          : amount.isString() ? amount.asString() : null;
      if (text == null || !text.matches("-?[0-9]{1,18}")) {
        throw CreditRejection.UNITS_AMOUNT_INVALID.exception("amount");
      }
      value = Long.parseLong(text);
    } else {
      if (!amount.isString()) {
        throw new ApiException(HttpStatus.BAD_REQUEST,
            "invalid_type", "amount is a decimal string, e.g. \"12.50\"", "amount");
      }
      value = Nanos.parse(amount.asString());
    }
    if (value <= 0) {
      throw CreditRejection.AMOUNT_NOT_POSITIVE.exception("amount");
    }
    return value;
  }
}
