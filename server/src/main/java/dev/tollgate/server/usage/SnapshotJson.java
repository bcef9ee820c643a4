package dev.tollgate.server.usage;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tollgate.core.money.Nanos;
import dev.tollgate.core.pricing.RateSnapshot;
import dev.tollgate.core.pricing.RatedComponent;
import java.time.Instant;
import java.util.List;

/**
 * The price snapshot as a usage record keeps it (JSON): the version's effective time, mode, the
 * context tier applied, the multiplier and each component with the rate used, amounts as decimal
 * strings. Later price edits never change it. Components the call did not use (quantity 0) are
 * left out: they add nothing to the amount, and every stored byte is paid for on each settle.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SnapshotJson(
    String meter, String currency, Instant priceEffectiveAt, String mode, Long contextTierAboveInputTokens,
    String multiplier, List<Component> components, long billableUnits, String total, List<String> unpricedTools) {

  record Component(String name, long quantity, String rate, long per, String amount) {}

  static SnapshotJson of(RateSnapshot s, List<String> unpricedTools) {
    List<Component> components =
        s.components().stream().filter(c -> c.quantity() != 0).map(SnapshotJson::component).toList();
    return new SnapshotJson(
        s.meter(), s.currency(), s.priceEffectiveAt(), s.mode().code(),
        s.contextTierAboveInputTokens().isPresent() ? s.contextTierAboveInputTokens().getAsLong() : null,
        s.multiplier().numerator() + "/" + s.multiplier().denominator(), components, s.billableUnits(),
        Nanos.format(s.totalNanos()), unpricedTools.isEmpty() ? null : unpricedTools);
  }

  private static Component component(RatedComponent c) {
    return new Component(c.name(), c.quantity(), Nanos.format(c.rateNanos()), c.quantityBasis(), Nanos.format(c.amountNanos()));
  }
}
