package dev.tollgate.core.credit;

import java.util.Set;

/** Which meters a grant may pay for. An image package never pays for another API (seed 004). */
public sealed interface MeterScope {

  boolean covers(String meter);

  static MeterScope allMeters() {
    return AllMeters.INSTANCE;
  }

  static MeterScope meters(Set<String> meterNames) {
    return new Meters(meterNames);
  }

  static MeterScope meter(String meterName) {
    return new Meters(Set.of(meterName));
  }

  /** Every meter of the account. */
  enum AllMeters implements MeterScope {
    INSTANCE;

    @Override
    public boolean covers(String meter) {
      return true;
    }
  }

  /** Only the listed meters; never empty (an empty list would be a grant nothing can burn). */
  record Meters(Set<String> meterNames) implements MeterScope {
    public Meters {
      meterNames = Set.copyOf(meterNames);
      if (meterNames.isEmpty()) {
        throw new IllegalArgumentException("a meter scope lists at least one meter");
      }
    }

    @Override
    public boolean covers(String meter) {
      return meterNames.contains(meter);
    }
  }
}
