package dev.tollgate.server.http;

import java.time.Instant;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ValueDeserializer;

/**
 * Scalars the store can keep: no text with a NUL character (PostgreSQL refuses it, and no name or
 * note needs one) or half a surrogate pair (it would be stored as '?'), and instants only as ISO-8601 strings within years 1 to 9999 (a number would be
 * read as epoch seconds, and 1e400 silently became 1970; year 999999999 overflows every date
 * computation). Refused as 422 problems naming the field, before anything runs.
 */
final class StrictScalars {
  static final Instant INSTANT_MIN = Instant.parse("0001-01-01T00:00:00Z");
  static final Instant INSTANT_MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

  private StrictScalars() {}

  static SimpleModule module() {
    SimpleModule module = new SimpleModule("tollgate-strict-scalars");
    module.addDeserializer(String.class, new CleanText());
    module.addDeserializer(Instant.class, new BoundedInstant());
    return module;
  }

  /** The instant, or a refusal when it lies outside years 1 to 9999. */
  static Instant checkRange(Instant at, String field) {
    if (at != null && (at.isBefore(INSTANT_MIN) || at.isAfter(INSTANT_MAX))) {
      throw ApiException.invalidField(field, "instant_out_of_range", "instants lie between the years 1 and 9999");
    }
    return at;
  }

  /** Whether the text holds a NUL or half of a surrogate pair (which no encoder can store faithfully). */
  static boolean hasInvalidCharacter(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\0') {
        return true;
      }
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  private static final class CleanText extends StringDeserializer {
    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
      String s = super.deserialize(p, ctxt);
      if (s != null && hasInvalidCharacter(s)) {
        throw ApiException.invalidField(p.currentName(), "invalid_character",
            "text may not contain a NUL character or half a surrogate pair");
      }
      return s;
    }
  }

  private static final class BoundedInstant extends ValueDeserializer<Instant> {
    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
      }
      return checkRange(InstantDeserializer.INSTANT.deserialize(p, ctxt), p.currentName());
    }
  }
}
