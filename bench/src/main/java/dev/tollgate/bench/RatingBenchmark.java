package dev.tollgate.bench;

import dev.tollgate.core.money.Nanos;
import dev.tollgate.core.pricing.ContextTier;
import dev.tollgate.core.pricing.Fraction;
import dev.tollgate.core.pricing.PriceVersion;
import dev.tollgate.core.pricing.Rater;
import dev.tollgate.core.pricing.RatingOutcome;
import dev.tollgate.core.pricing.TokenRates;
import dev.tollgate.core.pricing.ToolPrices;
import dev.tollgate.core.pricing.Usage;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of rating one token-priced call on the settle path: cache reads and writes, a price
 * with a 200k context tier that this call exceeds, and a composed multiplier (group 4/5 × flex ½).
 * Run with {@code -prof gc} to see the allocation per rating (the goal: only the result).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RatingBenchmark {
  private PriceVersion version;
  private Usage usage;
  private Fraction multiplier;
  private ToolPrices toolPrices;

  @Setup
  public void setUp() {
    version =
        PriceVersion.builder("gemini-2.5-pro", "USD", Instant.parse("2026-10-01T00:00:00Z"))
            .token(
                TokenRates.of(
                    Nanos.parse("1.25"), Nanos.parse("10"), Nanos.parse("0.31"), Nanos.parse("1.625")),
                List.of(
                    new ContextTier(
                        200_000,
                        TokenRates.of(
                            Nanos.parse("2.50"),
                            Nanos.parse("15"),
                            Nanos.parse("0.625"),
                            Nanos.parse("3.25")))))
            .build()
            .orThrow();
    usage = Usage.tokens(180_000, 2_345, 30_000, 1_234).withReasoningTokens(512);
    multiplier = Fraction.of(4, 5).times(Fraction.of(1, 2));
    toolPrices = ToolPrices.NONE;
  }

  @Benchmark
  public RatingOutcome rateTokenCall() {
    return Rater.rate(version, usage, multiplier, toolPrices);
  }
}
