package dev.tollgate.server.credit.packages;

import dev.tollgate.core.credit.packages.PackageAdvice;
import dev.tollgate.core.credit.packages.PackageAdvisor;
import dev.tollgate.core.credit.packages.PackageOffer;
import dev.tollgate.core.money.Nanos;
import dev.tollgate.server.http.ApiException;
import dev.tollgate.server.http.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.InstantSource;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Packages", description = "The package catalog and the advisor")
class PackageController {
  private final PackageStore packages;
  private final InstantSource clock;

  PackageController(PackageStore packages, InstantSource clock) {
    this.packages = packages;
    this.clock = clock;
  }

  @PutMapping("/v1/packages/{id}")
  @Operation(summary = "Create or replace a package (200). kind prepaid|edition|addon|concurrency; amount for prepaid"
      + " and add-on packages, rank and monthlyAllowance for editions, concurrency and meters for concurrency packages;"
      + " a change applies to later purchases only")
  @Transactional
  PackageView put(@PathVariable String id, @RequestBody PackageRequest.Body body) {
    return PackageView.of(packages.upsert(PackageRequest.check(id, body), clock.instant()));
  }

  @GetMapping("/v1/packages/{id}")
  @Operation(summary = "One package (404 package_not_found)")
  PackageView get(@PathVariable String id) {
    return PackageView.of(packages.find(id).orElseThrow(() -> PackageRejection.PACKAGE_NOT_FOUND.exception()));
  }

  @GetMapping("/v1/packages")
  @Operation(summary = "The catalog, by id")
  Page<PackageView> list(@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
    int size = Page.size(limit);
    List<CatalogPackage> rows = packages.list(Page.decodeCursor(cursor), size + 1);
    Page<CatalogPackage> page = Page.of(rows, size, CatalogPackage::id);
    return new Page<>(page.items().stream().map(PackageView::of).toList(), page.nextCursor());
  }

  record AdviseBody(String meter, Long expectedUnits, String currency) {}

  record AdviceLine(String id, long count) {}

  record AdviceView(String total, String currency, List<AdviceLine> packages, long unitsCovered) {}

  @PostMapping("/v1/packages:advise")
  @Operation(summary = "The cheapest mix of active prepaid units packages of a meter covering expectedUnits"
      + " (seed 004: 30,000 pictures → 3 × 10,000 = 1650.00). 422 no_packages, too_many_packages,"
      + " expected_units_too_large, expected_units_invalid, currency_required")
  AdviceView advise(@RequestBody AdviseBody body) {
    if (body.meter() == null) {
      throw ApiException.missingField("meter");
    }
    if (body.expectedUnits() == null) {
      throw ApiException.missingField("expectedUnits");
    }
    if (body.expectedUnits() < 1) {
      throw PackageRejection.EXPECTED_UNITS_INVALID.exception("expectedUnits");
    }
    List<CatalogPackage> offered = packages.prepaidUnitsOf(body.meter()).stream()
        .filter(p -> body.currency() == null || p.currency().equals(body.currency()))
        .toList();
    var currencies = offered.stream().map(CatalogPackage::currency).collect(Collectors.toSet());
    if (currencies.size() > 1) {
      throw PackageRejection.CURRENCY_REQUIRED.exception("currency");
    }
    var outcome = PackageAdvisor.advise(
        offered.stream().map(p -> new PackageOffer(p.id(), p.amount(), p.priceNanos())).toList(), body.expectedUnits());
    if (outcome instanceof PackageAdvisor.Refused r) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, r.reason().code(), r.reason().message(), "expectedUnits");
    }
    PackageAdvice advice = ((PackageAdvisor.Advised) outcome).advice();
    return new AdviceView(Nanos.format(advice.totalNanos()), offered.get(0).currency(),
        advice.counts().stream().map(l -> new AdviceLine(l.packageId(), l.count())).toList(), advice.unitsCovered());
  }
}
