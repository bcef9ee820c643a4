package dev.tollgate.server.console;

import java.time.Instant;

/** A console user with a role; signs in with its own {@code tgo_} token. */
public record Operator(String name, Role role, Instant createdAt, Instant disabledAt) {
  public boolean disabled() {
    return disabledAt != null;
  }
}
