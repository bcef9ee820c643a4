package dev.tollgate.core.ledger;

import java.util.Objects;

/**
 * What a posting counts. Postings of different units never offset each other: an entry sums to
 * zero per unit, and a balance is kept per (account, unit).
 */
public sealed interface LedgerUnit {

  /** Stable text form: the currency code ({@code "USD"}) or {@code "units:{meter}"}. */
  String code();

  static Money money(String currency) {
    return new Money(currency);
  }

  static MeterUnits meterUnits(String meter) {
    return new MeterUnits(meter);
  }

  /** Nanos of the account currency or credit unit ({@code "USD"}, {@code "CNY"}, {@code "PU"}). */
  record Money(String currency) implements LedgerUnit {
    public Money {
      Objects.requireNonNull(currency, "currency");
      if (currency.isBlank() || currency.startsWith("units:")) {
        throw new IllegalArgumentException("not a currency: " + currency);
      }
    }

    @Override
    public String code() {
      return currency;
    }
  }

  /** One meter's own units (pictures, tokens, calls), as counted by units grants. */
  record MeterUnits(String meter) implements LedgerUnit {
    public MeterUnits {
      Objects.requireNonNull(meter, "meter");
      if (meter.isBlank()) {
        throw new IllegalArgumentException("a meter name is not blank");
      }
    }

    @Override
    public String code() {
      return "units:" + meter;
    }
  }
}
