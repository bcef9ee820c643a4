package dev.tollgate.server.http;

import java.util.Set;

/**
 * The routes a gateway calls around every request. Filters that do per-request work (the audit
 * log, the balance-change count, the HTTP observation) skip them by this one list.
 */
public final class HotRoutes {
  public static final Set<String> PATHS = Set.of("/v1/authorize", "/v1/settle", "/v1/usage:batch");

  private HotRoutes() {}
}
