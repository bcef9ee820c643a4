package dev.tollgate.core.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeyFormatTest {
  private final SecureRandom random = new SecureRandom();

  @Test
  void issuesAKeyThatStartsWithItsPrefixAndMatchesItsHash() {
    IssuedKey issued = ApiKeyFormat.issue(random);
    assertThat(issued.key()).hasSize(ApiKeyFormat.KEY_LENGTH).startsWith(issued.prefix()).startsWith("tg_");
    assertThat(ApiKeyFormat.prefixOf(issued.key())).contains(issued.prefix());
    assertThat(ApiKeyFormat.matches(issued.key(), issued.sha256())).isTrue();
  }

  @Test
  void neverPrintsTheSecret() {
    IssuedKey issued = ApiKeyFormat.issue(random);
    assertThat(issued.toString()).doesNotContain(issued.key()).contains(issued.prefix());
  }

  @Test
  void refusesAKeyWithOneCharacterChanged() {
    IssuedKey issued = ApiKeyFormat.issue(random);
    char last = issued.key().charAt(issued.key().length() - 1);
    String forged = issued.key().substring(0, issued.key().length() - 1) + (last == 'a' ? 'b' : 'a');
    assertThat(ApiKeyFormat.matches(forged, issued.sha256())).isFalse();
  }

  @ParameterizedTest(name = "\"{0}\" has no prefix")
  @ValueSource(strings = {
    "", "tg_", "sk-abcdef", "tg_AAAAAAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB",
    "tg_AAAAAAAAAAAA-BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB", "tg_AAAAAAAAAAA!_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB",
    "xx_AAAAAAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"})
  void findsNoPrefixInMalformedInput(String presented) {
    assertThat(ApiKeyFormat.prefixOf(presented)).isEmpty();
  }

  @Test
  void findsNoPrefixInNull() {
    assertThat(ApiKeyFormat.prefixOf(null)).isEmpty();
  }

  @Test
  void issuesDistinctPrefixes() {
    Set<String> prefixes = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      prefixes.add(ApiKeyFormat.issue(random).prefix());
    }
    assertThat(prefixes).hasSize(10_000);
  }

  @Test
  void allowsKeysUpToTheFamilyLimitAndNotOneMore() {
    KeyLimit limit = new KeyLimit(KeyLimit.SEED_PER_ROOT_MAX);
    assertThat(limit.allowsAnother(9)).isTrue();
    assertThat(limit.allowsAnother(10)).isFalse();
  }

  @Test
  void refusesAConfiguredLimitOutsideItsRange() {
    assertThat(new KeyLimit(KeyLimit.CONFIGURABLE_MAX).perRootMax()).isEqualTo(KeyLimit.CONFIGURABLE_MAX);
    assertThatThrownBy(() -> new KeyLimit(KeyLimit.CONFIGURABLE_MAX + 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KeyLimit(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
