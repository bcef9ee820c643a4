package dev.tollgate.server.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The console's one-scan reports are exactly the API's three reports. */
class ConsoleReportsTest extends ServerTest {
  @Autowired UsageLogController controller;

  @Test
  void theConsolesThreeReportsEqualTheApisReportByDayMeterAndKey() {
    HotPathFixture fx = new HotPathFixture(api());
    String meter = uniqueId("scan");
    fx.price(meter, "{\"mode\":\"token\",\"currency\":\"USD\",\"inputPer1M\":\"1.00\",\"outputPer1M\":\"2.00\",\"effectiveAt\":\"2026-01-01T00:00:00Z\"}");
    fx.price(meter + "-b", "{\"mode\":\"call\",\"currency\":\"USD\",\"perCall\":\"0.01\",\"effectiveAt\":\"2026-01-01T00:00:00Z\"}");
    String acct = fx.account(uniqueId("scanner"));
    api().patch("/v1/accounts/" + acct, "{\"timezone\":\"Asia/Shanghai\"}");
    fx.credit(acct, "10.00");
    String key = fx.key(acct);
    for (int i = 1; i <= 4; i++) {
      String m = i % 2 == 0 ? meter : meter + "-b";
      Api.Response r = fx.settle("{\"requestId\":\"scan-" + i + "\"," + (i == 4 ? "\"accountId\":\"" + acct + "\"" : "\"apiKey\":\"" + key + "\"")
          + ",\"meter\":\"" + m + "\",\"status\":\"" + (i == 3 ? "failed" : "success") + "\",\"occurredAt\":\"2026-10-0" + i
          + "T20:00:00Z\",\"usage\":{\"inputTokens\":1000,\"outputTokens\":500,\"calls\":1}}");
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }
    Instant from = Instant.parse("2026-10-01T00:00:00Z");
    Instant to = Instant.parse("2026-10-31T00:00:00Z");
    List<UsageLogController.Report> oneScan = controller.reports(acct, null, null, from, to);
    assertThat(oneScan).extracting(UsageLogController.Report::groupBy).containsExactly("day", "meter", "apiKey");
    for (UsageLogController.Report report : oneScan) {
      assertThat(report).isEqualTo(controller.report(acct, null, null, report.groupBy(), from, to));
    }
    assertThat(oneScan.get(0).items()).extracting(UsageLogController.ReportLine::key)
        .as("days in the account's zone").containsExactly("2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05");
    assertThat(oneScan.get(2).items()).hasSize(2);
  }
}
