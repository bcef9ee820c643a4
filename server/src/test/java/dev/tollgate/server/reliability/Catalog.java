package dev.tollgate.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.money.Nanos;
import dev.tollgate.server.support.Api;
import java.util.List;
import java.util.UUID;

/** What every sequence of a run prices and buys: one unit meter, two prepaid money packages. */
record Catalog(String meter, long unitPriceNanos, List<Package> packages) {
  record Package(String id, long priceNanos, long amountNanos) {}

  /** 0.0125 a unit: amounts that are not whole cents, so the bill's rounding is exercised. */
  static Catalog create(Api api) {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String meter = "model-" + run;
    Api.Response price = api.put("/v1/prices/" + meter,
        "{\"mode\":\"unit\",\"currency\":\"USD\",\"unitName\":\"unit\",\"perUnit\":\"0.0125\",\"effectiveAt\":\"2020-01-01T00:00:00Z\"}");
    assertThat(price.status()).as(price.toString()).isEqualTo(200);
    List<Package> packages = List.of(
        pkg(api, "model-small-" + run, "5.00", "6.00"), pkg(api, "model-large-" + run, "20.00", "25.00"));
    return new Catalog(meter, Nanos.parse("0.0125"), packages);
  }

  private static Package pkg(Api api, String id, String price, String amount) {
    Api.Response r = api.put("/v1/packages/" + id, "{\"name\":\"" + id + "\",\"kind\":\"prepaid\",\"denomination\":\"money\","
        + "\"amount\":\"" + amount + "\",\"price\":\"" + price + "\",\"currency\":\"USD\",\"validity\":\"P1Y\",\"refundableDays\":7}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return new Package(id, Nanos.parse(price), Nanos.parse(amount));
  }
}
