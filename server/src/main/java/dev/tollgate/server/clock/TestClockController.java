package dev.tollgate.server.clock;

import dev.tollgate.server.http.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The test clock of API.md. Not registered at all unless TOLLGATE_TEST_CLOCK=true. */
@RestController
@ConditionalOnProperty(name = "tollgate.test-clock", havingValue = "true")
@Tag(name = "Test clock", description = "Only with TOLLGATE_TEST_CLOCK=true")
class TestClockController {
  private final TollgateClock clock;

  TestClockController(TollgateClock clock) {
    this.clock = clock;
  }

  record ClockBody(Instant now) {}

  record ClockView(Instant now, boolean fixed) {}

  @GetMapping("/v1/test/clock")
  @Operation(summary = "Read the clock every rule and job uses")
  ClockView get() {
    return new ClockView(clock.instant(), clock.isFixed());
  }

  @PutMapping("/v1/test/clock")
  @Operation(summary = "Set the clock; time then stands still at that instant until set again")
  ClockView put(@RequestBody ClockBody body) {
    if (body.now() == null) {
      throw ApiException.missingField("now");
    }
    clock.set(body.now());
    return get();
  }

  @DeleteMapping("/v1/test/clock")
  @Operation(summary = "Back to the system clock")
  ClockView reset() {
    clock.reset();
    return get();
  }
}
