package dev.tollgate.server.credit;

import dev.tollgate.core.billing.BillingMonth;
import dev.tollgate.core.billing.BillingPeriod;
import dev.tollgate.server.accounts.Account;
import dev.tollgate.server.store.SqlTime;
import java.time.Instant;
import java.time.ZoneId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the balance shows of postpaid: the current month's accrual and whether the account is
 * overdue. Kept here (not in {@code billing}) so credit does not depend on billing, which depends
 * on credit.
 */
@Repository
public class PostpaidStanding {
  private final JdbcClient jdbc;

  PostpaidStanding(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The postpaid amount of the account's calls in the month of {@code now} in its time zone. */
  long accruedThisMonth(Account account, Instant now) {
    BillingPeriod month = BillingMonth.containing(now, ZoneId.of(account.timezone())).period(ZoneId.of(account.timezone()));
    return jdbc.sql("""
            SELECT coalesce(sum(postpaid_nanos), 0) FROM usage_records
             WHERE root_id = ? AND account_id = ? AND occurred_at >= ? AND occurred_at < ? AND postpaid_nanos > 0""")
        .params(account.rootId(), account.id(), SqlTime.of(month.start()), SqlTime.of(month.endExclusive()))
        .query(Long.class)
        .single();
  }

  /** Money held by the account's live holds: credit reserved for calls in flight. */
  long held(Account account, Instant now) {
    return jdbc.sql("""
            SELECT coalesce(sum(amount_nanos), 0) FROM holds
             WHERE root_id = ? AND account_id = ? AND released_at IS NULL AND expires_at > ?""")
        .params(account.rootId(), account.id(), SqlTime.of(now))
        .query(Long.class)
        .single();
  }

  /** Whether the account has an overdue bill (billing sets and clears {@code accounts.overdue_since}). */
  public boolean overdue(String accountId) {
    return jdbc.sql("SELECT overdue_since IS NOT NULL FROM accounts WHERE id = ?")
        .params(accountId)
        .query(Boolean.class)
        .optional()
        .orElse(false);
  }
}
