package dev.tollgate.server.audit;

import java.time.InstantSource;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/** The audit filter runs after the body limit and the admin token, so only authenticated changes reach it. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {
  @Bean
  FilterRegistrationBean<AuditFilter> auditFilter(AuditStore store, InstantSource clock, JsonMapper json) {
    var registration = new FilterRegistrationBean<>(new AuditFilter(store, clock, json));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
    return registration;
  }
}
