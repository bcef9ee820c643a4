package dev.tollgate.server.health;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /healthz}: UP once migrations ran (the server accepts requests only after Flyway
 * finished) and the database answers a query now.
 */
@RestController
@Tag(name = "Health")
class HealthController {
  private final JdbcClient jdbc;

  HealthController(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  record Health(String status) {}

  @GetMapping("/healthz")
  @Operation(summary = "Liveness and readiness: the database answers")
  ResponseEntity<Health> health() {
    try {
      jdbc.sql("SELECT 1").query(Integer.class).single();
      return ResponseEntity.ok(new Health("UP"));
    } catch (RuntimeException e) {
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(new Health("DOWN"));
    }
  }
}
