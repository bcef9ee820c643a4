package dev.tollgate.server.credit.packages;

import dev.tollgate.core.credit.Denomination;
import dev.tollgate.core.credit.MeterScope;
import dev.tollgate.core.credit.packages.PackageKind;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Set;

/**
 * A package of the operator's catalog. Which optional fields are set depends on the kind (the
 * database checks it again): {@code amount} for prepaid and add-on packages, {@code rank} and
 * {@code monthlyAllowance} (and optionally {@code storageCapacity}, storage units the edition grants
 * while in effect) for editions, {@code concurrency} (and
 * {@code exclusive}: seed 000's exclusive concurrency, whose calls consume no credit) for concurrency
 * packages.
 *
 * @param meters null: every meter
 * @param denomination null only for concurrency packages, which give no credit
 */
public record CatalogPackage(
    String id,
    String name,
    PackageKind kind,
    List<String> meters,
    Denomination denomination,
    Long amount,
    Long monthlyAllowance,
    long priceNanos,
    String currency,
    Period validity,
    int refundableDays,
    Integer rank,
    Integer concurrency,
    boolean exclusive,
    boolean active,
    Long storageCapacity,
    Instant createdAt,
    Instant updatedAt) {

  public MeterScope scope() {
    return meters == null ? MeterScope.allMeters() : MeterScope.meters(Set.copyOf(meters));
  }

  CatalogPackage withTimes(Instant created, Instant updated) {
    return new CatalogPackage(id, name, kind, meters, denomination, amount, monthlyAllowance, priceNanos, currency,
        validity, refundableDays, rank, concurrency, exclusive, active, storageCapacity, created, updated);
  }
}
