package dev.tollgate.server.storage;

import dev.tollgate.server.http.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Storage", description = "Knowledge-base usage against the edition's storage capacity (seed 000)")
class StorageController {
  /** Largest usage the gateway may report: 10^12 units (a petabyte in MB), as much as any edition may grant. */
  static final long USED_UNITS_MAX = 1_000_000_000_000L;

  private final StorageCommands commands;

  StorageController(StorageCommands commands) {
    this.commands = commands;
  }

  record ReportBody(Long usedUnits) {}

  record StorageView(
      long usedUnits, long capacityUnits, long excessUnits, String status, Instant overSince, Instant invalidSince) {
    static StorageView of(StorageStatus s) {
      return new StorageView(s.usedUnits(), s.capacityUnits(), s.excessUnits(), s.status(), s.overSince(),
          s.invalidSince());
    }
  }

  @PutMapping("/v1/accounts/{id}/storage")
  @Operation(summary = "The gateway reports the knowledge base's size (200, the status). 422 used_units_invalid,"
      + " missing_field; 404 account_not_found")
  StorageView report(@PathVariable String id, @RequestBody ReportBody body) {
    if (body.usedUnits() == null) {
      throw ApiException.missingField("usedUnits");
    }
    if (body.usedUnits() < 0 || body.usedUnits() > USED_UNITS_MAX) {
      throw ApiException.invalidField("usedUnits", "used_units_invalid",
          "usedUnits is an integer from 0 to " + USED_UNITS_MAX);
    }
    return StorageView.of(commands.report(id, body.usedUnits()));
  }

  @GetMapping("/v1/accounts/{id}/storage")
  @Operation(summary = "Usage, capacity in force, excess and status ok|over_capacity|excess_invalid (404 account_not_found)")
  StorageView get(@PathVariable String id) {
    return StorageView.of(commands.status(id));
  }
}
