package dev.tollgate.core.pricing.litellm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.pricing.ContextTier;
import dev.tollgate.core.pricing.PriceMode;
import dev.tollgate.core.pricing.PriceTerms;
import dev.tollgate.core.pricing.PriceVersion;
import dev.tollgate.core.pricing.TokenRates;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LiteLlmImportTest {
  private static final Instant EFFECTIVE_AT = Instant.parse("2026-11-01T00:00:00Z");
  private static Map<String, Object> list;
  private static LiteLlmImportResult result;
  private static Map<String, PriceVersion> imported;
  private static Map<String, String> skipped;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void importTheWholeList() throws IOException {
    try (InputStream in = LiteLlmImportTest.class.getResourceAsStream("/litellm/model_prices.json")) {
      list = (Map<String, Object>) TinyJsonReader.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    result = LiteLlmImport.convert(list, EFFECTIVE_AT);
    imported =
        result.imported().stream().collect(Collectors.toMap(PriceVersion::meter, Function.identity()));
    skipped =
        result.skipped().stream().collect(Collectors.toMap(SkippedEntry::meter, SkippedEntry::reason));
  }

  @Test
  void everyEntryOfTheWholeListIsImportedOrSkippedWithAReason() {
    assertThat(list).hasSizeGreaterThan(2900);
    assertThat(result.imported().size() + result.skipped().size()).isEqualTo(list.size());
    Set<String> meters = new HashSet<>(imported.keySet());
    meters.addAll(skipped.keySet());
    assertThat(meters).isEqualTo(list.keySet());
    assertThat(result.skipped()).allSatisfy(entry -> assertThat(entry.reason()).isNotBlank());
    assertThat(result.imported())
        .allSatisfy(
            version -> {
              assertThat(version.currency()).isEqualTo("USD");
              assertThat(version.effectiveAt()).isEqualTo(EFFECTIVE_AT);
            });
    // Most of the list is per-token chat and embedding models: the import must keep them.
    assertThat(result.imported().size()).isGreaterThan(2400);
  }

  @Test
  void convertsPerTokenDollarsToNanosPer1MExactlyWithCacheRates() {
    PriceTerms.Token token = (PriceTerms.Token) imported.get("gpt-4o").terms();
    // 2.5e-06 USD per token = 2.50 USD per 1M tokens; cache writes default to the input rate.
    assertThat(token.rates()).isEqualTo(TokenRates.of(2_500_000_000L, 10_000_000_000L, 1_250_000_000L, 2_500_000_000L));
    assertThat(token.contextTiers()).isEmpty();
  }

  @Test
  void turnsAbove200kFieldsIntoAContextTierThatKeepsTheBaseRatesItDoesNotName() {
    PriceTerms.Token token = (PriceTerms.Token) imported.get("gemini-2.5-pro").terms();
    assertThat(token.rates()).isEqualTo(TokenRates.of(1_250_000_000L, 10_000_000_000L, 125_000_000L, 1_250_000_000L));
    assertThat(token.contextTiers())
        .containsExactly(
            new ContextTier(200_000, TokenRates.of(2_500_000_000L, 15_000_000_000L, 250_000_000L, 250_000_000L)));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          azure/whisper-1           | second | 100000
          1024-x-1024/50-steps/bedrock/amazon.nova-canvas-v1:0 | unit | -1
          """)
  void importsPerSecondAndPerImagePricesWhenThereIsNoTokenPrice(String meter, String mode, long perItemNanos) {
    PriceVersion version = imported.get(meter);
    assertThat(version).isNotNull();
    assertThat(version.mode().code()).isEqualTo(mode);
    if (version.terms() instanceof PriceTerms.Second second) {
      // 0.0001 USD per second on both sides is one rate, not two added.
      assertThat(second.perSecondNanos()).isEqualTo(perItemNanos);
    }
    if (version.terms() instanceof PriceTerms.Unit unit) {
      assertThat(unit.unitName()).isEqualTo("image");
    }
  }

  @ParameterizedTest(name = "{0} is skipped: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          sample_spec              | documentation entry (sample_spec)
          fallback_generalizations | no price fields
          1024-x-1024/dall-e-2     | priced per pixel, which Tollgate does not meter
          azure/speech/azure-tts   | priced per character, which Tollgate does not meter
          mistral/mistral-embed    | priced per input token but output_cost_per_token is missing
          dashscope/qwen-flash     | priced by tiered_pricing input ranges
          dataforseo/search        | priced per search query
          """)
  void skipsWhatTollgateCannotMeterWithAReason(String meter, String reasonStart) {
    assertThat(skipped).containsKey(meter);
    assertThat(skipped.get(meter)).startsWith(reasonStart);
  }

  @Test
  void importsAnEntryWhosePricesAreAllZeroAsFreeAndNeverAMissingPriceAsFree() {
    Map<String, Object> entries = new LinkedHashMap<>();
    entries.put("zero", Map.of("input_cost_per_token", 0L, "output_cost_per_token", new BigDecimal("0.0")));
    entries.put("input only, zero", Map.of("input_cost_per_token", new BigDecimal("0.0")));
    entries.put("input only", Map.of("input_cost_per_token", new BigDecimal("1e-7")));
    LiteLlmImportResult converted = LiteLlmImport.convert(entries, EFFECTIVE_AT);
    assertThat(converted.imported()).extracting(PriceVersion::meter).containsExactly("zero", "input only, zero");
    assertThat(converted.imported()).extracting(PriceVersion::mode).containsOnly(PriceMode.FREE);
    // A nonzero input price without an output price leaves output unknown: skipped, not free.
    assertThat(converted.skipped()).extracting(SkippedEntry::meter).containsExactly("input only");
  }

  @Test
  void skipsAValueThatIsNotANumberOrNegativeAndKeepsGoing() {
    Map<String, Object> entries = new LinkedHashMap<>();
    entries.put("text", Map.of("input_cost_per_token", "0.1", "output_cost_per_token", 1L));
    entries.put("binary", Map.of("input_cost_per_token", 0.1d, "output_cost_per_token", 1L));
    entries.put("negative", Map.of("input_cost_per_token", -1L, "output_cost_per_token", 1L));
    entries.put("not an object", List.of());
    entries.put("ok", Map.of("input_cost_per_token", new BigDecimal("1E-7"), "output_cost_per_token", 2));
    LiteLlmImportResult converted = LiteLlmImport.convert(entries, EFFECTIVE_AT);
    assertThat(converted.skipped())
        .containsExactly(
            new SkippedEntry("text", "value is not a number: input_cost_per_token = \"0.1\""),
            new SkippedEntry("binary", "value is not a number: input_cost_per_token = Double"),
            new SkippedEntry("negative", "negative price: input_cost_per_token = -1"),
            new SkippedEntry("not an object", "entry is not an object"));
    PriceTerms.Token token = (PriceTerms.Token) converted.imported().get(0).terms();
    assertThat(token.rates().inputPer1MNanos()).isEqualTo(100_000_000L);
    assertThat(token.rates().outputPer1MNanos()).isEqualTo(2_000_000_000_000_000L);
  }

  @Test
  void importsTheReasoningRateAndIgnoresBatchPriorityAndFlexPrices() {
    Map<String, Object> entries =
        Map.of(
            "thinker",
            Map.of(
                "input_cost_per_token", new BigDecimal("1e-6"),
                "output_cost_per_token", new BigDecimal("2e-6"),
                "output_cost_per_reasoning_token", new BigDecimal("3e-6"),
                "input_cost_per_token_batches", new BigDecimal("5e-7"),
                "input_cost_per_token_priority", new BigDecimal("2e-6")));
    PriceVersion version = LiteLlmImport.convert(entries, EFFECTIVE_AT).imported().get(0);
    TokenRates rates = ((PriceTerms.Token) version.terms()).rates();
    assertThat(rates.reasoningEffectivePer1MNanos()).isEqualTo(3_000_000_000L);
    assertThat(rates.inputPer1MNanos()).isEqualTo(1_000_000_000L);
  }

  @Test
  void importingTheSameListTwiceGivesEqualVersions() {
    assertThat(LiteLlmImport.convert(list, EFFECTIVE_AT)).isEqualTo(result);
  }
}
