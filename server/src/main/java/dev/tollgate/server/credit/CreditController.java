package dev.tollgate.server.credit;

import dev.tollgate.core.money.Nanos;
import dev.tollgate.server.accounts.Account;
import dev.tollgate.server.accounts.AccountCommands;
import dev.tollgate.server.accounts.AccountStore;
import dev.tollgate.server.http.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@Tag(name = "Credit", description = "Grants, the wallet and the balance of an account")
class CreditController {
  private final GrantCommands grantCommands;
  private final WalletCommands walletCommands;
  private final GrantStore grants;
  private final AccountStore accounts;
  private final Balances balances;
  private final PostpaidStanding postpaid;
  private final InstantSource clock;

  CreditController(
      GrantCommands grantCommands, WalletCommands walletCommands, GrantStore grants, AccountStore accounts,
      Balances balances, PostpaidStanding postpaid, InstantSource clock) {
    this.balances = balances;
    this.postpaid = postpaid;
    this.grantCommands = grantCommands;
    this.walletCommands = walletCommands;
    this.grants = grants;
    this.accounts = accounts;
    this.clock = clock;
  }

  record GrantBody(
      String kind, String denomination, List<String> meters, JsonNode amount, Instant effectiveAt,
      Instant expiresAt, Integer priority, Boolean requiresEdition, String idempotencyKey) {}

  @PostMapping("/v1/accounts/{id}/grants")
  @Operation(summary = "Issue a grant (201); the same idempotencyKey and body again → 200 with the same grant,"
      + " another body → 409 idempotency_key_mismatch. An allocation is funded from the root's wallet"
      + " (409 insufficient_credit).")
  ResponseEntity<GrantView> issue(@PathVariable String id, @RequestBody GrantBody body) {
    GrantRequest request = GrantRequest.check(
        body.kind(), body.denomination(), body.meters(), body.amount(), body.effectiveAt(), body.expiresAt(),
        body.priority(), body.requiresEdition(), body.idempotencyKey());
    GrantCommands.Issued issued = grantCommands.issue(id, request, "operator", null);
    StoredGrant g = issued.grant();
    Instant now = clock.instant();
    GrantView view = GrantView.of(
        g, now, grants.editionActiveAt(g.rootId(), g.accountId(), now), postpaid.overdue(g.accountId()));
    return ResponseEntity.status(issued.created() ? HttpStatus.CREATED : HttpStatus.OK).body(view);
  }

  @GetMapping("/v1/accounts/{id}/grants")
  @Operation(summary = "List an account's grants, oldest first, with remaining and status at the clock's now")
  Page<GrantView> list(
      @PathVariable String id, @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    int size = Page.size(limit);
    Account account = account(id);
    Page.InstantKey after = Page.decodeInstantKey(cursor);
    Instant afterCreated = after == null ? null : after.at();
    String afterId = after == null ? null : after.id();
    Instant now = clock.instant();
    List<StoredGrant> rows = grants.list(account.rootId(), id, afterCreated, afterId, size + 1, false, now);
    Page<StoredGrant> page = Page.of(rows, size, g -> Page.InstantKey.of(g.grant().createdAt(), g.id()));
    boolean edition = grants.editionActiveAt(account.rootId(), id, now);
    boolean overdue = postpaid.overdue(id);
    return new Page<>(page.items().stream().map(g -> GrantView.of(g, now, edition, overdue)).toList(), page.nextCursor());
  }

  record WalletBody(String amount, String reason, String idempotencyKey) {}

  record MovementView(String id, String direction, String amount, String balance, String reason, Instant createdAt) {
    static MovementView of(WalletStore.Movement m) {
      return new MovementView(
          m.id(), m.direction(), Nanos.format(m.amountNanos()), Nanos.format(m.balanceNanos()), m.reason(),
          m.createdAt());
    }
  }

  @PostMapping("/v1/accounts/{id}/wallet/credits")
  @Operation(summary = "Operator top-up of the wallet (201), idempotent by idempotencyKey (200 same result;"
      + " 409 idempotency_key_mismatch for another body)")
  ResponseEntity<MovementView> credit(@PathVariable String id, @RequestBody WalletBody body) {
    return move(id, WalletRequest.Direction.CREDIT, body);
  }

  @PostMapping("/v1/accounts/{id}/wallet/debits")
  @Operation(summary = "Operator debit of the wallet; never below zero (409 insufficient_credit); idempotent like credits")
  ResponseEntity<MovementView> debit(@PathVariable String id, @RequestBody WalletBody body) {
    return move(id, WalletRequest.Direction.DEBIT, body);
  }

  private ResponseEntity<MovementView> move(String id, WalletRequest.Direction direction, WalletBody body) {
    WalletRequest request = WalletRequest.check(direction, body.amount(), body.reason(), body.idempotencyKey());
    WalletCommands.Moved moved = walletCommands.move(id, request);
    return ResponseEntity.status(moved.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(MovementView.of(moved.movement()));
  }

  @GetMapping("/v1/accounts/{id}/balance")
  @Operation(summary = "The wallet, the grants that are neither expired nor voided, holds and postpaid accrual;"
      + " the resource dashboard: the edition in effect, editions, add-ons and concurrency packages")
  Balances.BalanceView balance(@PathVariable String id) {
    return balances.of(account(id));
  }

  private Account account(String id) {
    return accounts.find(id).orElseThrow(() -> AccountCommands.accountNotFound(id));
  }
}
