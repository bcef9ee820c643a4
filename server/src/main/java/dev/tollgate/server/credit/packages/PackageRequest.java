package dev.tollgate.server.credit.packages;

import dev.tollgate.core.credit.Denomination;
import dev.tollgate.core.credit.packages.PackageKind;
import dev.tollgate.core.credit.packages.Validity;
import dev.tollgate.core.money.Nanos;
import dev.tollgate.server.http.ApiException;
import java.time.DateTimeException;
import java.time.Period;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/** Checks a catalog package's body field by field, in body order; the first problem wins. */
final class PackageRequest {
  static final int ID_LENGTH_MAX = 128;
  static final int NAME_LENGTH_MAX = 200;
  /** A package covers a handful of APIs, never a catalogue (as a grant, GrantRequest.METERS_MAX). */
  static final int METERS_MAX = 100;
  static final int METER_LENGTH_MAX = 128;
  /** Seed 004 refunds within 7 days; a year is the longest window an operator could mean. */
  static final int REFUNDABLE_DAYS_MAX = 366;
  /** Seed 000 has three editions; a thousand ranks leave room without inviting overflow games. */
  static final int RANK_MAX = 1000;
  /** Extra concurrent calls one package may add: far above any seed's "n" slots. */
  static final int CONCURRENCY_MAX = 10_000;
  /** Storage units an edition may grant: 10^12 (a petabyte in MB); far above seed 000's editions. */
  public static final long STORAGE_CAPACITY_MAX = 1_000_000_000_000L;
  /** The default refund window: seed 004's "refund it within 7 days". */
  static final int REFUNDABLE_DAYS_DEFAULT = 7;

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1," + ID_LENGTH_MAX + "}");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z][A-Z0-9]{2,15}");

  private PackageRequest() {}

  record Body(
      String name, String kind, List<String> meters, String denomination, JsonNode amount, String price,
      String currency, String validity, Integer refundableDays, Integer rank, Integer concurrency,
      JsonNode monthlyAllowance, Boolean active, Boolean exclusive, Long storageCapacity) {}

  static CatalogPackage check(String id, Body b) {
    if (id == null || !ID.matcher(id).matches()) {
      throw PackageRejection.PACKAGE_ID_INVALID.exception("id");
    }
    String name = required(b.name(), "name");
    if (name.isBlank() || name.length() > NAME_LENGTH_MAX) {
      throw PackageRejection.NAME_INVALID.exception("name");
    }
    PackageKind kind = PackageKind.fromCode(required(b.kind(), "kind"))
        .orElseThrow(() -> PackageRejection.KIND_INVALID.exception("kind"));
    boolean concurrencyKind = kind == PackageKind.CONCURRENCY;
    boolean edition = kind == PackageKind.EDITION;
    List<String> meters = meters(b.meters());
    if (concurrencyKind && meters == null) {
      throw ApiException.missingField("meters");
    }
    Denomination denomination = null;
    if (concurrencyKind) {
      notApplicable(b.denomination(), "denomination");
      notApplicable(b.amount(), "amount");
    } else {
      try {
        denomination = Denomination.fromCode(required(b.denomination(), "denomination"));
      } catch (IllegalArgumentException e) {
        throw PackageRejection.DENOMINATION_INVALID.exception("denomination");
      }
      if (denomination == Denomination.UNITS && (meters == null || meters.size() != 1)) {
        throw PackageRejection.UNITS_NEED_ONE_METER.exception("meters");
      }
    }
    Long amount = null;
    if (edition) {
      notApplicable(b.amount(), "amount");
    } else if (!concurrencyKind) {
      amount = amount(b.amount(), denomination, "amount");
    }
    long priceNanos = Nanos.parse(required(b.price(), "price"));
    if (priceNanos < 0) {
      throw PackageRejection.PRICE_NEGATIVE.exception("price");
    }
    String currency = required(b.currency(), "currency");
    if (!CURRENCY.matcher(currency).matches()) {
      throw PackageRejection.CURRENCY_INVALID.exception("currency");
    }
    Period validity = validity(required(b.validity(), "validity"));
    int refundableDays = b.refundableDays() == null ? REFUNDABLE_DAYS_DEFAULT : b.refundableDays();
    if (refundableDays < 0 || refundableDays > REFUNDABLE_DAYS_MAX) {
      throw PackageRejection.REFUNDABLE_DAYS_INVALID.exception("refundableDays");
    }
    Integer rank = null;
    if (edition) {
      rank = required(b.rank(), "rank");
      if (rank < 0 || rank > RANK_MAX) {
        throw PackageRejection.RANK_INVALID.exception("rank");
      }
    } else {
      notApplicable(b.rank(), "rank");
    }
    Integer concurrency = null;
    if (concurrencyKind) {
      concurrency = required(b.concurrency(), "concurrency");
      if (concurrency < 1 || concurrency > CONCURRENCY_MAX) {
        throw PackageRejection.CONCURRENCY_INVALID.exception("concurrency");
      }
    } else {
      notApplicable(b.concurrency(), "concurrency");
      notApplicable(b.exclusive(), "exclusive");
    }
    Long monthlyAllowance = null;
    if (edition) {
      monthlyAllowance = amount(b.monthlyAllowance(), denomination, "monthlyAllowance");
    } else {
      notApplicable(b.monthlyAllowance(), "monthlyAllowance");
    }
    Long storageCapacity = null;
    if (edition) {
      storageCapacity = b.storageCapacity();
      if (storageCapacity != null && (storageCapacity < 0 || storageCapacity > STORAGE_CAPACITY_MAX)) {
        throw PackageRejection.STORAGE_CAPACITY_INVALID.exception("storageCapacity");
      }
    } else {
      notApplicable(b.storageCapacity(), "storageCapacity");
    }
    return new CatalogPackage(id, name, kind, meters, denomination, amount, monthlyAllowance, priceNanos, currency,
        validity, refundableDays, rank, concurrency, Boolean.TRUE.equals(b.exclusive()), b.active() == null || b.active(),
        storageCapacity, null, null);
  }

  static Period validity(String text) {
    Period period;
    try {
      period = Period.parse(text);
    } catch (DateTimeException e) {
      throw PackageRejection.VALIDITY_INVALID.exception("validity");
    }
    if (!Validity.acceptable(period)) {
      throw PackageRejection.VALIDITY_INVALID.exception("validity");
    }
    return period;
  }

  private static <T> T required(T value, String field) {
    if (value == null) {
      throw ApiException.missingField(field);
    }
    return value;
  }

  private static void notApplicable(Object value, String field) {
    if (value != null && !(value instanceof JsonNode n && n.isNull())) {
      throw PackageRejection.FIELD_NOT_APPLICABLE.exception(field);
    }
  }

  private static List<String> meters(List<String> meters) {
    if (meters == null) {
      return null;
    }
    if (meters.isEmpty()) {
      throw PackageRejection.METERS_EMPTY.exception("meters");
    }
    if (meters.size() > METERS_MAX) {
      throw PackageRejection.METERS_TOO_MANY.exception("meters");
    }
    Set<String> names = new LinkedHashSet<>();
    for (String m : meters) {
      if (m == null || m.isBlank() || m.length() > METER_LENGTH_MAX || !names.add(m)) {
        throw PackageRejection.METER_INVALID.exception("meters");
      }
    }
    return names.stream().sorted().toList();
  }

  /** Money as a decimal string; units as whole units, a string or (a count) a JSON integer. */
  private static long amount(JsonNode amount, Denomination denomination, String field) {
    if (amount == null || amount.isNull()) {
      throw ApiException.missingField(field);
    }
    long value;
    if (denomination == Denomination.UNITS) {
      String text = amount.isIntegralNumber() && amount.canConvertToLong() ? Long.toString(amount.asLong())
          : amount.isString() ? amount.asString() : null;
      if (text == null || !text.matches("-?[0-9]{1,18}")) {
        throw PackageRejection.AMOUNT_INVALID.exception(field);
      }
      value = Long.parseLong(text);
    } else {
      if (!amount.isString()) {
        throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_type", field + " is a decimal string, e.g. \"12.50\"", field);
      }
      value = Nanos.parse(amount.asString());
    }
    if (value <= 0) {
      throw PackageRejection.AMOUNT_NOT_POSITIVE.exception(field);
    }
    return value;
  }
}
