package dev.tollgate.server.billing;

import dev.tollgate.core.billing.BillRejection;
import dev.tollgate.core.billing.BillingMonth;
import dev.tollgate.server.accounts.Account;
import dev.tollgate.server.accounts.AccountCommands;
import dev.tollgate.server.accounts.AccountStore;
import dev.tollgate.server.http.ApiException;
import dev.tollgate.server.http.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@RestController
@Tag(name = "Bills", description = "Monthly postpaid bills (seed 004) and their payment")
class BillController {
  private final BillRun run;
  private final BillPayments payments;
  private final BillStore bills;
  private final AccountStore accounts;
  private final InstantSource clock;
  private final JsonMapper json;

  BillController(BillRun run, BillPayments payments, BillStore bills, AccountStore accounts, InstantSource clock,
      JsonMapper json) {
    this.run = run;
    this.payments = payments;
    this.bills = bills;
    this.accounts = accounts;
    this.clock = clock;
    this.json = json;
  }

  record GenerateBody(String month) {}

  record GenerateView(String month, int generated, int existing, int notEnded) {}

  @PostMapping("/v1/bills:generate")
  @Operation(summary = "Issue the month's bill of every account with postpaid usage in it whose time zone has finished"
      + " the month (the monthly-bills job does the same); idempotent: existing bills are counted, not changed."
      + " 422 month_invalid, month_not_ended (the month has not ended anywhere yet)")
  GenerateView generate(@RequestBody GenerateBody body) {
    if (body.month() == null) {
      throw ApiException.missingField("month");
    }
    BillingMonth month = month(body.month());
    Instant now = clock.instant();
    if (!month.endedAnywhereAt(now)) {
      throw BillRejections.of(BillRejection.MONTH_NOT_ENDED, "month");
    }
    BillRun.Result r = run.generate(month, now);
    return new GenerateView(month.code(), r.generated(), r.existing(), r.notEnded());
  }

  @GetMapping("/v1/accounts/{id}/bills/{month}")
  @Operation(summary = "One bill: lines, total (rounded), totalPrecise, deducted, due, status open|paid|overdue."
      + " 422 month_invalid, 404 account_not_found, 404 bill_not_found")
  BillView get(@PathVariable String id, @PathVariable("month") String monthText) {
    BillingMonth month = month(monthText);
    account(id);
    return BillView.of(bills.find(id, month.code()).orElseThrow(() -> BillRejections.billNotFound(id, month.code())),
        json);
  }

  @GetMapping("/v1/accounts/{id}/bills")
  @Operation(summary = "An account's bills, newest month first")
  Page<BillView> list(
      @PathVariable String id, @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    int size = Page.size(limit);
    Account account = account(id);
    String before = Page.decodeCursor(cursor);
    if (before != null && !(BillingMonth.parse(before) instanceof BillingMonth.Valid)) {
      throw new ApiException(org.springframework.http.HttpStatus.BAD_REQUEST, "cursor_invalid",
          "the cursor is not one this server issued", "cursor");
    }
    List<StoredBill> rows = bills.list(account.rootId(), id, before, size + 1);
    Page<StoredBill> page = Page.of(rows, size, StoredBill::month);
    return new Page<>(page.items().stream().map(b -> BillView.of(b, json)).toList(), page.nextCursor());
  }

  record PayBody(String source, String provider, String reference) {}

  @PostMapping("/v1/accounts/{id}/bills/{month}/pay")
  @Operation(summary = "Pay a bill's due amount from the wallet (409 insufficient_credit) or externally through a"
      + " provider; idempotent: a paid bill answers as it is. Paying the last overdue bill lifts account_overdue")
  BillView pay(@PathVariable String id, @PathVariable("month") String monthText, @RequestBody PayBody body) {
    BillingMonth month = month(monthText);
    BillPayments.PayRequest request = BillPayments.PayRequest.check(body.source(), body.provider(), body.reference());
    return BillView.of(payments.pay(id, month, request), json);
  }

  private static BillingMonth month(String text) {
    BillingMonth.Parsed parsed = BillingMonth.parse(text);
    if (parsed instanceof BillingMonth.Valid v) {
      return v.month();
    }
    throw BillRejections.of(((BillingMonth.Invalid) parsed).rejection(), "month");
  }

  private Account account(String id) {
    return accounts.find(id).orElseThrow(() -> AccountCommands.accountNotFound(id));
  }
}
