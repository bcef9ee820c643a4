package dev.tollgate.server.console;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The console's filter, after the body limit and the admin token filter (which ignores /console). */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration {
  @Bean
  FilterRegistrationBean<ConsoleFilter> consoleFilter(ConsoleSessions sessions) {
    var registration = new FilterRegistrationBean<>(new ConsoleFilter(sessions));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
    return registration;
  }
}
