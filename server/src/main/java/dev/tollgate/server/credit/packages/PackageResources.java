package dev.tollgate.server.credit.packages;

import dev.tollgate.core.credit.packages.Edition;
import dev.tollgate.core.credit.packages.EditionRules;
import dev.tollgate.core.credit.packages.PackageKind;
import dev.tollgate.server.credit.GrantStore;
import dev.tollgate.server.credit.GrantView;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Seed 000's resource dashboard, shown with the balance: the edition in effect ("show the
 * purchased highest specification package"), every edition held, the add-ons (value-added
 * packages) and the family's concurrency packages, each with its status and expiry.
 */
@Component
public class PackageResources {
  /** Rows of each list shown: a dashboard, not a history (the purchases list is that). */
  static final int ROWS_MAX = 100;

  private final PurchaseStore purchases;
  private final PackageStore packages;
  private final GrantStore grants;

  PackageResources(PurchaseStore purchases, PackageStore packages, GrantStore grants) {
    this.purchases = purchases;
    this.packages = packages;
    this.grants = grants;
  }

  /** An edition held; {@code effective} marks the one in effect now. */
  public record EditionView(
      String id, String packageId, String name, int rank, String purchaseId, Instant effectiveAt, Instant expiresAt,
      String status, boolean effective) {}

  public record AddOnView(
      String purchaseId, String packageId, String name, Instant expiresAt, List<GrantView> grants) {}

  public record ConcurrencyView(
      String id, String accountId, String packageId, String name, List<String> meters, int slots, Instant effectiveAt,
      Instant expiresAt, String status) {}

  public record Resources(
      EditionView edition, List<EditionView> editions, List<AddOnView> addOns, List<ConcurrencyView> concurrency) {}

  public Resources of(String rootId, String accountId, Instant now, boolean editionActive, boolean accountOverdue) {
    List<PurchaseStore.EditionRow> rows = purchases.editions(rootId, accountId);
    Optional<Edition> inEffect = EditionRules.effectiveAt(rows.stream().map(PurchaseStore.EditionRow::edition).toList(), now);
    List<EditionView> editions = rows.stream().limit(ROWS_MAX).map(r -> new EditionView(
        r.id(), r.packageId(), name(r.packageId()), r.edition().rank(), r.purchaseId(), r.edition().effectiveAt(),
        r.edition().expiresAt(), status(r.edition().effectiveAt(), r.edition().expiresAt(), now),
        inEffect.isPresent() && inEffect.get().id().equals(r.id()))).toList();
    EditionView edition = editions.stream().filter(EditionView::effective).findFirst().orElse(null);
    List<AddOnView> addOns = purchases.live(rootId, accountId, PackageKind.ADDON, now, ROWS_MAX).stream()
        .map(p -> new AddOnView(p.id(), p.packageId(), name(p.packageId()), p.expiresAt(),
            grants.byIds(rootId, p.grantIds()).stream().map(g -> GrantView.of(g, now, editionActive, accountOverdue)).toList()))
        .toList();
    List<ConcurrencyView> concurrency = purchases.concurrency(rootId, ROWS_MAX).stream()
        .map(c -> new ConcurrencyView(c.id(), c.accountId(), c.packageId(), name(c.packageId()), c.meters(), c.slots(),
            c.effectiveAt(), c.expiresAt(), status(c.effectiveAt(), c.expiresAt(), now)))
        .toList();
    return new Resources(edition, editions, addOns, concurrency);
  }

  private String name(String packageId) {
    return packages.find(packageId).map(CatalogPackage::name).orElse(packageId);
  }

  /** The grant statuses' words for a validity (seed 000): not_applied, available, expired. */
  private static String status(Instant from, Instant to, Instant now) {
    if (now.isBefore(from)) {
      return "not_applied";
    }
    return now.isBefore(to) ? "available" : "expired";
  }
}
