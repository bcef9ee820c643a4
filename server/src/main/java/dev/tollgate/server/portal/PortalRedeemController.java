package dev.tollgate.server.portal;

import dev.tollgate.core.money.Nanos;
import dev.tollgate.server.codes.Redemptions;
import dev.tollgate.server.http.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/** Redeeming a code: {@link Redemptions} decides (throttle, refusal ladder); the page shows the result or the code of the refusal. */
@Controller
@PortalPage
class PortalRedeemController {
  private final Redemptions redemptions;

  PortalRedeemController(Redemptions redemptions) {
    this.redemptions = redemptions;
  }

  /** What the success box says. */
  record Result(String amount, String wallet, String currency, String purchaseId, int grants) {}

  @GetMapping("/portal/redeem")
  String form() {
    return "portal/redeem";
  }

  @PostMapping("/portal/redeem")
  String redeem(@RequestAttribute(PortalSession.ATTRIBUTE) PortalSession session,
      @RequestParam(required = false) String code, HttpServletRequest request, HttpServletResponse response,
      Model model) {
    try {
      Redemptions.Redeemed r = redemptions.redeem(session.accountId(), code == null ? "" : code, request.getRemoteAddr());
      model.addAttribute("result", new Result(Nanos.format(r.amountNanos()),
          r.walletNanos() == null ? null : Nanos.format(r.walletNanos()), r.currency(), r.purchaseId(),
          r.grantIds().size()));
    } catch (ApiException e) {
      response.setStatus(e.status().value());
      model.addAttribute("error", e);
    }
    return "portal/redeem";
  }
}
