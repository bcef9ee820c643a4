package dev.tollgate.server.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Every operation the server's own OpenAPI document ({@code /v3/api-docs}) lists, so that hostile
 * tests cover endpoints added later without being edited.
 */
public final class OpenApiOperations {
  private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

  private OpenApiOperations() {}

  /** A parameter of an operation: where it goes ({@code path}, {@code query}) and its schema type. */
  public record Param(String name, String in, boolean required, String type) {}

  /** A JSON body field and its schema type ({@code string}, {@code integer}, {@code number}, {@code boolean}, {@code array}, {@code object}). */
  public record Field(String name, String type, String format) {}

  /** One operation; {@code bodyFields} is null when it takes no JSON body. */
  public record Operation(String method, String path, List<Param> params, List<Field> bodyFields) {
    public String id() {
      return method + " " + path;
    }

    public boolean hasJsonBody() {
      return bodyFields != null;
    }

    /** The path with every path parameter replaced by {@code value} (already URL-encoded). */
    public String concretePath(String value) {
      String out = path;
      for (Param p : params) {
        if (p.in().equals("path")) {
          out = out.replace("{" + p.name() + "}", value);
        }
      }
      return out;
    }
  }

  public static List<Operation> read(Api api) {
    // The first request builds the document, which takes many seconds on a loaded machine.
    java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.base() + "/v3/api-docs"))
        .timeout(java.time.Duration.ofMinutes(3)).GET().build();
    Api.Response response = Api.send(request);
    if (response.status() != 200) {
      throw new IllegalStateException("no OpenAPI document: " + response);
    }
    JsonNode doc = response.json();
    JsonNode schemas = doc.path("components").path("schemas");
    List<Operation> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
      for (String method : METHODS) {
        JsonNode op = path.getValue().get(method);
        if (op == null) {
          continue;
        }
        List<Param> params = new ArrayList<>();
        for (JsonNode p : op.path("parameters")) {
          params.add(new Param(p.get("name").asString(), p.get("in").asString(), p.path("required").asBoolean(false),
              resolve(p.path("schema"), schemas).path("type").asString("string")));
        }
        out.add(new Operation(method.toUpperCase(Locale.ROOT), path.getKey(), params, bodyFields(op, schemas)));
      }
    }
    return out;
  }

  private static List<Field> bodyFields(JsonNode op, JsonNode schemas) {
    JsonNode content = op.path("requestBody").path("content");
    JsonNode json = content.get("application/json");
    if (json == null) {
      return null;
    }
    JsonNode schema = resolve(json.path("schema"), schemas);
    Map<String, Field> fields = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> prop : schema.path("properties").properties()) {
      JsonNode s = resolve(prop.getValue(), schemas);
      String type = s.path("type").asString(s.has("properties") ? "object" : "string");
      fields.put(prop.getKey(), new Field(prop.getKey(), type, s.path("format").asString(null)));
    }
    return List.copyOf(fields.values());
  }

  private static JsonNode resolve(JsonNode schema, JsonNode schemas) {
    JsonNode ref = schema.get("$ref");
    if (ref == null) {
      return schema;
    }
    String name = ref.asString().substring(ref.asString().lastIndexOf('/') + 1);
    return schemas.path(name);
  }
}
