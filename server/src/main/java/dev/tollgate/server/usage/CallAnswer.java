package dev.tollgate.server.usage;

import org.springframework.http.HttpStatus;

/**
 * What a batch answers one request: a JSON body (stored for settle, so a replay is answered byte
 * for byte), or a refusal with its problem code. Refusals change nothing.
 */
sealed interface CallAnswer {
  record Answered(String json) implements CallAnswer {}

  record Refused(HttpStatus status, String code, String detail) implements CallAnswer {
    static Refused accountNotFound(String accountId) {
      return new Refused(HttpStatus.NOT_FOUND, "account_not_found", "no account with id '" + accountId + "'");
    }
  }
}
