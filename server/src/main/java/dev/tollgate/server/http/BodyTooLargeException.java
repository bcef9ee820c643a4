package dev.tollgate.server.http;

import java.io.IOException;

/** The request body passed the configured limit; raised while the body is being read. */
public final class BodyTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  public BodyTooLargeException(long limitBytes) {
    super("the request body is larger than the limit of " + limitBytes + " bytes");
  }
}
