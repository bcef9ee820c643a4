package dev.tollgate.server.payments;

import dev.tollgate.server.console.ConsoleController;
import dev.tollgate.server.console.ConsoleInputs;
import dev.tollgate.server.http.ApiException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Payment channels: Stripe and EPay on or off, their settings, the USD→CNY rate. Secrets show their
 * last four characters; a blank secret field keeps the stored one (the API's "omitted stays").
 */
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

  @PostMapping("/console/billing/payments")
  String save(@RequestParam(defaultValue = "false") boolean stripeEnabled, @RequestParam(defaultValue = "false") boolean epayEnabled,
      @RequestParam(required = false) String stripeSecretKey, @RequestParam(required = false) String stripeWebhookSecret,
      @RequestParam(required = false) String epayGatewayUrl, @RequestParam(required = false) String epayMerchantId,
      @RequestParam(required = false) String epayKey, @RequestParam(required = false) String publicBaseUrl,
      @RequestParam(required = false) String usdCnyRate, Model model, RedirectAttributes redirect) {
    try {
      api.putSettings(new PaymentController.SettingsBody(stripeEnabled, epayEnabled, ConsoleInputs.text(stripeSecretKey),
          ConsoleInputs.text(stripeWebhookSecret), text(epayGatewayUrl), text(epayMerchantId), ConsoleInputs.text(epayKey),
          text(publicBaseUrl), ConsoleInputs.text(usdCnyRate)));
      redirect.addFlashAttribute("message", "Payment settings saved.");
      return "redirect:/console/billing/payments";
    } catch (ApiException e) {
      model.addAttribute("error", e.getMessage());
      return page(model);
    }
  }

  /** Plain fields are sent as typed ("" clears them), unlike secrets. */
  private static String text(String value) {
    return value == null ? null : value.trim();
  }
}
