package dev.tollgate.server.clock;

import dev.tollgate.server.config.TollgateProperties;
import java.time.InstantSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClockConfiguration {
  @Bean
  TollgateClock tollgateClock(TollgateProperties properties) {
    return new TollgateClock(InstantSource.system(), properties.testClock());
  }
}
