package dev.tollgate.server.usage;

import dev.tollgate.server.http.ApiException;
import dev.tollgate.server.http.JsonBodies;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import dev.tollgate.server.store.GroupCommit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;

/** Waits for a pipeline's answer and turns it into HTTP. */
final class CallAnswers {
  /** A batch commits in milliseconds; this bound only matters when the database is stuck. */
  static final long ANSWER_TIMEOUT_MS = 30_000;

  private CallAnswers() {}

  static CallAnswer await(CompletableFuture<CallAnswer> future) {
    try {
      return future.get(ANSWER_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted while waiting for the commit");
    } catch (TimeoutException e) {
      // It may still commit: the gateway retries with the same request id, which is idempotent.
      throw unavailable("the commit did not finish in time; retry with the same requestId");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupCommit.Overloaded) {
        throw unavailable("the server is at capacity; retry shortly with the same requestId");
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Writes an answer straight to the servlet response (the hot path skips the converter chain). */
  static void write(CallAnswer answer, HttpServletResponse response) throws IOException {
    if (answer instanceof CallAnswer.Refused r) {
      throw new ApiException(r.status(), r.code(), r.detail());
    }
    JsonBodies.writeOk(response, ((CallAnswer.Answered) answer).json().getBytes(StandardCharsets.UTF_8));
  }

  private static ApiException unavailable(String detail) {
    return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "overloaded", detail);
  }
}
