package dev.tollgate.server.http;

import dev.tollgate.server.config.TollgateProperties;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.catalina.valves.RemoteIpValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The client's address behind a load balancer. Per-address limits (wrong tokens, redemption
 * codes) count by the address the request came from; behind a proxy every client shares the
 * proxy's, so one guesser would lock everyone out. With TOLLGATE_TRUSTED_PROXIES set, a request
 * whose connection comes from one of those addresses is attributed to the right-most address in
 * its {@code X-Forwarded-For} that is not itself a trusted proxy (Tomcat's RemoteIpValve), so a
 * client cannot pick its own address by prepending entries. From any other address the header is
 * ignored; unset, it is ignored everywhere (a client could otherwise forge it).
 */
@Configuration(proxyBeanMethods = false)
class TrustedProxies {
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> trustedProxiesValve(TollgateProperties properties) {
    List<String> proxies = properties.http().trustedProxies();
    return factory -> {
      if (!proxies.isEmpty()) {
        factory.addEngineValves(valve(proxies));
      }
    };
  }

  static RemoteIpValve valve(List<String> proxies) {
    RemoteIpValve valve = new RemoteIpValve();
    valve.setInternalProxies(proxies.stream().map(Pattern::quote).collect(Collectors.joining("|")));
    valve.setTrustedProxies(null);
    valve.setRemoteIpHeader("X-Forwarded-For");
    valve.setProtocolHeader("X-Forwarded-Proto");
    return valve;
  }
}
