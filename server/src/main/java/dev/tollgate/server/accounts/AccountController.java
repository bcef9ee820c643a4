package dev.tollgate.server.accounts;

import dev.tollgate.server.http.ApiException;
import dev.tollgate.server.http.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Accounts", description = "Root accounts, one level of sub-accounts, and their settings")
class AccountController {
  private final AccountCommands commands;
  private final AccountStore store;

  AccountController(AccountCommands commands, AccountStore store) {
    this.commands = commands;
    this.store = store;
  }

  record CreateAccountBody(String id, String name, String parentId, String currency, String timezone) {}

  @PostMapping("/v1/accounts")
  @Operation(summary = "Create an account (idempotent by id: the same request again returns 200 with the account)")
  ResponseEntity<AccountView> create(@RequestBody CreateAccountBody body) {
    if (body.id() == null) {
      throw ApiException.missingField("id");
    }
    if (body.name() == null) {
      throw ApiException.missingField("name");
    }
    AccountCommands.Created result = commands.create(new AccountCommands.NewAccount(
        body.id(), body.name(), body.parentId(), body.currency(), body.timezone()));
    return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(AccountView.of(result.account()));
  }

  @GetMapping("/v1/accounts/{id}")
  @Operation(summary = "Read an account")
  AccountView get(@PathVariable String id) {
    return AccountView.of(store.find(id).orElseThrow(() -> AccountCommands.accountNotFound(id)));
  }

  @GetMapping("/v1/accounts")
  @Operation(summary = "List accounts by id, optionally one root's family (rootId)")
  Page<AccountView> list(
      @RequestParam(required = false) String rootId,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    int size = Page.size(limit);
    List<Account> rows = store.list(rootId, Page.decodeCursor(cursor), size + 1);
    Page<Account> page = Page.of(rows, size, Account::id);
    return new Page<>(page.items().stream().map(AccountView::of).toList(), page.nextCursor());
  }

  record PatchAccountBody(String name, String timezone, String status) {}

  @PatchMapping("/v1/accounts/{id}")
  @Operation(summary = "Change an account's name, time zone or status (active, suspended, closed)")
  AccountView patch(@PathVariable String id, @RequestBody PatchAccountBody body) {
    return AccountView.of(commands.update(id, new AccountCommands.AccountPatch(body.name(), body.timezone(), body.status())));
  }

  record SettingsBody(
      Boolean postpaidEnabled, Boolean contentModeration, String priceGroup, String billingMode, String prepaidAmount) {}

  @GetMapping("/v1/accounts/{id}/settings")
  @Operation(summary = "Read an account's settings")
  AccountView.SettingsView settings(@PathVariable String id) {
    return AccountView.SettingsView.of(store.find(id).orElseThrow(() -> AccountCommands.accountNotFound(id)));
  }

  @PutMapping("/v1/accounts/{id}/settings")
  @Operation(summary = "Change settings; the postpaid switch changes at most once an hour (409 postpaid_switch_too_soon); priceGroup \"\" clears it (422 price_group_not_found)")
  AccountView.SettingsView putSettings(@PathVariable String id, @RequestBody SettingsBody body) {
    return AccountView.SettingsView.of(commands.updateSettings(
        id, new AccountCommands.SettingsPatch(
            body.postpaidEnabled(), body.contentModeration(), body.priceGroup(), body.billingMode(), body.prepaidAmount())));
  }
}
