package dev.tollgate.server.portal;

import dev.tollgate.core.billing.BillingMonth;
import dev.tollgate.server.accounts.Account;
import dev.tollgate.server.billing.BillReads;
import dev.tollgate.server.billing.BillView;
import dev.tollgate.server.http.ApiException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/** The account's monthly bills, newest first ({@link #BILLS_PER_PAGE} a page), and one bill with its lines. */
@Controller
@PortalPage
class PortalBillsController {
  /** Two years of monthly bills. */
  static final int BILLS_PER_PAGE = 24;

  private final PortalAccounts accounts;
  private final BillReads bills;

  PortalBillsController(PortalAccounts accounts, BillReads bills) {
    this.accounts = accounts;
    this.bills = bills;
  }

  @GetMapping("/portal/bills")
  String list(@RequestAttribute(PortalSession.ATTRIBUTE) PortalSession session,
      @RequestParam(required = false) String before, Model model) {
    Account account = accounts.of(session);
    String beforeMonth = before == null ? null : month(before).code();
    List<BillView> rows = bills.list(account, beforeMonth, BILLS_PER_PAGE + 1);
    model.addAttribute("bills", rows.stream().limit(BILLS_PER_PAGE).toList());
    model.addAttribute("nextBefore", rows.size() > BILLS_PER_PAGE ? rows.get(BILLS_PER_PAGE - 1).month() : null);
    return "portal/bills";
  }

  @GetMapping("/portal/bills/{month}")
  String bill(@RequestAttribute(PortalSession.ATTRIBUTE) PortalSession session, @PathVariable String month,
      Model model) {
    Account account = accounts.of(session);
    String code = month(month).code();
    model.addAttribute("bill", bills.find(account, code).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
        "bill_not_found", "There is no bill for " + code + ".")));
    return "portal/bill";
  }

  private static BillingMonth month(String text) {
    if (BillingMonth.parse(text) instanceof BillingMonth.Valid v) {
      return v.month();
    }
    throw new ApiException(HttpStatus.BAD_REQUEST, "month_invalid", "A month is written YYYY-MM, e.g. 2026-03.");
  }
}
