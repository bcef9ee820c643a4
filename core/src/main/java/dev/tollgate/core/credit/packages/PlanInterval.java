package dev.tollgate.core.credit.packages;

import java.time.Period;
import java.util.Arrays;
import java.util.Optional;

/**
 * A subscription plan's interval (seed 003: "monthly, yearly, or lifetime"): the validity of the
 * edition package a plan is. Lifetime is the longest validity a package may have ({@link
 * Validity#MAX}); its period credit is still issued month by month.
 */
public enum PlanInterval {
  MONTHLY("monthly", Period.ofMonths(1)),
  YEARLY("yearly", Period.ofYears(1)),
  LIFETIME("lifetime", Validity.MAX);

  private final String code;
  private final Period validity;

  PlanInterval(String code, Period validity) {
    this.code = code;
    this.validity = validity;
  }

  public String code() {
    return code;
  }

  public Period validity() {
    return validity;
  }

  public static Optional<PlanInterval> fromCode(String code) {
    return Arrays.stream(values()).filter(i -> i.code.equals(code)).findFirst();
  }
}
