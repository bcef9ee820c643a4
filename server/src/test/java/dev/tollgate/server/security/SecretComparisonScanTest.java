package dev.tollgate.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Secrets are compared in constant time ({@link ConstantTime}, {@code MessageDigest.isEqual}). This
 * scan fails when security code compares a value named like a secret with {@code equals} or {@code
 * Arrays.equals}, which stop at the first differing character.
 */
class SecretComparisonScanTest {
  /** Where secrets are handled: the admin token, API keys, codes, payments, webhooks. */
  static final List<Path> ROOTS = List.of(
      Path.of("src/main/java/dev/tollgate/server/security"), Path.of("src/main/java/dev/tollgate/server/keys"),
      Path.of("src/main/java/dev/tollgate/server/codes"), Path.of("src/main/java/dev/tollgate/server/payments"),
      Path.of("src/main/java/dev/tollgate/server/notify"), Path.of("../core/src/main/java/dev/tollgate/core/keys"));
  private static final String SECRET = "\\w*(?:token|secret|signature|sign|sig|digest|hash|sha256|hmac|mac|password|apikey)\\w*(?:\\(\\))?";
  static final Pattern SECRET_EQUALS = Pattern.compile(
      "(?i)\\b" + SECRET + "\\s*\\.\\s*equals(?:IgnoreCase)?\\(|\\.equals(?:IgnoreCase)?\\(\\s*" + SECRET + "\\s*\\)|Arrays\\.equals\\(");
  /** Matches that are not secrets, each with why. */
  static final Map<String, String> ALLOWED = Map.of(
      "earlier.get().requestDigest().equals(", "TopUps: the fingerprint of an idempotent request body, not a secret");

  @Test
  void noSecretIsComparedWithEquals() throws IOException {
    List<String> found = new ArrayList<>();
    for (Path root : ROOTS) {
      assertThat(root).as("scanned folder exists").isDirectory();
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          List<String> lines = Files.readAllLines(file);
          for (int i = 0; i < lines.size(); i++) {
            Matcher m = SECRET_EQUALS.matcher(lines.get(i));
            while (m.find()) {
              String line = lines.get(i);
              if (ALLOWED.keySet().stream().noneMatch(line::contains)) {
                found.add(file + ":" + (i + 1) + ": " + line.trim());
              }
            }
          }
        }
      }
    }
    assertThat(found).as("use ConstantTime.sameSecret or MessageDigest.isEqual").isEmpty();
  }

  @Test
  void theScanCatchesWhatItIsFor() {
    assertThat(SECRET_EQUALS.matcher("if (token.equals(presented))").find()).isTrue();
    assertThat(SECRET_EQUALS.matcher("return expected.equals(signature);").find()).isTrue();
    assertThat(SECRET_EQUALS.matcher("row.sha256().equals(x)").find()).isTrue();
    assertThat(SECRET_EQUALS.matcher("Arrays.equals(a, b)").find()).isTrue();
    assertThat(SECRET_EQUALS.matcher("if (name.equals(\"sign\"))").find()).isFalse();
    assertThat(ConstantTime.sameSecret("abc", "abc")).isTrue();
    assertThat(ConstantTime.sameSecret("abc", "abd")).isFalse();
    assertThat(ConstantTime.sameSecret("abc", null)).isFalse();
  }
}
