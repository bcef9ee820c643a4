package dev.tollgate.server.console;

import java.util.Arrays;
import java.util.Optional;

/** An operator's role; each grants a fixed set of permissions. */
public enum Role {
  ADMINISTRATOR("administrator"),
  BILLING("billing"),
  READ_ONLY("read_only");

  private final String code;

  Role(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public boolean may(Permission permission) {
    return switch (this) {
      case ADMINISTRATOR -> true;
      case BILLING -> permission != Permission.ADMINISTER;
      case READ_ONLY -> permission == Permission.READ;
    };
  }

  public static Optional<Role> of(String code) {
    return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
  }
}
