package dev.tollgate.server.console;

import java.util.List;

/**
 * One table on the console's account page (keys, grants, holds, bills). Each capability renders
 * its own from its own store, so the console needs no access to their internals.
 */
public record AccountSection(String title, List<String> columns, List<List<String>> rows, String empty) {
  /** Rows shown per section; the JSON API pages further. */
  public static final int ROWS_MAX = 50;

  /** A capability's section of the account page, shown to roles with {@link #permission()}. */
  public interface Source {
    Permission permission();

    /** Sections are shown in this order. */
    int order();

    AccountSection render(String rootId, String accountId);
  }
}
