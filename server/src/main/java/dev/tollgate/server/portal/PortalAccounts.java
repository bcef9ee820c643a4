package dev.tollgate.server.portal;

import dev.tollgate.server.accounts.Account;
import dev.tollgate.server.accounts.AccountStore;
import org.springframework.stereotype.Component;

/** The signed-in account: always the session's, never one named by the request. */
@Component
class PortalAccounts {
  private final AccountStore accounts;

  PortalAccounts(AccountStore accounts) {
    this.accounts = accounts;
  }

  Account of(PortalSession session) {
    return accounts.find(session.accountId())
        .orElseThrow(() -> new IllegalStateException("a portal session outlived its account " + session.accountId()));
  }
}
