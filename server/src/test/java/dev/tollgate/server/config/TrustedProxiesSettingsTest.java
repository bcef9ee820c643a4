package dev.tollgate.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TOLLGATE_TRUSTED_PROXIES: IP addresses only, at most 32, in the form the container reports. */
class TrustedProxiesSettingsTest {
  private static TollgateProperties.Http http(List<String> proxies) {
    return new TollgateProperties.Http(TollgateProperties.Http.BODY_BYTES_MAX_DEFAULT, null, proxies);
  }

  @Test
  void addressesAreKeptAsTheContainerWritesThemAndBlanksAreDropped() {
    assertThat(http(List.of("10.0.0.7", " ::1 ", "")).trustedProxies()).containsExactly("10.0.0.7", "0:0:0:0:0:0:0:1");
    assertThat(http(null).trustedProxies()).isEmpty();
  }

  @Test
  void aNameOrARangeStopsTheServerNamingTheVariable() {
    assertThatThrownBy(() -> http(List.of("gateway.internal"))).hasMessageContaining("TOLLGATE_TRUSTED_PROXIES");
    assertThatThrownBy(() -> http(List.of("10.0.0.0/8"))).hasMessageContaining("not names or ranges");
    assertThatThrownBy(() -> http(List.of("256.1.1.1"))).hasMessageContaining("TOLLGATE_TRUSTED_PROXIES");
  }

  @Test
  void thirtyTwoAddressesAreTakenAndAThirtyThirdIsRefused() {
    List<String> proxies = new ArrayList<>();
    for (int i = 1; i <= TollgateProperties.Http.TRUSTED_PROXIES_MAX; i++) {
      proxies.add("10.0.0." + i);
    }
    assertThat(http(proxies).trustedProxies()).hasSize(32);
    proxies.add("10.0.1.1");
    assertThatThrownBy(() -> http(proxies)).hasMessageContaining("at most 32");
  }
}
