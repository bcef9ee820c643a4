package dev.tollgate.server.accounts;

import dev.tollgate.core.accounts.AccountStatus;
import dev.tollgate.core.accounts.BillingMode;
import dev.tollgate.server.store.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for accounts. Callers own the transaction. */
@Repository
public class AccountStore {
  private static final String COLUMNS =
      "id, root_id, parent_id, name, currency, timezone, status, postpaid_enabled, postpaid_changed_at,"
          + " content_moderation, price_group, billing_mode, prepaid_amount_nanos, created_at, updated_at";

  private final JdbcClient jdbc;

  public AccountStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Inserts unless the id exists; returns whether this call inserted it. */
  boolean insertIfAbsent(Account a) {
    return jdbc.sql("""
            INSERT INTO accounts (id, root_id, parent_id, name, currency, timezone, status,
                                  postpaid_enabled, content_moderation, created_at, updated_at)
            VALUES (:id, :root, :parent, :name, :currency, :timezone, :status, :postpaid, :moderation, :created, :created)
            ON CONFLICT (id) DO NOTHING""")
        .param("id", a.id())
        .param("root", a.rootId())
        .param("parent", a.parentId())
        .param("name", a.name())
        .param("currency", a.currency())
        .param("timezone", a.timezone())
        .param("status", a.status().code())
        .param("postpaid", a.postpaidEnabled())
        .param("moderation", a.contentModeration())
        .param("created", SqlTime.of(a.createdAt()))
        .update() == 1;
  }

  public Optional<Account> find(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM accounts WHERE id = :id")
        .param("id", id)
        .query(AccountStore::map)
        .optional();
  }

  /**
   * Locks a root account's row for the rest of the transaction. Family-wide limits (keys,
   * concurrency) are checked under this lock, so concurrent requests of one family serialise
   * there and nowhere else.
   */
  public Optional<Account> lockRoot(String rootId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM accounts WHERE id = :id AND parent_id IS NULL FOR UPDATE")
        .param("id", rootId)
        .query(AccountStore::map)
        .optional();
  }

  public Optional<Account> lock(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM accounts WHERE id = :id FOR UPDATE")
        .param("id", id)
        .query(AccountStore::map)
        .optional();
  }

  /** Up to {@code limit} accounts after {@code afterId}, by id; optionally only one root's family. */
  List<Account> list(String rootId, String afterId, int limit) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM accounts WHERE true");
    if (rootId != null) {
      sql.append(" AND root_id = :root");
    }
    if (afterId != null) {
      sql.append(" AND id > :after");
    }
    sql.append(" ORDER BY id LIMIT :limit");
    JdbcClient.StatementSpec spec = jdbc.sql(sql.toString()).param("limit", limit);
    if (rootId != null) {
      spec = spec.param("root", rootId);
    }
    if (afterId != null) {
      spec = spec.param("after", afterId);
    }
    return spec.query(AccountStore::map).list();
  }

  /**
   * Whether a price group exists. Read here rather than through the pricing package, which
   * depends on accounts (quotes read an account's group): one query, no package cycle.
   */
  boolean priceGroupExists(String id) {
    return jdbc.sql("SELECT EXISTS (SELECT 1 FROM price_groups WHERE id = :id)").param("id", id).query(Boolean.class).single();
  }

  void update(Account a) {
    jdbc.sql("""
            UPDATE accounts SET name = :name, timezone = :timezone, status = :status,
                   postpaid_enabled = :postpaid, postpaid_changed_at = :postpaidChanged,
                   content_moderation = :moderation, price_group = :priceGroup, billing_mode = :billingMode,
                   prepaid_amount_nanos = :prepaid, updated_at = :updated
            WHERE id = :id""")
        .param("id", a.id())
        .param("name", a.name())
        .param("timezone", a.timezone())
        .param("status", a.status().code())
        .param("postpaid", a.postpaidEnabled())
        .param("postpaidChanged", SqlTime.of(a.postpaidChangedAt()))
        .param("moderation", a.contentModeration())
        .param("priceGroup", a.priceGroup())
        .param("billingMode", a.billingMode() == null ? null : a.billingMode().code())
        .param("prepaid", a.prepaidAmountNanos())
        .param("updated", SqlTime.of(a.updatedAt()))
        .update();
  }

  static Account map(ResultSet rs, int row) throws SQLException {
    return new Account(
        rs.getString("id"),
        rs.getString("root_id"),
        rs.getString("parent_id"),
        rs.getString("name"),
        rs.getString("currency"),
        rs.getString("timezone"),
        AccountStatus.fromCode(rs.getString("status")).orElseThrow(),
        rs.getBoolean("postpaid_enabled"),
        SqlTime.read(rs, "postpaid_changed_at"),
        rs.getBoolean("content_moderation"),
        rs.getString("price_group"),
        rs.getString("billing_mode") == null ? null : BillingMode.fromCode(rs.getString("billing_mode")).orElseThrow(),
        rs.getObject("prepaid_amount_nanos", Long.class),
        SqlTime.read(rs, "created_at"),
        SqlTime.read(rs, "updated_at"));
  }
}
