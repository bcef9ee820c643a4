package dev.tollgate.server.billing;

import java.util.Arrays;
import java.util.Optional;

/** How a platform collects postpaid usage: by the monthly bill, or from the wallet every hour (seed 002). */
public enum PostpaidSettlement {
  MONTHLY("monthly"),
  HOURLY("hourly");

  private final String code;

  PostpaidSettlement(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Optional<PostpaidSettlement> fromCode(String code) {
    return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
  }
}
