package dev.tollgate.server.payments;

import dev.tollgate.server.console.ConsoleController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Payment channels as configured (secrets masked); they are changed with PUT /v1/payments/settings. */
@ConsoleController
class ConsolePaymentsController {
  private final PaymentController api;

  ConsolePaymentsController(PaymentController api) {
    this.api = api;
  }

  @GetMapping("/console/billing/payments")
  String page(Model model) {
    model.addAttribute("payments", api.getSettings());
    return "console/payments";
  }
}
