package dev.tollgate.server.security;

import dev.tollgate.server.config.TollgateProperties;
import dev.tollgate.server.http.BodyLimitFilter;
import dev.tollgate.server.http.ProblemResponses;
import java.security.SecureRandom;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The filters in front of every request: body size first, then the admin token. */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {
  @Bean
  SecureRandom secureRandom() {
    return new SecureRandom();
  }

  // Flyway must have created admin_token before this runs; the Flyway bean initialises first.
  @Bean
  @org.springframework.context.annotation.DependsOn("flywayInitializer")
  AdminToken adminToken(TollgateProperties properties, JdbcClient jdbc, SecureRandom random) {
    return AdminToken.resolve(properties.adminToken(), jdbc, random);
  }

  @Bean
  FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(TollgateProperties properties, ProblemResponses problems) {
    var registration = new FilterRegistrationBean<>(new BodyLimitFilter(
        properties.http().bodyBytesMax(),
        java.util.Map.of(BodyLimitFilter.PRICES_IMPORT_PATH, properties.http().importBodyBytesMax()),
        problems));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  @Bean
  AuthFailureLimiter authFailureLimiter(AuthFailureProperties limits, java.time.InstantSource clock) {
    return new AuthFailureLimiter(
        limits.max(), java.time.Duration.ofSeconds(limits.windowSeconds()), limits.addressesMax(), clock);
  }

  @Bean
  FilterRegistrationBean<AdminTokenFilter> adminTokenFilter(
      AdminToken token, AuthFailureLimiter failures, ProblemResponses problems) {
    var registration = new FilterRegistrationBean<>(new AdminTokenFilter(token, failures, problems));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }
}
