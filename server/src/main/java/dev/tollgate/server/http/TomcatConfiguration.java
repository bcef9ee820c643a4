package dev.tollgate.server.http;

import org.apache.catalina.Lifecycle;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes the servlet container's own refusals problems too: the host's HTML error report valve is
 * replaced by {@link ProblemErrorReportValve} when the context starts (the host has added its
 * default valve by then).
 */
@Configuration(proxyBeanMethods = false)
class TomcatConfiguration {
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
    return factory -> factory.addContextCustomizers(context -> context.addLifecycleListener(event -> {
      if (Lifecycle.BEFORE_START_EVENT.equals(event.getType()) && context.getParent() != null) {
        Pipeline pipeline = context.getParent().getPipeline();
        for (Valve valve : pipeline.getValves()) {
          if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
            pipeline.removeValve(valve);
          }
        }
        if (java.util.Arrays.stream(pipeline.getValves()).noneMatch(ProblemErrorReportValve.class::isInstance)) {
          pipeline.addValve(new ProblemErrorReportValve());
        }
      }
    }));
  }
}
