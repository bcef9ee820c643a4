package dev.tollgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StoreCollationTest {
  @ParameterizedTest(name = "{0} {1}: bytewise {2}")
  @CsvSource({
      "builtin, C.UTF-8, true",
      "builtin, C, true",
      "builtin, PG_UNICODE_FAST, true",
      "libc, C, true",
      "libc, POSIX, true",
      "libc, C.UTF-8, false",
      "libc, en_US.UTF-8, false",
      "icu, und, false",
  })
  void onlyCollationsThatPostgresCompareByMemcmpAreBytewise(String provider, String name, boolean bytewiseCollation) {
    assertThat(new StoreCollation.Collation(provider, name).bytewise()).isEqualTo(bytewiseCollation);
  }

  @Test
  void warnsOnlyWhenTheCollationIsNotBytewise() {
    assertThat(new StoreCollation.Collation("builtin", "C.UTF-8").warning()).isEmpty();
    assertThat(new StoreCollation.Collation("libc", "en_US.UTF-8").warning())
        .hasValueSatisfying(w -> assertThat(w).contains("libc en_US.UTF-8").contains("builtin C.UTF-8"));
  }
}
