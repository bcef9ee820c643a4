package dev.tollgate.server.portal;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class PortalConfiguration {
  /** After the body limit (HIGHEST + 10), beside the admin token filter that guards /v1 only. */
  @Bean
  FilterRegistrationBean<PortalFilter> portalFilter(PortalSessions sessions, PortalErrorPage errors) {
    var registration = new FilterRegistrationBean<>(new PortalFilter(sessions, errors));
    registration.addUrlPatterns("/portal", "/portal/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
    return registration;
  }
}
