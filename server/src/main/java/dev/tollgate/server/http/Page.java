package dev.tollgate.server.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A page of a list: {@code {"items":[…],"nextCursor":…}}. Cursors are opaque to clients (base64url
 * of the last key seen), so the ordering key can change without breaking them.
 */
public record Page<T>(List<T> items, String nextCursor) {
  public static final int SIZE_DEFAULT = 50;
  /** Large enough for a console table, small enough to answer in a few milliseconds. */
  public static final int SIZE_MAX = 200;

  public static int size(Integer requested) {
    if (requested == null) {
      return SIZE_DEFAULT;
    }
    if (requested < 1 || requested > SIZE_MAX) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "limit_invalid", "limit is between 1 and " + SIZE_MAX, "limit");
    }
    return requested;
  }

  public static String encodeCursor(String lastKey) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey.getBytes(StandardCharsets.UTF_8));
  }

  public static String decodeCursor(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return null;
    }
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "cursor_invalid", "the cursor is not one this server issued", "cursor");
    }
  }

  /** A keyset position of lists ordered by an instant and then an id. */
  public record InstantKey(java.time.Instant at, String id) {
    /** The cursor text of a row: its instant, a bar, its id. */
    public static String of(java.time.Instant at, String id) {
      return at + "|" + id;
    }
  }

  /** The position a cursor made by {@link InstantKey#of} names, or null for no cursor. */
  public static InstantKey decodeInstantKey(String cursor) {
    String decoded = decodeCursor(cursor);
    if (decoded == null) {
      return null;
    }
    int bar = decoded.indexOf('|');
    try {
      return new InstantKey(java.time.Instant.parse(decoded.substring(0, bar)), decoded.substring(bar + 1));
    } catch (RuntimeException e) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "cursor_invalid", "the cursor is not one this server issued", "cursor");
    }
  }

  /** Builds a page from up to {@code size + 1} rows: the extra row only says there is more. */
  public static <T> Page<T> of(List<T> rows, int size, java.util.function.Function<T, String> key) {
    if (rows.size() <= size) {
      return new Page<>(rows, null);
    }
    List<T> items = rows.subList(0, size);
    return new Page<>(List.copyOf(items), encodeCursor(key.apply(items.get(size - 1))));
  }
}
