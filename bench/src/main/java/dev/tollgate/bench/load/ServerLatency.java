package dev.tollgate.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The server's own view of a phase's latency: the hot path's histogram buckets
 * ({@code tollgate_hot_path_requests_seconds_bucket}, from the body read to the answer) scraped from
 * {@code /actuator/prometheus} before and after the phase. Set beside the client's figures it
 * splits a percentile into time inside the server and time in the kernel, Tomcat's hand-off and
 * the load client (which share the two cores). Also the route's group-commit pipeline: how many
 * batches it committed, their mean size and how long each took to apply and commit
 * ({@code tollgate_batch_time_seconds_bucket}, {@code tollgate_batch_size}).
 */
final class ServerLatency {
  private static final String BUCKET = "tollgate_hot_path_requests_seconds_bucket{";
  private static final String BATCH_BUCKET = "tollgate_batch_time_seconds_bucket{";
  private static final String BATCH_SIZE_SUM = "tollgate_batch_size_sum{";
  /** Pseudo-outcomes under which {@link #scrape} keeps the pipeline's batch figures. */
  private static final String BATCHES = " batches";
  private static final String BATCHED_REQUESTS = " batched requests";

  private final int port;
  private final String token;
  /** authorize or settle: the route's tag, and the name of its group-commit pipeline. */
  private final String route;
  private final Map<String, Map<Double, Double>> before;

  private ServerLatency(int port, String token, String route) throws IOException, InterruptedException {
    this.port = port;
    this.token = token;
    this.route = route;
    this.before = scrape();
  }

  /** Starts a phase: remembers the buckets of {@code route} (authorize, settle). */
  static ServerLatency start(int port, String token, String route) {
    try {
      return new ServerLatency(port, token, route);
    } catch (IOException e) {
      // Say so: without this line a run would simply lack its server-side figures.
      System.out.println(route + " server-side unavailable: " + e);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Prints one line per outcome seen since start: count and the bucket bounds holding p50, p99, p99.9. */
  void report(String label) {
    try {
      Map<String, Map<Double, Double>> after = scrape();
      for (Map.Entry<String, Map<Double, Double>> e : after.entrySet()) {
        if (e.getKey().equals(BATCHES) || e.getKey().equals(BATCHED_REQUESTS)) {
          continue;
        }
        TreeMap<Double, Double> counts = since(e.getKey(), after);
        double total = counts.lastEntry().getValue();
        if (total <= 0) {
          continue;
        }
        System.out.printf(Locale.ROOT, "%s server-side outcome=%s requests=%.0f p50<=%s p99<=%s p99.9<=%s"
                + " (histogram bucket bounds, from the body read to the answer)%n",
            label, e.getKey(), total, bound(counts, total, 0.5), bound(counts, total, 0.99), bound(counts, total, 0.999));
      }
      if (after.containsKey(BATCHES)) {
        TreeMap<Double, Double> times = since(BATCHES, after);
        double batches = times.lastEntry().getValue();
        double requests = since(BATCHED_REQUESTS, after).getOrDefault(0.0, 0.0);
        if (batches > 0) {
          System.out.printf(Locale.ROOT, "%s server-batches pipeline=%s batches=%.0f requests-per-batch=%.1f"
                  + " time p50<=%s p99<=%s p99.9<=%s (apply and commit, histogram bucket bounds)%n",
              label, route, batches, requests / batches, bound(times, batches, 0.5), bound(times, batches, 0.99),
              bound(times, batches, 0.999));
          // A few slow batches hold up every call queued behind them and make the calls' p99 while
          // the batches' p99.9 stays small: count them.
          System.out.printf(Locale.ROOT, "%s server-batches pipeline=%s slower-than %s: %.0f, %s: %.0f%n", label, route,
              overBound(times, 0.020), batches - atMost(times, 0.020), overBound(times, 0.050),
              batches - atMost(times, 0.050));
        }
      }
    } catch (IOException e) {
      System.out.println(label + " server-side unavailable: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private TreeMap<Double, Double> since(String key, Map<String, Map<Double, Double>> after) {
    Map<Double, Double> was = before.getOrDefault(key, Map.of());
    TreeMap<Double, Double> counts = new TreeMap<>();
    after.getOrDefault(key, Map.of()).forEach((le, n) -> counts.put(le, n - was.getOrDefault(le, 0.0)));
    return counts;
  }

  /** Batches in the buckets up to the largest bound at most {@code seconds}. */
  private static double atMost(TreeMap<Double, Double> cumulative, double seconds) {
    Map.Entry<Double, Double> e = cumulative.floorEntry(seconds);
    return e == null ? 0 : e.getValue();
  }

  private static String overBound(TreeMap<Double, Double> cumulative, double seconds) {
    Double le = cumulative.floorKey(seconds);
    return le == null ? "0ms" : String.format(Locale.ROOT, "%.2fms", le * 1000);
  }

  private static String bound(TreeMap<Double, Double> cumulative, double total, double quantile) {
    for (Map.Entry<Double, Double> e : cumulative.entrySet()) {
      if (e.getValue() >= quantile * total) {
        return e.getKey().isInfinite() ? "inf" : String.format(Locale.ROOT, "%.2fms", e.getKey() * 1000);
      }
    }
    return "inf";
  }

  /** outcome → (upper bound in seconds → cumulative count) for this route. */
  private Map<String, Map<Double, Double>> scrape() throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).GET().build();
    String text = client.send(request, HttpResponse.BodyHandlers.ofString()).body();
    Map<String, Map<Double, Double>> out = new TreeMap<>();
    for (String line : text.split("\n")) {
      String key;
      if (line.startsWith(BUCKET) && line.contains("route=\"" + route + "\"")) {
        key = label(line, "outcome");
      } else if (line.startsWith(BATCH_BUCKET) && line.contains("pipeline=\"" + route + "\"")) {
        key = BATCHES;
      } else if (line.startsWith(BATCH_SIZE_SUM) && line.contains("pipeline=\"" + route + "\"")) {
        out.computeIfAbsent(BATCHED_REQUESTS, k -> new TreeMap<>()).put(0.0, number(line));
        continue;
      } else {
        continue;
      }
      String le = label(line, "le");
      double bound = "+Inf".equals(le) ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
      out.computeIfAbsent(key, k -> new TreeMap<>()).put(bound, number(line));
    }
    return out;
  }

  private static double number(String line) {
    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }

  private static String label(String line, String name) {
    int at = line.indexOf(name + "=\"");
    if (at < 0) {
      return "";
    }
    int from = at + name.length() + 2;
    return line.substring(from, line.indexOf('"', from));
  }
}
