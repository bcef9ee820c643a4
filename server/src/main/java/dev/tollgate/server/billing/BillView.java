package dev.tollgate.server.billing;

import dev.tollgate.core.billing.MinorUnit;
import dev.tollgate.core.money.Nanos;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * A bill as the API shows it. {@code total} is rounded to the currency's minor unit ({@code
 * "796.00"}); {@code totalPrecise} is the exact sum of the lines; {@code deducted} what the hourly
 * deduction already took from the wallet and {@code due} what is left to pay.
 */
public record BillView(
    String accountId,
    String month,
    String currency,
    String timezone,
    Instant periodStart,
    Instant periodEnd,
    List<LineView> lines,
    String total,
    String totalPrecise,
    String deducted,
    String due,
    String status,
    Instant issuedAt,
    Instant dueAt,
    Instant paidAt,
    String paymentSource,
    String paymentReference) {

  /**
   * One line: {@code tier} (0-based) and {@code unitPrice} for a meter with monthly tiers; a meter
   * without tiers has neither, its amount being what its calls accrued.
   */
  public record LineView(String meter, Integer tier, long units, String unitPrice, String flatFee, String amount) {}

  static BillView of(StoredBill b, JsonMapper json) {
    int digits = MinorUnit.digits(b.currency());
    List<LineView> lines = BillLines.read(json, b.linesJson()).stream()
        .map(l -> new LineView(l.meter(), l.tier(), l.units(),
            l.unitPriceNanos() == null ? null : Nanos.format(l.unitPriceNanos()), Nanos.format(l.flatFeeNanos()),
            Nanos.format(l.amountNanos())))
        .toList();
    return new BillView(b.accountId(), b.month(), b.currency(), b.timezone(), b.periodStart(), b.periodEnd(), lines,
        Nanos.format(b.totalRoundedNanos(), digits), Nanos.format(b.totalNanos()),
        Nanos.format(b.deductedNanos(), digits), Nanos.format(b.dueNanos(), digits), b.status(), b.issuedAt(),
        b.dueAt(), b.paidAt(), b.paymentSource(), b.paymentReference());
  }
}
