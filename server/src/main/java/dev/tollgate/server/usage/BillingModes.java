package dev.tollgate.server.usage;

import dev.tollgate.core.accounts.BillingMode;
import dev.tollgate.server.accounts.Account;
import org.springframework.stereotype.Component;

/** The billing mode an account's calls are billed in now: its own override, else the platform's (seed 003). */
@Component
public class BillingModes {
  private final CallStore calls;

  BillingModes(CallStore calls) {
    this.calls = calls;
  }

  public BillingMode of(Account account) {
    return account.billingMode() != null ? account.billingMode() : calls.platform().mode();
  }
}
