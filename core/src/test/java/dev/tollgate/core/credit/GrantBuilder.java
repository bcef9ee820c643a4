package dev.tollgate.core.credit;

import java.time.Instant;
import java.util.Set;

/** Test fixture: a grant with readable defaults, valid all of 2026, money, all meters. */
final class GrantBuilder {
  static final Instant JAN_1 = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant JAN_1_2027 = Instant.parse("2027-01-01T00:00:00Z");

  private final String id;
  private GrantClass grantClass = GrantClass.PREPAID;
  private Denomination denomination = Denomination.MONEY;
  private MeterScope scope = MeterScope.allMeters();
  private Instant effectiveAt = JAN_1;
  private Instant expiresAt = JAN_1_2027;
  private int priority = Grant.PRIORITY_DEFAULT;
  private Instant createdAt = JAN_1;
  private long amount = 100;
  private Long remaining;
  private boolean requiresEdition;
  private boolean voided;

  private GrantBuilder(String id) {
    this.id = id;
  }

  static GrantBuilder grant(String id) {
    return new GrantBuilder(id);
  }

  GrantBuilder of(GrantClass c) {
    grantClass = c;
    return this;
  }

  GrantBuilder money(long nanos) {
    denomination = Denomination.MONEY;
    amount = nanos;
    return this;
  }

  GrantBuilder units(String meter, long units) {
    denomination = Denomination.UNITS;
    scope = MeterScope.meter(meter);
    amount = units;
    return this;
  }

  GrantBuilder remaining(long left) {
    remaining = left;
    return this;
  }

  GrantBuilder onlyFor(String... meters) {
    scope = MeterScope.meters(Set.of(meters));
    return this;
  }

  GrantBuilder valid(String from, String until) {
    effectiveAt = Instant.parse(from);
    expiresAt = until == null ? null : Instant.parse(until);
    return this;
  }

  GrantBuilder neverExpires() {
    expiresAt = null;
    return this;
  }

  GrantBuilder priority(int p) {
    priority = p;
    return this;
  }

  GrantBuilder createdAt(String at) {
    createdAt = Instant.parse(at);
    return this;
  }

  GrantBuilder addOn() {
    requiresEdition = true;
    return this;
  }

  GrantBuilder voided() {
    voided = true;
    return this;
  }

  Grant build() {
    return new Grant(
        id, grantClass, denomination, scope, effectiveAt, expiresAt, priority, createdAt, amount,
        remaining == null ? amount : remaining, requiresEdition, voided);
  }
}
