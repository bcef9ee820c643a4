package dev.tollgate.server.portal;

import java.time.Instant;

/**
 * A customer's signed-in session, bound to exactly one account: every portal page reads the
 * account from here, never from the request.
 */
record PortalSession(
    byte[] idSha256, String rootId, String accountId, String csrfToken, String sourceKind, String sourceId,
    Instant createdAt, Instant lastSeenAt) {
  /** The request attribute under which {@link PortalFilter} hands the session to the pages. */
  static final String ATTRIBUTE = "dev.tollgate.portal.session";
}
