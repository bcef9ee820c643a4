package dev.tollgate.server.http;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lets an encoded slash ({@code %2F}) reach Spring MVC instead of Tomcat's HTML 400 page. Meter
 * names contain slashes ({@code anthropic/claude-3}); clients that encode path segments send
 * {@code anthropic%2Fclaude-3}, and that must name the same meter, or else be refused as
 * problem+json like every other bad request. Tomcat's default ("reject") answers before our error
 * handling runs. "passthrough" keeps {@code %2F} encoded in the path Tomcat maps, so it can never
 * act as a separator for servlet mapping or static resources; Spring decodes it only inside a path
 * variable's value.
 */
@Configuration(proxyBeanMethods = false)
class EncodedSlashConfiguration {
  @Bean
  TomcatConnectorCustomizer encodedSlashPassthrough() {
    return connector -> connector.setEncodedSolidusHandling("passthrough");
  }
}
