package dev.tollgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.server.support.ServerTest;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every family table can be sharded by {@code root_id} (ARCHITECTURE.md "Storage and scaling out"):
 * a distributed PostgreSQL such as Citus needs the shard column in every unique key of a sharded
 * table and in every foreign key between sharded tables. The exceptions (unique keys only) are
 * named here with the reason, so a new table or key that breaks the rule fails this test.
 */
class FamilyKeysTest extends ServerTest {
  @Autowired JdbcClient jdbc;

  /** Unique keys without root_id, each a lookup made before the family is known. */
  private static final Map<String, String> GLOBAL_UNIQUE_KEYS = Map.ofEntries(
      Map.entry("accounts.accounts_pkey", "operators choose account ids, unique platform-wide: a directory under Citus"),
      Map.entry("api_keys.api_keys_pkey", "keys are found by id or prefix before the family is known: a directory"),
      Map.entry("api_keys.api_keys_prefix_key", "the same key directory"),
      Map.entry("holds.holds_by_id", "a gateway names a hold by its random id alone"),
      Map.entry("payment_orders.payment_orders_id", "payment providers call back with the order id alone"),
      Map.entry("provider_events.provider_events_pkey", "providers' event ids, deduplicated platform-wide"),
      Map.entry("portal_links.portal_links_token_sha256_key", "a portal link is a bearer token"),
      Map.entry("portal_tokens.portal_tokens_token_sha256_key", "a portal token is a bearer token"),
      Map.entry("portal_tokens.portal_tokens_id_key", "portal tokens are revoked by id"),
      Map.entry("portal_sessions.portal_sessions_pkey", "a session cookie is a bearer token"));


  private static final String FAMILY_TABLES = """
      WITH family AS (
        SELECT c.oid, c.relname FROM pg_class c
          JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
          JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'root_id' AND NOT a.attisdropped
         WHERE c.relkind IN ('r', 'p'))
      """;

  /** {@code table.name} of the keys that {@code keysSql} finds on family tables without {@code root_id}. */
  private Set<String> withoutRoot(String keysSql) {
    return jdbc.sql(FAMILY_TABLES + keysSql + "\n" + """
             AND NOT EXISTS (SELECT 1 FROM unnest(kc.cols) AS u(n) JOIN pg_attribute a ON a.attrelid = kc.rel AND a.attnum = u.n
                              WHERE a.attname = 'root_id')""")
        .query(String.class).set();
  }

  @Test
  void everyUniqueKeyOfAFamilyTableStartsFromItsFamilyExceptTheNamedGlobalLookups() {
    Set<String> keys = withoutRoot("""
        SELECT f.relname || '.' || i.relname FROM pg_index x
          JOIN family f ON f.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid,
          LATERAL (SELECT x.indrelid AS rel, x.indkey::int2[] AS cols) kc
         WHERE x.indisunique""");
    assertThat(keys).containsExactlyInAnyOrderElementsOf(GLOBAL_UNIQUE_KEYS.keySet());
  }

  @Test
  void everyForeignKeyBetweenFamilyTablesCarriesTheFamily() {
    Set<String> keys = withoutRoot("""
        SELECT f.relname || '.' || co.conname FROM pg_constraint co JOIN family f ON f.oid = co.conrelid,
          LATERAL (SELECT co.conrelid AS rel, co.conkey AS cols) kc
         WHERE co.contype = 'f' AND co.confrelid IN (SELECT oid FROM family)""");
    assertThat(keys).isEmpty();
  }

  @Test
  void aFamilyRowWhoseRootIsNotItsAccountsRootIsRefused() {
    String root = uniqueId("root");
    String other = uniqueId("other");
    for (String id : new String[] {root, other}) {
      jdbc.sql("INSERT INTO accounts (id, root_id, name, currency, timezone, created_at, updated_at) "
              + "VALUES (?, ?, ?, 'USD', 'UTC', now(), now())")
          .params(id, id, id).update();
    }
    assertThatThrownBy(() -> jdbc.sql("INSERT INTO wallets (root_id, account_id, currency, balance_nanos, updated_at) "
            + "VALUES (?, ?, 'USD', 0, now())").params(other, root).update())
        .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("wallets_account_in_family");
    assertThat(jdbc.sql("INSERT INTO wallets (root_id, account_id, currency, balance_nanos, updated_at) "
            + "VALUES (?, ?, 'USD', 0, now())").params(root, root).update()).isEqualTo(1);
  }
}
