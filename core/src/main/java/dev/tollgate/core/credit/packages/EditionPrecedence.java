package dev.tollgate.core.credit.packages;

import dev.tollgate.core.credit.Grant;
import dev.tollgate.core.credit.GrantClass;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Seed 000: "If there are multiple packages within the same validity period range, only the
 * highest specification takes effect." Applied to credit: an edition allowance grant of a lower
 * rank may not pay for usage that occurred while an allowance of a higher-ranked edition was
 * valid. Grants stay the deduction engine's {@link Grant}s; this narrows a lower allowance's
 * validity to the part no higher allowance covers, before deduction runs.
 *
 * <p>Only edition grants with a rank take part (those a purchased edition issued); an operator's
 * edition grant has none and is left alone. A higher allowance counts even when used up: the
 * higher edition is still the one in effect.
 *
 * <p>When a higher allowance lies strictly inside a lower one, the lower one's free time is two
 * pieces, but a grant has one validity: the piece containing {@code notBefore}, else the next
 * one, is kept. A batch of usage spanning both pieces therefore sees the later piece only from
 * its next load; allowances are monthly, so that takes a higher edition that starts and ends
 * within one month of a lower one.
 */
public final class EditionPrecedence {
  private EditionPrecedence() {}

  /**
   * The grants as deduction should see them from {@code notBefore} on: lower allowances narrowed,
   * or left out when no part of them is usable from then.
   *
   * @param rankByGrantId ranks of the edition grants that came from a ranked edition
   */
  public static List<Grant> apply(List<Grant> grants, Map<String, Integer> rankByGrantId, Instant notBefore) {
    if (rankByGrantId.size() < 2) {
      return grants;
    }
    var result = new ArrayList<Grant>(grants.size());
    for (Grant g : grants) {
      Integer rank = rankByGrantId.get(g.id());
      if (g.grantClass() != GrantClass.EDITION || rank == null) {
        result.add(g);
        continue;
      }
      List<Instant[]> pieces = new ArrayList<>();
      pieces.add(new Instant[] {g.effectiveAt(), g.expiresAt()});
      for (Grant higher : grants) {
        Integer other = rankByGrantId.get(higher.id());
        if (other != null && other > rank && higher.grantClass() == GrantClass.EDITION && !higher.voided()) {
          pieces = minus(pieces, higher.effectiveAt(), higher.expiresAt());
        }
      }
      Instant[] kept = null;
      for (Instant[] p : pieces) {
        boolean usable = p[1] == null || p[1].isAfter(notBefore);
        if (usable) {
          kept = p;
          break;
        }
      }
      if (kept != null) {
        result.add(kept[0].equals(g.effectiveAt()) && sameEnd(kept[1], g.expiresAt()) ? g : narrowed(g, kept));
      }
    }
    return result;
  }

  /** {@code pieces} (sorted, disjoint, half-open, null end = never) without {@code [from, to)}. */
  private static List<Instant[]> minus(List<Instant[]> pieces, Instant from, Instant to) {
    var out = new ArrayList<Instant[]>();
    for (Instant[] p : pieces) {
      boolean overlaps = (to == null || p[0].isBefore(to)) && (p[1] == null || from.isBefore(p[1]));
      if (!overlaps) {
        out.add(p);
        continue;
      }
      if (p[0].isBefore(from)) {
        out.add(new Instant[] {p[0], from});
      }
      if (to != null && (p[1] == null || to.isBefore(p[1]))) {
        out.add(new Instant[] {to, p[1]});
      }
    }
    return out;
  }

  private static boolean sameEnd(Instant a, Instant b) {
    return a == null ? b == null : a.equals(b);
  }

  private static Grant narrowed(Grant g, Instant[] window) {
    return new Grant(
        g.id(), g.grantClass(), g.denomination(), g.scope(), window[0], window[1], g.priority(), g.createdAt(),
        g.amount(), g.remaining(), g.requiresEdition(), g.voided());
  }
}
