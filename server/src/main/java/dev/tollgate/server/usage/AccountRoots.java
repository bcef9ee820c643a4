package dev.tollgate.server.usage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The root of each account, remembered. An account's root is fixed when the account is created
 * (V24 refuses to change it, and accounts are never deleted), so this is no authority over
 * anything that changes: it lets a hot-path batch know, before its first statement, which family
 * rows to lock and which (root, request id) keys to probe, and send its locks and all its reads in
 * one round trip. Ids not found are not remembered (an account may be created later).
 */
@Component
class AccountRoots {
  /** Accounts remembered at most (about 150 bytes each); when full, the memory starts over. */
  static final int ENTRIES_MAX = 100_000;

  private final ConcurrentHashMap<String, String> roots = new ConcurrentHashMap<>();
  private final JdbcClient jdbc;
  private final int entriesMax;

  @Autowired
  AccountRoots(JdbcClient jdbc) {
    this(jdbc, ENTRIES_MAX);
  }

  AccountRoots(JdbcClient jdbc, int entriesMax) {
    this.jdbc = jdbc;
    this.entriesMax = entriesMax;
  }

  /** The root of each of these accounts that exists; one query for all not yet remembered. */
  Map<String, String> of(Collection<String> accountIds) {
    Map<String, String> found = new HashMap<>();
    List<String> missing = new ArrayList<>();
    for (String id : accountIds) {
      String root = roots.get(id);
      if (root != null) {
        found.put(id, root);
      } else {
        missing.add(id);
      }
    }
    if (missing.isEmpty()) {
      return found;
    }
    Map<String, String> read = new HashMap<>();
    jdbc.sql("SELECT id, root_id FROM accounts WHERE id = ANY(?::text[])")
        .params((Object) missing.toArray(String[]::new))
        .query(rs -> {
          read.put(rs.getString("id"), rs.getString("root_id"));
        });
    if (roots.size() + read.size() > entriesMax) {
      roots.clear();
    }
    roots.putAll(read);
    found.putAll(read);
    return found;
  }

  int size() {
    return roots.size();
  }
}
