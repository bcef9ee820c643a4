package dev.tollgate.server.credit;

import dev.tollgate.core.money.Nanos;
import dev.tollgate.server.http.ApiException;

/** An operator credit or debit of a wallet, checked before anything is read or written. */
public record WalletRequest(Direction direction, long amountNanos, String reason, String idempotencyKey) {
  /** A reason is a line in the ledger view, not a document. */
  public static final int REASON_LENGTH_MAX = 500;

  public enum Direction {
    CREDIT("credit"),
    DEBIT("debit");

    private final String code;

    Direction(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  public static WalletRequest check(Direction direction, String amount, String reason, String idempotencyKey) {
    if (amount == null) {
      throw ApiException.missingField("amount");
    }
    long nanos = Nanos.parse(amount);
    if (nanos <= 0) {
      throw CreditRejection.AMOUNT_NOT_POSITIVE.exception("amount");
    }
    if (reason == null) {
      throw ApiException.missingField("reason");
    }
    if (reason.isBlank() || reason.length() > REASON_LENGTH_MAX) {
      throw CreditRejection.REASON_INVALID.exception("reason");
    }
    GrantRequest.checkKey(idempotencyKey, true);
    return new WalletRequest(direction, nanos, reason, idempotencyKey);
  }

  public String digest() {
    return GrantRequest.sha256(direction.code() + "|" + amountNanos + "|" + reason);
  }
}
