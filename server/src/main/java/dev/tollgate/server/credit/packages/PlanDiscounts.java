package dev.tollgate.server.credit.packages;

import dev.tollgate.core.pricing.Fraction;
import dev.tollgate.server.store.SqlTime;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The usage discount of the plan whose edition is in effect for an account at an instant (seed
 * 003): the edition chosen as {@code EditionRules} chooses it (highest rank, then longest lasting,
 * then lowest id). The hot path reads the same rule inside its batch query ({@code CallStore}).
 */
@Component
public class PlanDiscounts {
  private final JdbcClient jdbc;

  PlanDiscounts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The discount multiplier, or empty when no plan is in effect or its discount is 1 (none). */
  public Optional<Fraction> inEffect(String accountId, Instant t) {
    return jdbc.sql("""
            SELECT p.discount::text
              FROM (SELECT e.package_id FROM editions e JOIN accounts a ON a.id = e.account_id
                     WHERE e.root_id = a.root_id AND e.account_id = :account AND e.voided_at IS NULL
                       AND e.effective_at <= :t AND e.expires_at > :t
                     ORDER BY e.rank DESC, e.expires_at DESC, e.id ASC LIMIT 1) AS effective
              JOIN plans p ON p.id = effective.package_id""")
        .param("account", accountId)
        .param("t", SqlTime.of(t))
        .query(String.class)
        .optional()
        .map(text -> Fraction.parse(text).orThrow())
        .filter(f -> !f.equals(Fraction.ONE));
  }
}
