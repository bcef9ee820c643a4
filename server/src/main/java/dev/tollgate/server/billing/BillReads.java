package dev.tollgate.server.billing;

import dev.tollgate.server.accounts.Account;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Bills of one account as views, for readers outside this package (the customer portal). */
@Component
public class BillReads {
  private final BillStore bills;
  private final JsonMapper json;

  BillReads(BillStore bills, JsonMapper json) {
    this.bills = bills;
    this.json = json;
  }

  /** Up to {@code limit} bills, newest month first, before {@code beforeMonth} (a valid month) if given. */
  public List<BillView> list(Account account, String beforeMonth, int limit) {
    return bills.list(account.rootId(), account.id(), beforeMonth, limit).stream().map(b -> BillView.of(b, json)).toList();
  }

  /** The account's bill of a month ({@code YYYY-MM}); never another account's. */
  public Optional<BillView> find(Account account, String month) {
    return bills.find(account.id(), month).map(b -> BillView.of(b, json));
  }
}
