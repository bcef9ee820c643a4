package dev.tollgate.server.billing;

import dev.tollgate.core.billing.BillLine;
import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Bill lines in the {@code bills.lines} column: nanos as JSON integers, exact. */
final class BillLines {
  private BillLines() {}

  record Stored(String meter, Integer tier, long units, Long unitPriceNanos, long flatFeeNanos, long amountNanos) {}

  static String write(JsonMapper json, List<BillLine> lines) {
    return json.writeValueAsString(lines.stream()
        .map(l -> new Stored(l.meter(), l.tierIndex().isPresent() ? l.tierIndex().getAsInt() : null, l.units(),
            l.unitPriceNanos().isPresent() ? l.unitPriceNanos().getAsLong() : null, l.flatFeeNanos(), l.amountNanos()))
        .toList());
  }

  static List<Stored> read(JsonMapper json, String text) {
    return json.readValue(text, new TypeReference<List<Stored>>() {});
  }
}
