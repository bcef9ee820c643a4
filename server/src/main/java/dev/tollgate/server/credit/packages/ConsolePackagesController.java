package dev.tollgate.server.credit.packages;

import dev.tollgate.server.console.ConsoleController;
import dev.tollgate.server.console.ConsoleInputs;
import dev.tollgate.server.http.ApiException;
import dev.tollgate.server.http.Page;
import java.util.Arrays;
import java.util.List;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** The package catalog and plans: list, and create or replace a package with the API's rules. */
@ConsoleController
class ConsolePackagesController {
  static final int PAGE_ROWS = 50;

  private final PackageStore packages;
  private final PackageController api;
  private final PlanController plans;

  ConsolePackagesController(PackageStore packages, PackageController api, PlanController plans) {
    this.packages = packages;
    this.api = api;
    this.plans = plans;
  }

  /** The package form as typed. */
  record Form(String id, String name, String kind, String meters, String denomination, String amount,
      String monthlyAllowance, String rank, String concurrency, String price, String currency, String validity,
      String refundableDays) {
    static Form empty() {
      return new Form("", "", "prepaid", "", "money", "", "", "", "", "", "USD", "P1M", "");
    }

    PackageRequest.Body body() {
      List<String> meterList = ConsoleInputs.text(meters) == null ? null
          : Arrays.stream(meters.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
      return new PackageRequest.Body(ConsoleInputs.text(name), ConsoleInputs.text(kind), meterList,
          ConsoleInputs.text(denomination), node(amount), ConsoleInputs.text(price), ConsoleInputs.text(currency),
          ConsoleInputs.text(validity), integer(refundableDays, "refundableDays"), integer(rank, "rank"),
          integer(concurrency, "concurrency"), node(monthlyAllowance), null, null, null);
    }

    static JsonNode node(String text) {
      return ConsoleInputs.text(text) == null ? null : JsonNodeFactory.instance.stringNode(text.trim());
    }

    static Integer integer(String text, String field) {
      String t = ConsoleInputs.text(text);
      if (t == null) {
        return null;
      }
      try {
        return Integer.valueOf(t);
      } catch (NumberFormatException e) {
        throw ApiException.invalidField(field, "invalid_type", field + " is a whole number");
      }
    }
  }

  /** The plan form as typed. */
  record PlanForm(String id, String name, String description, String price, String currency, String interval,
      String periodCredit, String discount, String rank, String meters) {
    static PlanForm empty() {
      return new PlanForm("", "", "", "", "USD", "monthly", "", "", "", "");
    }

    PlanRequest.Body body() {
      List<String> meterList = ConsoleInputs.text(meters) == null ? null
          : Arrays.stream(meters.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
      return new PlanRequest.Body(ConsoleInputs.text(name), ConsoleInputs.text(description), ConsoleInputs.text(price),
          ConsoleInputs.text(currency), ConsoleInputs.text(interval), Form.node(periodCredit), ConsoleInputs.text(discount),
          Form.integer(rank, "rank"), meterList, null, null, null);
    }
  }

  @PostMapping("/console/plans")
  String putPlan(PlanForm planForm, Model model, RedirectAttributes redirect) {
    try {
      PlanController.PlanView saved = plans.put(ConsoleInputs.text(planForm.id()), planForm.body());
      redirect.addFlashAttribute("message", "Saved plan " + saved.id() + " (" + saved.price() + " " + saved.currency()
          + " " + saved.interval() + ").");
      return "redirect:/console/packages";
    } catch (ApiException e) {
      model.addAttribute("planError", e.getMessage());
      model.addAttribute("planForm", planForm);
      return list(null, model);
    }
  }

  @GetMapping("/console/packages")
  String list(@RequestParam(required = false) String cursor, Model model) {
    Page<PackageView> page = api.list(ConsoleInputs.text(cursor), PAGE_ROWS);
    model.addAttribute("packages", page.items());
    model.addAttribute("next", page.nextCursor() == null ? null : ConsoleInputs.link("/console/packages", "cursor", page.nextCursor()));
    model.addAttribute("plans", plans.list(null, PAGE_ROWS).items());
    if (!model.containsAttribute("form")) {
      model.addAttribute("form", Form.empty());
    }
    if (!model.containsAttribute("planForm")) {
      model.addAttribute("planForm", PlanForm.empty());
    }
    return "console/packages";
  }

  @PostMapping("/console/packages")
  String put(Form form, Model model, RedirectAttributes redirect) {
    try {
      String id = ConsoleInputs.text(form.id());
      PackageView saved = api.put(id, form.body());
      redirect.addFlashAttribute("message", "Saved package " + saved.id() + " (" + saved.kind() + ", " + saved.price()
          + " " + saved.currency() + ").");
      return "redirect:/console/packages";
    } catch (ApiException e) {
      model.addAttribute("error", e.getMessage());
      model.addAttribute("form", form);
      return list(null, model);
    }
  }
}
