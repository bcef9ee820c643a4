package dev.tollgate.server.ledger;

import dev.tollgate.server.http.HotRoutes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts every successful write outside the hot path as a {@link BalanceChanges balance change}
 * once it has been answered (its transaction has committed by then): settings, statuses, prices
 * and anything else an API, console or portal request changes, present or future, without each
 * command having to remember it. Ledger changes count themselves ({@link JournalStore#append}),
 * which also covers the scheduled jobs.
 */
@Component
class BalanceChangeFilter extends OncePerRequestFilter {
  /** Settles and authorisations only ever take credit away or hold it. */
  private static final Set<String> HOT_PATH = HotRoutes.PATHS;

  private final BalanceChanges changes;

  BalanceChangeFilter(BalanceChanges changes) {
    this.changes = changes;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String method = request.getMethod();
    return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)
        || HOT_PATH.contains(request.getRequestURI());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } finally {
      if (response.getStatus() < 300) {
        changes.changed();
      }
    }
  }
}
