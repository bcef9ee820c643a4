package dev.tollgate.server.audit;

import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Removes secrets from what the audit log keeps. A field is secret when its name mentions a token,
 * key, secret, password, signature or code (so {@code code}, {@code apiKey}, {@code
 * stripeWebhookSecret}, {@code sign}), unless it names an id ({@code apiKeyId}, {@code codeId}):
 * better to over-redact an innocent field than to keep one secret. Secret values become {@value
 * #REDACTED}, whatever their type.
 */
final class SecretRedaction {
  static final String REDACTED = "[redacted]";
  private static final String[] SECRET_WORDS = {"token", "secret", "password", "passwd", "signature", "key", "code", "cookie"};

  private SecretRedaction() {}

  static boolean isSecretName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.equals("sign") || n.equals("authorization")) {
      return true;
    }
    if (n.endsWith("id") || n.endsWith("ids")) {
      return false;
    }
    for (String word : SECRET_WORDS) {
      if (n.contains(word)) {
        return true;
      }
    }
    return false;
  }

  /** A copy of the JSON with every secret field's value replaced; NUL characters (which jsonb refuses) too. */
  static JsonNode redact(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        out.set(clean(field.getKey()),
            isSecretName(field.getKey()) ? JsonNodeFactory.instance.stringNode(REDACTED) : redact(field.getValue()));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (JsonNode item : node) {
        out.add(redact(item));
      }
      return out;
    }
    if (node.isString()) {
      return JsonNodeFactory.instance.stringNode(clean(node.asString()));
    }
    return node;
  }

  /** The query or form parameters, each secret one redacted. */
  static ObjectNode redact(Map<String, String[]> parameters) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    parameters.forEach((name, values) -> {
      if (isSecretName(name)) {
        out.put(clean(name), REDACTED);
      } else {
        out.put(clean(name), clean(values.length == 1 ? values[0] : String.join(",", values)));
      }
    });
    return out;
  }

  private static String clean(String s) {
    return s.indexOf('\0') < 0 ? s : s.replace('\0', '\uFFFD');
  }
}
