package dev.tollgate.server.accounts;

import dev.tollgate.server.console.AccountSection;
import dev.tollgate.server.console.ConsoleController;
import dev.tollgate.server.console.ConsoleInputs;
import dev.tollgate.server.console.ConsoleUser;
import dev.tollgate.server.http.Page;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.List;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Accounts by id, and one account with the sections its capabilities render (keys, grants, holds, bills). */
@ConsoleController
class ConsoleAccountsController {
  static final int PAGE_ROWS = 50;

  private final AccountStore accounts;
  private final List<AccountSection.Source> sections;

  ConsoleAccountsController(AccountStore accounts, List<AccountSection.Source> sections) {
    this.accounts = accounts;
    this.sections = sections.stream().sorted(Comparator.comparingInt(AccountSection.Source::order)).toList();
  }

  @GetMapping("/console/accounts")
  String list(@RequestParam(required = false) String rootId, @RequestParam(required = false) String cursor, Model model) {
    String root = ConsoleInputs.text(rootId);
    List<Account> rows = accounts.list(root, Page.decodeCursor(ConsoleInputs.text(cursor)), PAGE_ROWS + 1);
    Page<Account> page = Page.of(rows, PAGE_ROWS, Account::id);
    model.addAttribute("rootId", rootId);
    model.addAttribute("accounts", page.items());
    model.addAttribute("next", page.nextCursor() == null ? null
        : ConsoleInputs.link("/console/accounts", "rootId", root, "cursor", page.nextCursor()));
    return "console/accounts";
  }

  @GetMapping("/console/accounts/{id}")
  String account(@PathVariable String id, HttpServletRequest request, Model model) {
    Account account = accounts.find(id).orElseThrow(() -> AccountCommands.accountNotFound(id));
    ConsoleUser user = (ConsoleUser) request.getAttribute(ConsoleUser.ATTRIBUTE);
    model.addAttribute("account", account);
    model.addAttribute("sections", sections.stream().filter(s -> user.may(s.permission()))
        .map(s -> s.render(account.rootId(), account.id())).toList());
    model.addAttribute("members", account.isRoot() ? accounts.list(account.id(), null, PAGE_ROWS).stream()
        .filter(a -> !a.id().equals(account.id())).toList() : List.of());
    return "console/account";
  }
}
