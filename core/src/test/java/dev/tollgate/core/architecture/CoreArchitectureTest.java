package dev.tollgate.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Keeps core a pure domain: no frameworks, no I/O, no wall clock, no floating-point money. */
class CoreArchitectureTest {
  private static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.tollgate.core");

  @Test
  void coreDependsOnNoFrameworkOrDatabase() {
    noClasses().should().dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "jakarta..", "javax..", "java.sql..", "tools.jackson..",
            "com.fasterxml..", "org.postgresql..", "io.zonky..")
        .check(CORE);
  }

  @Test
  void coreNeverReadsTheWallClock() {
    noClasses().should().callMethod(java.time.Instant.class, "now")
        .orShould().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(java.time.Clock.class, "systemUTC")
        .because("time is an Instant passed in from the injected clock")
        .check(CORE);
  }

  @Test
  void moneyCapabilitiesUseNoFloatingPoint() throws IOException {
    // ArchUnit sees no primitive types, so read the sources: a double anywhere in these packages,
    // even a local variable, is refused. Comments and strings are stripped first ("double-entry").
    Path root = Path.of("src/main/java/dev/tollgate/core");
    List<String> offenders = new ArrayList<>();
    for (String capability : List.of("money", "pricing", "credit", "ledger")) {
      Path dir = root.resolve(capability);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          String code = FLOAT_FREE_NOISE.matcher(Files.readString(file)).replaceAll(" ");
          if (FLOATING_POINT.matcher(code).find()) {
            offenders.add(root.relativize(file).toString());
          }
        }
      }
    }
    assertThat(offenders).as("money is exact: long nanos or BigDecimal, never binary floating point").isEmpty();
  }

  private static final Pattern FLOAT_FREE_NOISE = Pattern.compile(
      "//[^\\n]*|/\\*(?s:.*?)\\*/|\"\"\"(?s:.*?)\"\"\"|\"(?:[^\"\\\\\\n]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)'");
  private static final Pattern FLOATING_POINT =
      Pattern.compile("\\b(double|float|Double|Float)\\b|(?<![\\w.])\\d+\\.\\d+(?![\\w.])");

  @Test
  void capabilitiesHaveNoCycles() {
    slices().matching("dev.tollgate.core.(*)..").should().beFreeOfCycles().check(CORE);
  }
}
