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
 * call without an estimate, and how long a hold lives; and for bills (see {@code billing}) the
 * grace days before an unpaid bill makes the account overdue and whether postpaid is collected
 * by the monthly bill or hourly from the wallet (seed 002). Changes apply to calls authorised or
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

  /** Days a bill may stay unpaid before the account is overdue; a year at most. */
  static final int BILL_GRACE_DAYS_MAX = 365;

  record SettingsView(
      String billingMode, String prepaidAmount, long holdTimeoutMs, int billGraceDays, String postpaidSettlement) {}

  record SettingsBody(
      String billingMode, String prepaidAmount, Long holdTimeoutMs, Integer billGraceDays, String postpaidSettlement) {}

  private record BillTerms(int graceDays, String settlement) {}

  private BillTerms billTerms() {
    return jdbc.sql("SELECT bill_grace_days, postpaid_settlement FROM billing_settings WHERE id = 1")
        .query((rs, n) -> new BillTerms(rs.getInt("bill_grace_days"), rs.getString("postpaid_settlement")))
        .single();
  }

  @GetMapping("/v1/billing/settings")
  @Operation(summary = "Read the platform's billing mode, prepaid amount and hold timeout")
  SettingsView get() {
    CallStore.PlatformBilling p = calls.platform();
    BillTerms terms = billTerms();
    return new SettingsView(p.mode().code(), Nanos.format(p.prepaidAmountNanos()), p.holdTimeoutMs(),
        terms.graceDays(), terms.settlement());
  }

  @PutMapping("/v1/billing/settings")
  @Operation(summary = "Change the billing mode (self, period, usage), prepaid amount, hold timeout, the days a bill"
      + " may stay unpaid (billGraceDays, 0..365, default 15) or how postpaid is collected (postpaidSettlement:"
      + " monthly bill, or hourly from the wallet); future calls and bills only")
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
    BillTerms terms = billTerms();
    int graceDays = body.billGraceDays() != null ? body.billGraceDays() : terms.graceDays();
    if (graceDays < 0 || graceDays > BILL_GRACE_DAYS_MAX) {
      throw ApiException.invalidField("billGraceDays", "bill_grace_days_invalid",
          "billGraceDays is between 0 and " + BILL_GRACE_DAYS_MAX);
    }
    String settlement = body.postpaidSettlement() != null ? body.postpaidSettlement() : terms.settlement();
    if (!settlement.equals("monthly") && !settlement.equals("hourly")) {
      throw ApiException.invalidField("postpaidSettlement", "postpaid_settlement_invalid",
          "postpaidSettlement is monthly or hourly");
    }
    jdbc.sql("""
            UPDATE billing_settings SET billing_mode = ?, prepaid_amount_nanos = ?, hold_timeout_ms = ?,
                   bill_grace_days = ?, postpaid_settlement = ?, updated_at = ? WHERE id = 1""")
        .params(mode.code(), prepaid, timeout, graceDays, settlement, dev.tollgate.server.store.SqlTime.of(clock.instant()))
        .update();
    return get();
  }
}
