package dev.tollgate.server.reliability;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * After the drill: the acknowledgement log against the usage log, the wallets and the ledger.
 * Money is compared as exact decimals.
 */
final class DrillAudit {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern WALLET = Pattern.compile("\"wallet\":\"(-?[0-9.]+)\"");
  private static final Pattern BALANCED = Pattern.compile("\"balanced\":(true|false)");
  private static final int CSV_PAGE_ROWS = 10_000;

  /** The figures the drill prints; {@link #clean()} is what CI asserts. */
  record Figures(long acknowledged, long recorded, long lost, long doubleCharged, long recordedNotAcknowledged,
      BigDecimal expectedCharges, BigDecimal charged, boolean reconciled) {
    boolean clean() {
      return lost == 0 && doubleCharged == 0 && recordedNotAcknowledged == 0 && reconciled
          && expectedCharges.compareTo(charged) == 0;
    }
  }

  private final String base;
  private final String token;

  DrillAudit(String base, String token) {
    this.base = base;
    this.token = token;
  }

  Figures run(Path ackLog, SettleDriver driver, List<String> accounts, BigDecimal creditEach, BigDecimal pricePerCall,
      Instant from) throws IOException, InterruptedException {
    List<String> lines = Files.readAllLines(ackLog, StandardCharsets.UTF_8);
    Set<String> acked = new HashSet<>(lines);
    long ackedTwice = lines.size() - acked.size();
    Map<String, Integer> recorded = new HashMap<>();
    Map<String, Long> ackedPerAccount = new HashMap<>();
    for (String id : acked) {
      ackedPerAccount.merge(driver.accountOf(id), 1L, Long::sum);
    }
    long doubleCharged = ackedTwice;
    BigDecimal charged = BigDecimal.ZERO;
    for (String account : accounts) {
      long records = usageLog(account, from, recorded);
      BigDecimal spent = creditEach.subtract(wallet(account));
      charged = charged.add(spent);
      // More money gone than the account's records price: a charge without a record, or twice.
      long chargedCalls = spent.divide(pricePerCall).longValueExact();
      doubleCharged += Math.max(0, chargedCalls - records);
    }
    long lost = acked.stream().filter(id -> !recorded.containsKey(id)).count();
    doubleCharged += recorded.values().stream().filter(n -> n > 1).count();
    long extra = recorded.keySet().stream().filter(id -> !acked.contains(id)).count();
    BigDecimal expected = pricePerCall.multiply(BigDecimal.valueOf(acked.size()));
    return new Figures(acked.size(), recorded.size(), lost, doubleCharged, extra, expected, charged, reconciled());
  }

  /** Adds the account's request ids to {@code recorded} (counting repeats) and returns its record count. */
  private long usageLog(String account, Instant from, Map<String, Integer> recorded) throws IOException, InterruptedException {
    long count = 0;
    String cursor = null;
    String window = "&from=" + from.minus(Duration.ofHours(1)) + "&to=" + Instant.now().plus(Duration.ofHours(1));
    do {
      String path = "/v1/usage?format=csv&limit=" + CSV_PAGE_ROWS + "&accountId=" + account + window
          + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
      HttpResponse<String> page = get(path);
      String[] rows = page.body().split("\n");
      for (int i = 1; i < rows.length; i++) {
        if (!rows[i].isBlank()) {
          recorded.merge(rows[i].split(",", -1)[1], 1, Integer::sum);
          count++;
        }
      }
      cursor = page.headers().firstValue("X-Next-Cursor").orElse(null);
    } while (cursor != null);
    return count;
  }

  private BigDecimal wallet(String account) throws IOException, InterruptedException {
    Matcher m = WALLET.matcher(get("/v1/accounts/" + account + "/balance").body());
    if (!m.find()) {
      throw new IllegalStateException("no wallet in the balance of " + account);
    }
    return new BigDecimal(m.group(1));
  }

  private boolean reconciled() throws IOException, InterruptedException {
    Matcher m = BALANCED.matcher(get("/v1/ledger/reconciliation").body());
    return m.find() && m.group(1).equals("true");
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + " → " + r.statusCode() + " " + r.body());
    }
    return r;
  }
}
