package dev.tollgate.core.credit;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The pure deduction engine: which credit pays for a rated charge. Deterministic, no I/O, no
 * clock: the caller loads the account's credit, calls {@link #deduct}, and stores the burns.
 *
 * <h2>Apportioning a charge of U units and A nanos</h2>
 *
 * <p>A charge may be paid in pieces, some counted in units (a units grant burns pictures) and some
 * in money. The engine keeps one cumulative cursor ({@code k} units, {@code m} nanos covered so
 * far) and moves it along the line from (0, 0) to (U, A):
 *
 * <ul>
 *   <li>a units piece of {@code b} units moves to {@code k + b} and to money {@code
 *       floor(A·(k+b)/U)} (never backwards);
 *   <li>a money piece of {@code n} nanos moves to {@code m + n} and to units {@code
 *       floor(U·(m+n)/A)} (never backwards);
 *   <li>each burn takes the difference, so the pieces always sum to exactly (U, A).
 * </ul>
 *
 * <p>Floor, not half-up, because {@code floor(A·k/U) = A} only when {@code k = U}, and likewise for
 * units: all units are covered exactly when all money is. So no piece is ever left with units and
 * no money to pay for them (or money with no units), and the last piece carries the rounding.
 * A charge with U = 0 (e.g. tool calls only) can only be paid in money. A charge with A = 0 still
 * burns units grants (a picture package counts pictures); units nothing counted go to postpaid
 * when it is on (they count toward the month's tier), else to the wallet at no cost.
 */
public final class DeductionEngine {

  private DeductionEngine() {}

  /**
   * Pays {@code charge} from {@code credit}: eligible grants in {@link DeductionOrder}, then the
   * wallet up to its positive balance, then postpaid when enabled; the rest is the shortfall, or
   * under {@link ShortfallPolicy#BOOK_AS_WALLET_DEBT} a wallet burn that leaves a debt.
   */
  public static Deduction deduct(AccountCredit credit, RatedCharge charge, ShortfallPolicy policy) {
    final long unitsTotal = charge.units();
    final long nanosTotal = charge.amountNanos();
    long k = 0; // units covered so far
    long m = 0; // nanos covered so far
    var burns = new ArrayList<Burn>();

    for (Grant g : eligible(credit, charge)) {
      if (k == unitsTotal && m == nanosTotal) {
        break;
      }
      long newK;
      long newM;
      if (g.denomination() == Denomination.UNITS) {
        if (k == unitsTotal) {
          continue;
        }
        newK = k + Math.min(g.remaining(), unitsTotal - k);
        newM = Math.max(m, mulDivFloor(nanosTotal, newK, unitsTotal));
      } else {
        if (m == nanosTotal) {
          continue;
        }
        newM = m + Math.min(g.remaining(), nanosTotal - m);
        newK = unitsTotal == 0 ? 0 : Math.max(k, mulDivFloor(unitsTotal, newM, nanosTotal));
      }
      burns.add(Burn.ofGrant(g, newK - k, newM - m));
      k = newK;
      m = newM;
    }

    if (m < nanosTotal) {
      boolean debtAllowed = policy == ShortfallPolicy.BOOK_AS_WALLET_DEBT && !credit.postpaidEnabled();
      long walletNanos =
          debtAllowed
              ? nanosTotal - m
              : Math.min(Math.max(credit.walletBalanceNanos(), 0), nanosTotal - m);
      if (walletNanos > 0) {
        long newM = m + walletNanos;
        long newK = unitsTotal == 0 ? 0 : Math.max(k, mulDivFloor(unitsTotal, newM, nanosTotal));
        burns.add(Burn.ofMoney(BurnSource.WALLET, newK - k, walletNanos));
        k = newK;
        m = newM;
      }
      if (m < nanosTotal && credit.postpaidEnabled()) {
        burns.add(Burn.ofMoney(BurnSource.POSTPAID, unitsTotal - k, nanosTotal - m));
        k = unitsTotal;
        m = nanosTotal;
      }
    } else if (k < unitsTotal) {
      // Only when A = 0: the rest costs nothing, so it is never short (see the class comment).
      BurnSource source = credit.postpaidEnabled() ? BurnSource.POSTPAID : BurnSource.WALLET;
      burns.add(Burn.ofMoney(source, unitsTotal - k, 0));
      k = unitsTotal;
    }
    return new Deduction(charge, burns, unitsTotal - k, nanosTotal - m);
  }

  /**
   * Whether the account can afford {@code estimate} now, with {@code holdsNanos} already held for
   * calls in flight: consistent with {@link #deduct} — with no holds it is affordable exactly when
   * deduction leaves no shortfall. Holds are money; the credit they may use is what deduction of
   * the estimate leaves in eligible grants (units grants valued at the estimate's unit price) and
   * in the wallet's positive balance. Postpaid on is always affordable; an overdue account is the
   * caller's refusal before this check.
   */
  public static CreditDecision canAfford(
      AccountCredit credit, RatedCharge estimate, long holdsNanos) {
    if (holdsNanos < 0) {
      throw new IllegalArgumentException("holds are never negative: " + holdsNanos);
    }
    if (credit.postpaidEnabled()) {
      return new CreditDecision.Affordable(Long.MAX_VALUE);
    }
    Deduction d = deduct(credit, estimate, ShortfallPolicy.REPORT);
    long spare = Math.max(credit.walletBalanceNanos(), 0) - d.walletNanos();
    for (Grant g : eligible(credit, estimate)) {
      long left = g.remaining() - burntFrom(d, g.id());
      long leftNanos =
          g.denomination() == Denomination.MONEY
              ? left
              : estimate.units() == 0
                  ? 0
                  : mulDivFloorSaturated(estimate.amountNanos(), left, estimate.units());
      spare = saturatedAdd(spare, leftNanos);
    }
    if (d.shortfallNanos() == 0 && spare >= holdsNanos) {
      return new CreditDecision.Affordable(spare - holdsNanos);
    }
    return new CreditDecision.Insufficient(
        saturatedAdd(d.shortfallNanos(), Math.max(0, holdsNanos - spare)));
  }

  /**
   * The grants that may pay for {@code charge}, in deduction order. Sorting per call is the
   * trade-off: an account holds tens of grants, so this is cheaper than keeping a stored order in
   * step with every issue, burn and expiry.
   */
  public static List<Grant> eligible(AccountCredit credit, RatedCharge charge) {
    return credit.grants().stream()
        .filter(g -> g.eligibleFor(charge.meter(), charge.occurredAt(), credit.editionActive()))
        .sorted(DeductionOrder.GRANTS)
        .toList();
  }

  private static long burntFrom(Deduction d, String grantId) {
    long sum = 0;
    for (Burn b : d.burns()) {
      if (grantId.equals(b.grantId())) {
        sum += b.deducted();
      }
    }
    return sum;
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    // Overflow iff both operands have the sign opposite to the result's; spare credit that large
    // is "more than enough", so saturate rather than throw.
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }

  /** Like {@link #mulDivFloor}, but a value past a long is "more than enough": saturate. */
  private static long mulDivFloorSaturated(long a, long b, long divisor) {
    BigInteger q =
        BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divide(BigInteger.valueOf(divisor));
    return q.bitLength() < 64 ? q.longValue() : Long.MAX_VALUE;
  }

  /**
   * {@code floor(a·b/divisor)} for non-negative inputs; exact past 63 bits. Deduction only calls
   * it with {@code b ≤ divisor}, so the result never exceeds {@code a}.
   */
  static long mulDivFloor(long a, long b, long divisor) {
    long high = Math.multiplyHigh(a, b);
    long low = a * b;
    if (high == 0 && low >= 0) {
      return low / divisor;
    }
    return BigInteger.valueOf(a)
        .multiply(BigInteger.valueOf(b))
        .divide(BigInteger.valueOf(divisor))
        .longValueExact();
  }
}
