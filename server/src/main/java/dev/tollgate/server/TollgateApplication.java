package dev.tollgate.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The Tollgate server: HTTP API, persistence and jobs around the rules in {@code core}. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class TollgateApplication {
  public static void main(String[] args) {
    SpringApplication.run(TollgateApplication.class, args);
  }
}
