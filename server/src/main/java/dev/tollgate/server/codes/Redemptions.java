package dev.tollgate.server.codes;

import dev.tollgate.server.accounts.AccountCommands;
import dev.tollgate.server.accounts.AccountStore;
import dev.tollgate.server.http.ApiException;
import org.springframework.stereotype.Service;

/**
 * A customer redeeming a code, as the API and the portal offer it: the guessing throttle, then
 * {@link CodeCommands#redeem}; an invalid code counts toward the throttle after its transaction
 * rolled back.
 */
@Service
public class Redemptions {
  private final CodeCommands commands;
  private final RedeemThrottle throttle;
  private final AccountStore accounts;

  Redemptions(CodeCommands commands, RedeemThrottle throttle, AccountStore accounts) {
    this.commands = commands;
    this.throttle = throttle;
    this.accounts = accounts;
  }

  /** What a redemption gave: money to the wallet ({@code walletNanos} set) or a package ({@code purchaseId} set). */
  public record Redeemed(String redemptionId, long amountNanos, String currency, Long walletNanos, String purchaseId,
      java.util.List<String> grantIds) {}

  /** @param address the client's address, throttled like the account */
  public Redeemed redeem(String accountId, String code, String address) {
    if (code == null) {
      throw ApiException.missingField("code");
    }
    accounts.find(accountId).orElseThrow(() -> AccountCommands.accountNotFound(accountId));
    throttle.check(accountId, address);
    CodeCommands.Redeemed r;
    try {
      r = commands.redeem(accountId, code);
    } catch (ApiException e) {
      if (e.code().equals(CodeRejection.CODE_INVALID.code())) {
        throttle.recordFailure(accountId, address);
      }
      throw e;
    }
    return new Redeemed(r.redemptionId(), r.amountNanos(), r.currency(), r.walletNanos(), r.purchaseId(), r.grantIds());
  }
}
