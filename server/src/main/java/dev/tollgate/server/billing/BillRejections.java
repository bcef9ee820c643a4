package dev.tollgate.server.billing;

import dev.tollgate.core.billing.BillRejection;
import dev.tollgate.server.http.ApiException;
import org.springframework.http.HttpStatus;

/**
 * The refusals of the bill endpoints, in the order they are checked: the request (422
 * {@code month_invalid}, {@code month_not_ended}, {@code source_invalid}, {@code provider_invalid},
 * {@code reference_invalid}, {@code missing_field}), the account (404 {@code account_not_found}),
 * the bill (404 {@code bill_not_found}), then the credit (409 {@code insufficient_credit}).
 */
final class BillRejections {
  private BillRejections() {}

  static ApiException of(BillRejection rejection, String field) {
    return ApiException.invalidField(field, rejection.code(), rejection.detail());
  }

  static ApiException billNotFound(String accountId, String month) {
    return ApiException.notFound("bill_not_found", "account '" + accountId + "' has no bill for " + month);
  }

  static ApiException insufficientCredit(String due) {
    return new ApiException(HttpStatus.CONFLICT, "insufficient_credit",
        "the wallet does not cover the " + due + " due; top up or pay externally");
  }
}
