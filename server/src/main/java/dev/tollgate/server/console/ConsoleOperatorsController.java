package dev.tollgate.server.console;

import dev.tollgate.server.http.ApiException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Administrators manage operators: create (the token is shown once), change role, disable. */
@ConsoleController
class ConsoleOperatorsController {
  private final OperatorCommands commands;

  ConsoleOperatorsController(OperatorCommands commands) {
    this.commands = commands;
  }

  @GetMapping("/console/operators")
  String list(Model model) {
    model.addAttribute("operators", commands.list());
    model.addAttribute("roles", Role.values());
    if (!model.containsAttribute("form")) {
      model.addAttribute("form", new Form("", "read_only"));
    }
    return "console/operators";
  }

  record Form(String name, String role) {}

  @PostMapping("/console/operators")
  String create(@RequestParam(required = false) String name, @RequestParam(required = false) String role, Model model) {
    try {
      OperatorCommands.Created created = commands.create(ConsoleInputs.text(name), role);
      model.addAttribute("created", created);
    } catch (ApiException e) {
      model.addAttribute("error", e.getMessage());
      model.addAttribute("form", new Form(name, role));
    }
    return list(model);
  }

  @PostMapping("/console/operators/{name}/role")
  String role(@PathVariable String name, @RequestParam(required = false) String role, RedirectAttributes redirect) {
    try {
      commands.changeRole(name, role);
      redirect.addFlashAttribute("message", "The role of " + name + " is now " + role + ".");
    } catch (ApiException e) {
      redirect.addFlashAttribute("error", e.getMessage());
    }
    return "redirect:/console/operators";
  }

  @PostMapping("/console/operators/{name}/disable")
  String disable(@PathVariable String name, RedirectAttributes redirect) {
    commands.disable(name);
    redirect.addFlashAttribute("message", name + " is disabled and signed out.");
    return "redirect:/console/operators";
  }
}
