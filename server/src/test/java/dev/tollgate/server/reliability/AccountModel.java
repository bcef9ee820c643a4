package dev.tollgate.server.reliability;

import dev.tollgate.core.credit.GrantClass;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The reference model of one root account: what a plain reading of SPEC and API.md says its
 * wallet, grants, holds and receivable must be. Deliberately naive (lists, linear scans, no
 * batching, no SQL) so that it is easy to believe; the server must agree with it to the nano.
 */
final class AccountModel {
  static final long NANOS_PER_CENT = 10_000_000L;
  /** GrantExpiry.GRACE: a late settle may still burn a grant this long after it expired. */
  static final Duration EXPIRY_GRACE = Duration.ofHours(1);

  final String accountId;
  final boolean postpaid;
  long walletNanos;
  /** The sum on {@code postpaid:{account}}: negative = the customer owes it. */
  long receivableNanos;
  /** Postpaid list-price amount of the month not yet billed. */
  long unbilledNanos;
  /** The last bill's due amount; null = no bill. */
  Long billDueNanos;
  boolean billPaid;
  final List<ModelGrant> grants = new ArrayList<>();
  final Map<String, Hold> openHolds = new LinkedHashMap<>();
  /** Holds that expired unsettled at a clock move: a late settle may still name them. */
  final Map<String, Hold> staleHolds = new LinkedHashMap<>();
  /** Every hold ever placed, in order: renewing any but an open one is {@code hold_not_live}. */
  final List<Hold> allHolds = new ArrayList<>();
  final List<Sent> settles = new ArrayList<>();
  final List<Bought> purchases = new ArrayList<>();
  final List<String> redeemedCodes = new ArrayList<>();
  int nextRequest;

  AccountModel(String accountId, boolean postpaid) {
    this.accountId = accountId;
    this.postpaid = postpaid;
  }

  static final class ModelGrant {
    final String id;
    final GrantClass grantClass;
    final int priority;
    final Instant effectiveAt;
    final Instant expiresAt;
    final Instant createdAt;
    final long amountNanos;
    long remainingNanos;

    ModelGrant(String id, String kind, int priority, Instant effectiveAt, Instant expiresAt, Instant createdAt, long amountNanos) {
      this.id = id;
      this.grantClass = GrantClass.valueOf(kind.toUpperCase(Locale.ROOT));
      this.priority = priority;
      this.effectiveAt = effectiveAt;
      this.expiresAt = expiresAt;
      this.createdAt = createdAt;
      this.amountNanos = amountNanos;
      this.remainingNanos = amountNanos;
    }

    boolean usableAt(Instant now) {
      return remainingNanos > 0 && !effectiveAt.isAfter(now) && (expiresAt == null || now.isBefore(expiresAt));
    }

    @Override
    public String toString() {
      return id + "(" + grantClass + " " + remainingNanos + "/" + amountNanos + " until " + expiresAt + ")";
    }
  }

  record Hold(String requestId, String holdId, long amountNanos, String authoriseBody, String answer) {}

  record Sent(String body, String answer) {}

  static final class Bought {
    final String purchaseId;
    final long priceNanos;
    final ModelGrant grant;
    boolean refunded;

    Bought(String purchaseId, long priceNanos, ModelGrant grant) {
      this.purchaseId = purchaseId;
      this.priceNanos = priceNanos;
      this.grant = grant;
    }
  }

  /** One line of a settle's charges, as the API answers them. */
  record Burn(String source, String grantId, long amountNanos) {}

  /** SPEC §2's order: class, priority, earliest expiry (none last), earliest effective, oldest, id. */
  private static final Comparator<ModelGrant> ORDER = Comparator.<ModelGrant, GrantClass>comparing(g -> g.grantClass)
      .thenComparingInt(g -> g.priority)
      .thenComparing(g -> g.expiresAt, Comparator.nullsLast(Comparator.naturalOrder()))
      .thenComparing(g -> g.effectiveAt)
      .thenComparing(g -> g.createdAt)
      .thenComparing(g -> g.id);

  /** Who pays {@code chargeNanos}: grants in order, then a positive wallet, then postpaid or a wallet debt. */
  List<Burn> deduction(long chargeNanos, Instant now) {
    List<Burn> burns = new ArrayList<>();
    long left = chargeNanos;
    for (ModelGrant g : grants.stream().filter(g -> g.usableAt(now)).sorted(ORDER).toList()) {
      if (left == 0) {
        break;
      }
      long take = Math.min(left, g.remainingNanos);
      burns.add(new Burn("grant", g.id, take));
      left -= take;
    }
    long fromWallet = postpaid ? Math.min(left, Math.max(walletNanos, 0)) : left;
    if (fromWallet > 0) {
      burns.add(new Burn("wallet", null, fromWallet));
    }
    if (left - fromWallet > 0) {
      burns.add(new Burn("postpaid", null, left - fromWallet));
    }
    return burns;
  }

  void apply(List<Burn> burns) {
    for (Burn b : burns) {
      switch (b.source()) {
        case "grant" -> grant(b.grantId()).remainingNanos -= b.amountNanos();
        case "wallet" -> walletNanos -= b.amountNanos();
        default -> {
          receivableNanos -= b.amountNanos();
          unbilledNanos += b.amountNanos();
        }
      }
    }
  }

  /** Authorise's credit check: postpaid always; else no debt, and credit covers this hold beside the others. */
  boolean canHold(long holdNanos, Instant now) {
    if (postpaid) {
      return true;
    }
    if (walletNanos < 0) {
      return false;
    }
    long grantsNanos = grants.stream().filter(g -> g.usableAt(now)).mapToLong(g -> g.remainingNanos).sum();
    long heldNanos = openHolds.values().stream().mapToLong(Hold::amountNanos).sum();
    return grantsNanos + walletNanos >= holdNanos + heldNanos;
  }

  /** The grant-expiry job at {@code now}: remainders past expiry plus the grace go to breakage. */
  void expire(Instant now) {
    Instant dueBefore = now.minus(EXPIRY_GRACE);
    for (ModelGrant g : grants) {
      if (g.expiresAt != null && !g.expiresAt.isAfter(dueBefore)) {
        g.remainingNanos = 0;
      }
    }
  }

  /** Holds live ten minutes; every clock move of the property is longer. */
  void holdsExpired() {
    staleHolds.putAll(openHolds);
    openHolds.clear();
  }

  /** The monthly bill: the month's postpaid amount, rounded half-up to the cent once, replaces the accrual. */
  void bill() {
    if (unbilledNanos > 0) {
      long rounded = (unbilledNanos + NANOS_PER_CENT / 2) / NANOS_PER_CENT * NANOS_PER_CENT;
      receivableNanos += unbilledNanos - rounded;
      billDueNanos = rounded;
      unbilledNanos = 0;
    }
  }

  ModelGrant grant(String id) {
    return grants.stream().filter(g -> g.id.equals(id)).findFirst().orElseThrow(() -> new AssertionError("no grant " + id));
  }

  String nextRequestId(String prefix) {
    return prefix + (nextRequest++);
  }

  @Override
  public String toString() {
    return accountId + (postpaid ? " postpaid" : " prepaid") + " wallet=" + walletNanos + " receivable=" + receivableNanos
        + " unbilled=" + unbilledNanos + " bill=" + billDueNanos + (billPaid ? " paid" : "") + " grants=" + grants
        + " holds=" + openHolds.keySet();
  }
}
