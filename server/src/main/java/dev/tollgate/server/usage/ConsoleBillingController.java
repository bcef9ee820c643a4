package dev.tollgate.server.usage;

import dev.tollgate.core.money.AmountFormatException;
import dev.tollgate.server.console.ConsoleController;
import dev.tollgate.server.console.ConsoleInputs;
import dev.tollgate.server.http.ApiException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Billing settings: mode, prepaid amount, hold timeout, bill grace and postpaid collection. */
@ConsoleController
class ConsoleBillingController {
  private final BillingSettingsController settings;

  ConsoleBillingController(BillingSettingsController settings) {
    this.settings = settings;
  }

  /** The form as typed. */
  record Form(String billingMode, String prepaidAmount, String holdTimeoutMs, String billGraceDays, String postpaidSettlement) {
    static Form of(BillingSettingsController.SettingsView v) {
      return new Form(v.billingMode(), v.prepaidAmount(), Long.toString(v.holdTimeoutMs()), Integer.toString(v.billGraceDays()),
          v.postpaidSettlement());
    }
  }

  @GetMapping("/console/billing")
  String page(Model model) {
    if (!model.containsAttribute("form")) {
      model.addAttribute("form", Form.of(settings.get()));
    }
    return "console/billing";
  }

  @PostMapping("/console/billing")
  String save(Form form, Model model, RedirectAttributes redirect) {
    try {
      settings.put(new BillingSettingsController.SettingsBody(ConsoleInputs.text(form.billingMode()),
          ConsoleInputs.text(form.prepaidAmount()), number(form.holdTimeoutMs(), "holdTimeoutMs"),
          integer(form.billGraceDays(), "billGraceDays"), ConsoleInputs.text(form.postpaidSettlement())));
      redirect.addFlashAttribute("message", "Billing settings saved; they apply to future calls and bills.");
      return "redirect:/console/billing";
    } catch (ApiException e) {
      model.addAttribute("error", e.getMessage());
    } catch (AmountFormatException e) {
      model.addAttribute("error", "prepaidAmount: " + e.getMessage());
    }
    model.addAttribute("form", form);
    return page(model);
  }

  private static Long number(String text, String field) {
    String t = ConsoleInputs.text(text);
    try {
      return t == null ? null : Long.valueOf(t);
    } catch (NumberFormatException e) {
      throw ApiException.invalidField(field, "invalid_type", field + " is a whole number");
    }
  }

  private static Integer integer(String text, String field) {
    Long value = number(text, field);
    if (value != null && (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE)) {
      throw ApiException.invalidField(field, "invalid_type", field + " is out of range");
    }
    return value == null ? null : value.intValue();
  }
}
