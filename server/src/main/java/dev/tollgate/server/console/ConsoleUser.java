package dev.tollgate.server.console;

/**
 * Who is signed in to this console request: the built-in {@code admin} (the admin token) or an
 * operator, with the role in force now and the session's CSRF token.
 */
public record ConsoleUser(String name, Role role, boolean builtInAdmin, String csrfToken) {
  /** Request attribute holding the signed-in user. */
  public static final String ATTRIBUTE = "dev.tollgate.console.user";
  /** Request attribute the audit log reads: who made a change. */
  public static final String ACTOR_ATTRIBUTE = "dev.tollgate.actor";
  /** The name the admin token signs in as. */
  public static final String ADMIN = "admin";

  public String actor() {
    return builtInAdmin ? ADMIN : "operator:" + name;
  }

  public boolean may(Permission permission) {
    return role.may(permission);
  }

  public boolean mayBill() {
    return may(Permission.BILLING);
  }

  public boolean mayAdminister() {
    return may(Permission.ADMINISTER);
  }

  public boolean mayWrite() {
    return may(Permission.BILLING);
  }

  /** The htmx {@code hx-headers} value that sends the CSRF token with every htmx request. */
  public String htmxHeaders() {
    return "{\"X-CSRF-Token\":\"" + csrfToken + "\"}";
  }
}
