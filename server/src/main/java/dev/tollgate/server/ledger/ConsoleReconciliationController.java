package dev.tollgate.server.ledger;

import dev.tollgate.server.console.ConsoleController;
import dev.tollgate.server.console.ConsoleInputs;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Ledger reconciliation status. The check reads the whole journal of a family (or of all), so it
 * runs when the operator asks for it, not on every visit.
 */
@ConsoleController
class ConsoleReconciliationController {
  private final Reconciliation reconciliation;

  ConsoleReconciliationController(Reconciliation reconciliation) {
    this.reconciliation = reconciliation;
  }

  @GetMapping("/console/reconciliation")
  String page(@RequestParam(required = false) String rootId, @RequestParam(required = false) String run, Model model) {
    model.addAttribute("rootId", rootId);
    if (run != null) {
      model.addAttribute("result", reconciliation.run(ConsoleInputs.text(rootId)));
    }
    return "console/reconciliation";
  }
}
