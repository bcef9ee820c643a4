package dev.tollgate.server.credit;

import dev.tollgate.core.money.Nanos;
import dev.tollgate.server.accounts.Account;
import dev.tollgate.server.credit.packages.PackageResources;
import dev.tollgate.server.http.Page;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * An account's balance and seed 000's resource dashboard, as {@code GET …/balance} and the
 * customer portal show it: one computation, so the two never disagree.
 */
@Component
public class Balances {
  /** Grants shown with a balance: at most this many, the live ones, oldest first. */
  static final int BALANCE_GRANTS_MAX = Page.SIZE_MAX;

  private final GrantStore grants;
  private final WalletStore wallets;
  private final PackageResources resources;
  private final PostpaidStanding postpaid;
  private final InstantSource clock;

  Balances(GrantStore grants, WalletStore wallets, PackageResources resources, PostpaidStanding postpaid,
      InstantSource clock) {
    this.grants = grants;
    this.wallets = wallets;
    this.resources = resources;
    this.postpaid = postpaid;
    this.clock = clock;
  }

  public record PostpaidView(boolean enabled, String accruedThisMonth) {}

  /**
   * The balance, and seed 000's resource dashboard: the edition in effect, every edition held,
   * add-ons and the family's concurrency packages.
   */
  public record BalanceView(
      String currency, String wallet, List<GrantView> grants, String holds, PostpaidView postpaid,
      PackageResources.EditionView edition, List<PackageResources.EditionView> editions,
      List<PackageResources.AddOnView> addOns, List<PackageResources.ConcurrencyView> concurrency) {}

  public BalanceView of(Account account) {
    String id = account.id();
    Instant now = clock.instant();
    boolean edition = grants.editionActiveAt(account.rootId(), id, now);
    boolean overdue = postpaid.overdue(id);
    List<GrantView> live = grants.list(account.rootId(), id, null, null, BALANCE_GRANTS_MAX, true, now).stream()
        .map(g -> GrantView.of(g, now, edition, overdue))
        .toList();
    PackageResources.Resources held = resources.of(account.rootId(), id, now, edition, overdue);
    return new BalanceView(
        account.currency(), Nanos.format(wallets.balance(account.rootId(), id)), live,
        Nanos.format(postpaid.held(account, now)),
        new PostpaidView(account.postpaidEnabled(), Nanos.format(postpaid.accruedThisMonth(account, now))),
        held.edition(), held.editions(), held.addOns(), held.concurrency());
  }
}
