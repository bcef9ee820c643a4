package dev.tollgate.server.usage;

import dev.tollgate.core.accounts.BillingMode;
import dev.tollgate.core.money.Nanos;
import dev.tollgate.server.http.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.InstantSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The platform's billing settings (seed 003): the billing mode, the prepaid amount held before a
 * call without an estimate, and how long a hold lives. Changes apply to calls authorised or
 * settled after them; settled calls keep the mode they were billed in.
 */
@RestController
@Tag(name = "Billing settings")
class BillingSettingsController {
  static final long HOLD_TIMEOUT_MS_MIN = 1_000;
  static final long HOLD_TIMEOUT_MS_MAX = 86_400_000;

  private final CallStore calls;
  private final JdbcClient jdbc;
  private final InstantSource clock;

  BillingSettingsController(CallStore calls, JdbcClient jdbc, InstantSource clock) {
    this.calls = calls;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  record SettingsView(String billingMode, String prepaidAmount, long holdTimeoutMs) {}

  record SettingsBody(String billingMode, String prepaidAmount, Long holdTimeoutMs) {}

  @GetMapping("/v1/billing/settings")
  @Operation(summary = "Read the platform's billing mode, prepaid amount and hold timeout")
  SettingsView get() {
    CallStore.PlatformBilling p = calls.platform();
    return new SettingsView(p.mode().code(), Nanos.format(p.prepaidAmountNanos()), p.holdTimeoutMs());
  }

  @PutMapping("/v1/billing/settings")
  @Operation(summary = "Change the billing mode (self, period, usage), prepaid amount or hold timeout; future calls only")
  @Transactional
  SettingsView put(@RequestBody SettingsBody body) {
    CallStore.PlatformBilling current = calls.platform();
    BillingMode mode = current.mode();
    if (body.billingMode() != null) {
      mode = BillingMode.fromCode(body.billingMode()).orElseThrow(() ->
          ApiException.invalidField("billingMode", "billing_mode_invalid", "billingMode is self, period or usage"));
    }
    long prepaid = body.prepaidAmount() != null ? Nanos.parseNonNegative(body.prepaidAmount()) : current.prepaidAmountNanos();
    long timeout = body.holdTimeoutMs() != null ? body.holdTimeoutMs() : current.holdTimeoutMs();
    if (timeout < HOLD_TIMEOUT_MS_MIN || timeout > HOLD_TIMEOUT_MS_MAX) {
      throw ApiException.invalidField("holdTimeoutMs", "hold_timeout_invalid",
          "holdTimeoutMs is between " + HOLD_TIMEOUT_MS_MIN + " and " + HOLD_TIMEOUT_MS_MAX);
    }
    jdbc.sql("UPDATE billing_settings SET billing_mode = ?, prepaid_amount_nanos = ?, hold_timeout_ms = ?, updated_at = ? WHERE id = 1")
        .params(mode.code(), prepaid, timeout, dev.tollgate.server.store.SqlTime.of(clock.instant()))
        .update();
    return get();
  }
}
