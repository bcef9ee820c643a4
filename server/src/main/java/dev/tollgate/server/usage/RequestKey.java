package dev.tollgate.server.usage;

/** A gateway request, by family: request ids are unique per root account. */
record RequestKey(String rootId, String requestId) {}
