package dev.tollgate.server.usage;

import dev.tollgate.server.http.HotRoutes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.ObservationPredicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Request metrics of the hot path. The generic {@code http.server.requests} observation builds a
 * context, key values and a tagged meter lookup on every call (BENCHMARKS.md: a measurable share of
 * a settle's CPU), so the three hot routes skip it and record into timers built once instead:
 * {@code tollgate.hot_path.requests{route, outcome}} with outcome {@code answered} or {@code refused},
 * with histogram buckets from 100 µs to 10 s.
 */
@Configuration(proxyBeanMethods = false)
class HotPathMetrics {
  @Bean
  ObservationPredicate hotPathSkipsHttpObservation() {
    return (name, context) -> !(context instanceof ServerRequestObservationContext request
        && HotRoutes.PATHS.contains(request.getCarrier().getRequestURI()));
  }

  /** The prepared timers of one route. */
  record Timers(Timer answered, Timer refused) {
    static Timers of(MeterRegistry registry, String route) {
      return new Timers(timer(registry, route, "answered"), timer(registry, route, "refused"));
    }

    private static Timer timer(MeterRegistry registry, String route, String outcome) {
      return Timer.builder("tollgate.hot_path.requests")
          .description("Hot-path requests by route and outcome, from the body read to the answer")
          .tag("route", route)
          .tag("outcome", outcome)
          // Buckets, so an operator can watch the server's own p99 against the gateway's SLO
          // (BENCHMARKS.md compares it with the latency the load client saw).
          .publishPercentileHistogram()
          .minimumExpectedValue(java.time.Duration.ofMillis(1).dividedBy(10))
          .maximumExpectedValue(java.time.Duration.ofSeconds(10))
          .register(registry);
    }

    void record(long startNanos, boolean answered) {
      (answered ? this.answered : refused).record(System.nanoTime() - startNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
  }
}
