package dev.tollgate.core.credit.packages;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Seed 000: "If there are multiple packages within the same validity period range, only the
 * highest specification takes effect"; "Upgrade … only the package specification is upgraded, and
 * the expiry time remains unchanged"; "A package must be purchased and remain within its validity
 * period to proceed with purchasing an additional … package."
 */
public final class EditionRules {
  /** Highest rank wins; among equals the one lasting longest, then the lowest id (deterministic). */
  private static final Comparator<Edition> PRECEDENCE =
      Comparator.comparingInt(Edition::rank)
          .thenComparing(Edition::expiresAt, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
          .thenComparing(Edition::id, Comparator.reverseOrder());

  private EditionRules() {}

  /** The one edition in effect at {@code t}, if any is valid then. */
  public static Optional<Edition> effectiveAt(Collection<Edition> editions, Instant t) {
    return editions.stream().filter(e -> e.validAt(t)).max(PRECEDENCE);
  }

  /** Whether an add-on may be bought at {@code t}: some edition is valid then. */
  public static boolean addOnPurchasable(Collection<Edition> editions, Instant t) {
    return effectiveAt(editions, t).isPresent();
  }

  /** Why an upgrade is refused. */
  public enum UpgradeRefusal {
    NO_EDITION("edition_not_active", "there is no active edition to upgrade"),
    NOT_HIGHER("upgrade_not_higher", "an upgrade goes to a higher edition");

    private final String code;
    private final String message;

    UpgradeRefusal(String code, String message) {
      this.code = code;
      this.message = message;
    }

    public String code() {
      return code;
    }

    public String message() {
      return message;
    }
  }

  public sealed interface Upgrade permits Upgraded, Refused {}

  /** The new edition: effective now, ending when the edition it replaces would have ended. */
  public record Upgraded(Edition replaced, int rank, Instant effectiveAt, Instant expiresAt) implements Upgrade {}

  public record Refused(UpgradeRefusal reason) implements Upgrade {}

  public static Upgrade upgrade(Collection<Edition> editions, int targetRank, Instant now) {
    Optional<Edition> current = effectiveAt(editions, now);
    if (current.isEmpty()) {
      return new Refused(UpgradeRefusal.NO_EDITION);
    }
    if (targetRank <= current.get().rank()) {
      return new Refused(UpgradeRefusal.NOT_HIGHER);
    }
    return new Upgraded(current.get(), targetRank, now, current.get().expiresAt());
  }
}
