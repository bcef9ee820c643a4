package dev.tollgate.server.credit.packages;

import dev.tollgate.core.credit.packages.PlanInterval;
import dev.tollgate.server.http.ApiException;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Checks a plan's body: the plan's own fields (interval, description, discount), then the edition
 * package it is, through {@link PackageRequest#check} (money denomination, validity from the
 * interval, monthly allowance = {@code periodCredit}).
 */
final class PlanRequest {
  /** A paragraph for the subscription page; longer is a document, not a description. */
  static final int DESCRIPTION_LENGTH_MAX = 2000;
  /** Nanos precision, like amounts. */
  private static final Pattern DISCOUNT = Pattern.compile("[0-9]{1,2}(\\.[0-9]{1,9})?");

  private PlanRequest() {}

  record Body(
      String name, String description, String price, String currency, String interval, JsonNode periodCredit,
      String discount, Integer rank, List<String> meters, Integer refundableDays, Boolean active,
      Long storageCapacity) {}

  static Plan check(String id, Body b) {
    if (b.interval() == null) {
      throw ApiException.missingField("interval");
    }
    PlanInterval interval = PlanInterval.fromCode(b.interval())
        .orElseThrow(() -> PlanRejection.INTERVAL_INVALID.exception("interval"));
    String description = b.description() == null ? "" : b.description();
    if (description.length() > DESCRIPTION_LENGTH_MAX) {
      throw PlanRejection.DESCRIPTION_INVALID.exception("description");
    }
    BigDecimal discount = BigDecimal.ONE;
    if (b.discount() != null) {
      if (!DISCOUNT.matcher(b.discount()).matches()) {
        throw PlanRejection.DISCOUNT_INVALID.exception("discount");
      }
      discount = new BigDecimal(b.discount());
      if (discount.signum() <= 0 || discount.compareTo(BigDecimal.ONE) > 0) {
        throw PlanRejection.DISCOUNT_INVALID.exception("discount");
      }
    }
    CatalogPackage pkg;
    try {
      pkg = PackageRequest.check(id, new PackageRequest.Body(b.name(), "edition", b.meters(), "money", null, b.price(),
          b.currency(), interval.validity().toString(), b.refundableDays(), b.rank(), null, b.periodCredit(), b.active(),
          null, b.storageCapacity()));
    } catch (ApiException e) {
      if ("monthlyAllowance".equals(e.field())) {
        throw new ApiException(e.status(), e.code(), e.getMessage().replace("monthlyAllowance", "periodCredit"),
            "periodCredit");
      }
      throw e;
    }
    return new Plan(pkg, description, interval, discount.stripTrailingZeros(), null, null);
  }
}
