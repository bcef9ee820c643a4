package dev.tollgate.server.ledger;

import dev.tollgate.core.money.Nanos;
import dev.tollgate.server.accounts.Account;
import dev.tollgate.server.accounts.AccountCommands;
import dev.tollgate.server.accounts.AccountStore;
import dev.tollgate.server.http.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Ledger", description = "The journal of credit movements and its reconciliation with the balances")
class LedgerController {
  private final Reconciliation reconciliation;
  private final JournalReader reader;
  private final AccountStore accounts;

  LedgerController(Reconciliation reconciliation, JournalReader reader, AccountStore accounts) {
    this.reconciliation = reconciliation;
    this.reader = reader;
    this.accounts = accounts;
  }

  record MismatchView(String ledgerAccount, String unit, String journal, String materialized) {}

  record ReconciliationView(boolean balanced, long entriesChecked, List<MismatchView> mismatches) {}

  @GetMapping("/v1/ledger/reconciliation")
  @Operation(summary = "Prove every entry sums to zero and every grant's remaining and wallet balance equals its"
      + " postings; optionally for one family (rootId)")
  ReconciliationView reconcile(@RequestParam(required = false) String rootId) {
    Reconciliation.Result result = reconciliation.run(rootId);
    return new ReconciliationView(result.balanced(), result.entriesChecked(), result.mismatches().stream()
        .map(m -> new MismatchView(m.ledgerAccount(), m.unit(), amount(m.unit(), m.journal()),
            amount(m.unit(), m.materialized())))
        .toList());
  }

  record PostingView(String ledgerAccount, String unit, String amount) {}

  record EntryView(
      String id, String kind, String accountId, Instant occurredAt, String reference, Instant createdAt,
      List<PostingView> postings) {}

  @GetMapping("/v1/accounts/{id}/ledger")
  @Operation(summary = "The account's journal entries with their postings, newest first")
  Page<EntryView> ledger(
      @PathVariable String id, @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    int size = Page.size(limit);
    Account account = accounts.find(id).orElseThrow(() -> AccountCommands.accountNotFound(id));
    Page.InstantKey before = Page.decodeInstantKey(cursor);
    Instant beforeCreated = before == null ? null : before.at();
    String beforeId = before == null ? null : before.id();
    List<JournalReader.StoredEntry> rows = reader.entriesOf(account.rootId(), id, beforeCreated, beforeId, size + 1);
    Page<JournalReader.StoredEntry> page = Page.of(rows, size, e -> Page.InstantKey.of(e.createdAt(), e.id()));
    return new Page<>(page.items().stream()
        .map(e -> new EntryView(e.id(), e.kind(), e.accountId(), e.occurredAt(), e.reference(), e.createdAt(),
            e.postings().stream().map(p -> new PostingView(p.ledgerAccount(), p.unit(),
                amount(p.unit(), BigDecimal.valueOf(p.amount())))).toList()))
        .toList(), page.nextCursor());
  }

  /** Money units show as decimals of the currency; meter units as whole units. */
  static String amount(String unit, BigDecimal smallestSteps) {
    if (unit.startsWith("units:") || unit.isEmpty()) {
      return smallestSteps.toPlainString();
    }
    BigDecimal value = smallestSteps.movePointLeft(Nanos.SCALE).stripTrailingZeros();
    return value.scale() < 2 ? value.setScale(2).toPlainString() : value.toPlainString();
  }
}
