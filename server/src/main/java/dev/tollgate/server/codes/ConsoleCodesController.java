package dev.tollgate.server.codes;

import dev.tollgate.core.money.AmountFormatException;
import dev.tollgate.server.console.ConsoleController;
import dev.tollgate.server.console.ConsoleInputs;
import dev.tollgate.server.http.ApiException;
import dev.tollgate.server.http.Page;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Redemption codes: search, create one or a batch (shown once), export, disable, enable, delete. */
@ConsoleController
class ConsoleCodesController {
  static final int PAGE_ROWS = 50;

  private final CodeController api;

  ConsoleCodesController(CodeController api) {
    this.api = api;
  }

  /** The create form as typed. */
  record Form(String kind, String amount, String currency, String packageId, String planId, String days, String count,
      String maxRedemptions, String perAccountLimit, String expiresAt, String description) {
    static Form empty() {
      return new Form("balance", "", "USD", "", "", "", "1", "1", "1", "", "");
    }

    CodeController.CreateBody body() {
      return new CodeController.CreateBody(ConsoleInputs.text(kind), ConsoleInputs.text(amount), ConsoleInputs.text(currency),
          ConsoleInputs.text(planId), ConsoleInputs.text(packageId), integer(days, "days"), integer(count, "count"),
          integer(maxRedemptions, "maxRedemptions"), integer(perAccountLimit, "perAccountLimit"),
          ConsoleInputs.instant(expiresAt, "expiresAt"), ConsoleInputs.text(description));
    }

    private static Integer integer(String text, String field) {
      String t = ConsoleInputs.text(text);
      try {
        return t == null ? null : Integer.valueOf(t);
      } catch (NumberFormatException e) {
        throw ApiException.invalidField(field, "invalid_type", field + " is a whole number");
      }
    }
  }

  @GetMapping("/console/codes")
  String list(@RequestParam(required = false) String q, @RequestParam(required = false) String status,
      @RequestParam(required = false) String batchId, @RequestParam(required = false) String cursor, Model model) {
    model.addAttribute("q", q);
    model.addAttribute("status", status);
    model.addAttribute("batchId", batchId);
    model.addAttribute("codes", java.util.List.of());
    try {
      Page<CodeController.CodeView> page = api.list(ConsoleInputs.text(batchId), ConsoleInputs.text(status),
          ConsoleInputs.text(q), ConsoleInputs.text(cursor), PAGE_ROWS);
      model.addAttribute("codes", page.items());
      model.addAttribute("next", page.nextCursor() == null ? null : ConsoleInputs.link("/console/codes", "q", q,
          "status", status, "batchId", batchId, "cursor", page.nextCursor()));
    } catch (ApiException e) {
      model.addAttribute("searchError", e.getMessage());
    }
    model.addAttribute("exportLink", ConsoleInputs.link("/console/codes/export", "status", status, "batchId", batchId));
    if (!model.containsAttribute("form")) {
      model.addAttribute("form", Form.empty());
    }
    return "console/codes";
  }

  @PostMapping("/console/codes")
  String create(Form form, Model model) {
    try {
      model.addAttribute("created", api.create(form.body()).getBody());
    } catch (ApiException e) {
      model.addAttribute("error", e.getMessage());
      model.addAttribute("form", form);
    } catch (AmountFormatException e) {
      model.addAttribute("error", "amount: " + e.getMessage());
      model.addAttribute("form", form);
    }
    return list(null, null, null, null, model);
  }

  @GetMapping("/console/codes/export")
  ResponseEntity<String> export(@RequestParam(required = false) String status, @RequestParam(required = false) String batchId) {
    return api.export(ConsoleInputs.text(batchId), ConsoleInputs.text(status));
  }

  @PostMapping("/console/codes/{id}/enabled")
  String enabled(@PathVariable String id, @RequestParam boolean enabled, RedirectAttributes redirect) {
    api.patch(id, new CodeController.EnabledBody(enabled));
    redirect.addFlashAttribute("message", "Code " + id + (enabled ? " enabled." : " disabled."));
    return "redirect:/console/codes";
  }

  @PostMapping("/console/codes/{id}/delete")
  String delete(@PathVariable String id, RedirectAttributes redirect) {
    api.delete(id);
    redirect.addFlashAttribute("message", "Code " + id + " deleted; its redemption history stays.");
    return "redirect:/console/codes";
  }
}
