package dev.tollgate.server.http;

import java.util.Set;

/**
 * The routes a gateway calls around every request. Filters that do per-request work (the audit
 * log, the balance-change count, the HTTP observation) skip them by this one list.
 */
public final class HotRoutes {
  public static final String AUTHORIZE = "/v1/authorize";
  public static final String SETTLE = "/v1/settle";
  public static final String USAGE_BATCH = "/v1/usage:batch";
  public static final Set<String> PATHS = Set.of(AUTHORIZE, SETTLE, USAGE_BATCH);

  private HotRoutes() {}
}
