package dev.tollgate.server.usage;

import dev.tollgate.server.http.HotRoutes;
import dev.tollgate.server.http.ProblemAdvice;
import dev.tollgate.server.http.ProblemResponses;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class HotPathConfiguration {
  /** After the body limit (+10) and the admin token (+20), before every other filter of ours (+30). */
  static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 25;

  @Bean
  FilterRegistrationBean<HotPathFilter> hotPathFilter(CallController calls, ProblemAdvice advice, ProblemResponses problems) {
    var registration = new FilterRegistrationBean<>(new HotPathFilter(calls, advice, problems));
    registration.setOrder(ORDER);
    registration.addUrlPatterns(HotRoutes.AUTHORIZE, HotRoutes.SETTLE);
    return registration;
  }
}
