package dev.tollgate.server.usage;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tollgate.core.credit.Burn;
import dev.tollgate.core.credit.Deduction;
import dev.tollgate.core.money.Nanos;
import java.util.List;

/** The answer to a settle, as API.md fixes it; stored with the usage record and replayed verbatim. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SettleResponse(
    String usageId, String requestId, String amount, String currency, String billingMode,
    Boolean exclusiveConcurrency, List<Charge> charges) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Charge(String source, String grantId, String amount, long units) {}

  static List<Charge> charges(Deduction d) {
    return d.burns().stream().map(SettleResponse::charge).toList();
  }

  private static Charge charge(Burn b) {
    return new Charge(b.source().code(), b.grantId(), Nanos.format(b.amountNanos()), b.units());
  }
}
