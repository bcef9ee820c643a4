package dev.tollgate.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps credit and ledger pure: no frameworks, no clock, no floating-point money, no cycle. */
class CreditLedgerArchitectureTest {
  private static final String[] PURE = {"dev.tollgate.core.credit..", "dev.tollgate.core.ledger.."};
  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.tollgate.core");

  @Test
  void creditAndLedgerUseNoFrameworkDatabaseOrJson() {
    noClasses()
        .that()
        .resideInAnyPackage(PURE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..", "jakarta..", "javax..", "java.sql..", "com.fasterxml..")
        .check(classes);
  }

  @Test
  void creditAndLedgerNeverReadTheClock() {
    noClasses()
        .that()
        .resideInAnyPackage(PURE)
        .should()
        .callMethod(java.time.Instant.class, "now")
        .orShould()
        .callMethod(java.time.Clock.class, "systemUTC")
        .orShould()
        .callMethod(java.time.Clock.class, "systemDefaultZone")
        .check(classes);
  }

  @Test
  void creditAndLedgerHoldNoFloatingPoint() {
    fields()
        .that()
        .areDeclaredInClassesThat()
        .resideInAnyPackage(PURE)
        .should()
        .notHaveRawType(double.class)
        .andShould()
        .notHaveRawType(float.class)
        .check(classes);
    methods()
        .that()
        .areDeclaredInClassesThat()
        .resideInAnyPackage(PURE)
        .should()
        .notHaveRawReturnType(double.class)
        .andShould()
        .notHaveRawReturnType(float.class)
        .check(classes);
  }

  @Test
  void creditDoesNotDependOnTheLedger() {
    noClasses()
        .that()
        .resideInAPackage("dev.tollgate.core.credit..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.tollgate.core.ledger..")
        .check(classes);
  }
}
