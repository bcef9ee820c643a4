package dev.tollgate.server.credit.packages;

import dev.tollgate.server.credit.GrantStore;
import dev.tollgate.server.credit.GrantView;
import dev.tollgate.server.credit.PostpaidStanding;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.springframework.stereotype.Component;

/** Turns a purchase into its view with its grants' current status (purchases and subscriptions). */
@Component
class PurchaseViews {
  private final GrantStore grants;
  private final PostpaidStanding standing;
  private final InstantSource clock;

  PurchaseViews(GrantStore grants, PostpaidStanding standing, InstantSource clock) {
    this.grants = grants;
    this.standing = standing;
    this.clock = clock;
  }

  PurchaseView of(Purchase p) {
    Instant now = clock.instant();
    boolean edition = grants.editionActiveAt(p.rootId(), p.accountId(), now);
    List<GrantView> given = grants.byIds(p.rootId(), p.grantIds()).stream()
        .map(g -> GrantView.of(g, now, edition, standing.overdue(p.accountId()))).toList();
    return PurchaseView.of(p, given);
  }
}
