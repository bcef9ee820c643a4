package dev.tollgate.server.notify;

import java.time.Instant;

/**
 * A delivery this node claimed for one attempt, with its notice.
 *
 * @param attempt 1 for the first try, counting this one
 * @param payloadJson the notice's payload as stored (a JSON object)
 */
record ClaimedDelivery(
    long id, String rootId, String accountId, String channel, String target, int attempt, long noticeId, String kind,
    String payloadJson, Instant occurredAt) {}
