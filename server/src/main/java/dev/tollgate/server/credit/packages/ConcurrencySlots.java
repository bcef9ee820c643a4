package dev.tollgate.server.credit.packages;

import dev.tollgate.server.store.Flight;
import dev.tollgate.server.store.SqlTime;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Repository;

/**
 * Purchased concurrency in force, per family and meter (seed 004: "m + n concurrency … shared by
 * the root account and sub-accounts"). Read by authorise once per batch, in
 * the batch's flight of reads.
 */
@Repository
public class ConcurrencySlots {
  /** A family's meter. */
  public record FamilyMeter(String rootId, String meter) {}

  /**
   * Slots bought and in force for a family's meter: {@code shared} add to the meter's default
   * concurrency; {@code exclusive} ones (seed 000) admit calls that consume no credit.
   */
  public record Slots(long shared, long exclusive) {
    public static final Slots NONE = new Slots(0, 0);
  }

  /**
   * Slots in force at {@code now} for these families and meters, in one grouped query; absent =
   * none bought.
   */
  public Flight.Answer<Map<FamilyMeter, Slots>> inForce(
      Flight flight, Collection<String> rootIds, Collection<String> meters, Instant now) {
    if (rootIds.isEmpty() || meters.isEmpty()) {
      return Flight.known(Map.of());
    }
    return flight.add("""
            SELECT c.root_id, m.meter, sum(c.slots) FILTER (WHERE NOT c.exclusive) AS shared,
                   sum(c.slots) FILTER (WHERE c.exclusive) AS exclusive
              FROM concurrency_packages c CROSS JOIN LATERAL unnest(c.meters) AS m(meter)
             WHERE c.root_id = ANY(?::text[]) AND m.meter = ANY(?::text[]) AND c.voided_at IS NULL
               AND c.effective_at <= ? AND c.expires_at > ?
             GROUP BY c.root_id, m.meter""",
        rs -> {
          Map<FamilyMeter, Slots> slots = new HashMap<>();
          while (rs.next()) {
            slots.put(new FamilyMeter(rs.getString("root_id"), rs.getString("meter")),
                new Slots(rs.getLong("shared"), rs.getLong("exclusive")));
          }
          return slots;
        }, rootIds.toArray(String[]::new), meters.toArray(String[]::new), SqlTime.of(now), SqlTime.of(now));
  }
}
