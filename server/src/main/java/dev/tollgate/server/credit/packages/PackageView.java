package dev.tollgate.server.credit.packages;

import dev.tollgate.core.credit.Denomination;
import dev.tollgate.core.money.Nanos;
import java.time.Instant;
import java.util.List;

/** A catalog package as the API shows it; amounts as strings (money decimal, units whole). */
record PackageView(
    String id, String name, String kind, List<String> meters, String denomination, String amount,
    String monthlyAllowance, String price, String currency, String validity, int refundableDays, Integer rank,
    Integer concurrency, boolean exclusive, boolean active, Long storageCapacity, Instant createdAt, Instant updatedAt) {

  static PackageView of(CatalogPackage p) {
    return new PackageView(p.id(), p.name(), p.kind().code(), p.meters(),
        p.denomination() == null ? null : p.denomination().code(), amount(p, p.amount()),
        amount(p, p.monthlyAllowance()), Nanos.format(p.priceNanos()), p.currency(), p.validity().toString(),
        p.refundableDays(), p.rank(), p.concurrency(), p.exclusive(), p.active(), p.storageCapacity(), p.createdAt(), p.updatedAt());
  }

  static String amount(CatalogPackage p, Long value) {
    if (value == null) {
      return null;
    }
    return p.denomination() == Denomination.MONEY ? Nanos.format(value) : Long.toString(value);
  }
}
