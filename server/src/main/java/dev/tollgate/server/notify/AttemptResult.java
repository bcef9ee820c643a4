package dev.tollgate.server.notify;

/** The outcome of one attempt to send a delivery. */
sealed interface AttemptResult {
  /** Longest error text kept in the log: enough for a message, never a whole response. */
  int ERROR_LENGTH_MAX = 500;

  record Sent(Integer statusCode) implements AttemptResult {}

  record Failed(Integer statusCode, String error) implements AttemptResult {
    public Failed {
      if (error != null && error.length() > ERROR_LENGTH_MAX) {
        error = error.substring(0, ERROR_LENGTH_MAX);
      }
    }
  }
}
