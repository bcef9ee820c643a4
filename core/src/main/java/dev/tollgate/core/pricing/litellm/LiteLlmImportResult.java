package dev.tollgate.core.pricing.litellm;

import dev.tollgate.core.pricing.PriceVersion;
import java.util.List;

/** Every entry of the list ends up in exactly one of the two lists, in the list's order. */
public record LiteLlmImportResult(List<PriceVersion> imported, List<SkippedEntry> skipped) {
  public LiteLlmImportResult {
    imported = List.copyOf(imported);
    skipped = List.copyOf(skipped);
  }
}
