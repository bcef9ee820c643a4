package dev.tollgate.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.DatabaseFingerprint;
import dev.tollgate.server.support.OpenApiOperations;
import dev.tollgate.server.support.OpenApiOperations.Field;
import dev.tollgate.server.support.OpenApiOperations.Operation;
import dev.tollgate.server.support.RawHttp;
import dev.tollgate.server.support.ServerTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends seeded, reproducible hostile requests to every operation of the OpenAPI document: wrong
 * types, huge numbers, negative counts, deep nesting, invalid UTF-8, a 10 MB body, unknown and
 * duplicate fields, odd path and query values. Every change must be refused with a 4xx problem
 * with a stable code, never a 5xx, and the database must be exactly as before. Reads may answer
 * 2xx (an odd filter that matches nothing is not an error). Raise the count with
 * {@code -Dtollgate.fuzz.mutations=200}; replay a run with {@code -Dtollgate.fuzz.seed=<seed>}.
 */
class HostileInputTest extends ServerTest {
  static final long SEED = Long.getLong("tollgate.fuzz.seed", 9_2026L);
  /** Per operation, on top of the structural cases every body gets. */
  static final int FIELD_MUTATIONS = Integer.getInteger("tollgate.fuzz.mutations", 8);
  static final int PATH_MUTATIONS = 3;
  static final int QUERY_MUTATIONS = 4;
  /** A 10 MB body costs most of a second; a sample of operations gets one (ProblemsTest covers the limit itself). */
  static final double LARGE_BODY_SHARE = 0.1;

  /** Operations this test does not fuzz, and why. */
  static final Map<String, String> EXCLUDED = Map.of(
      "POST /v1/payments/stripe/webhook", "authenticated by Stripe's signature, not the admin token: PaymentsTest and"
          + " payments.SignedWebhookHostileTest send it unsigned, badly signed, malformed and oversized bodies",
      "POST /v1/payments/epay/notify", "authenticated by EPay's sign: PaymentsTest and payments.SignedWebhookHostileTest",
      "GET /v1/payments/epay/notify", "authenticated by EPay's sign, the same handler as its POST (SignedWebhookHostileTest)",
      "DELETE /v1/test/clock", "takes no input; resets the test clock, which is its purpose");

  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]*");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Autowired JdbcClient jdbc;

  record Mutation(String name, String target, String contentType, byte[] body) {}

  @AfterEach
  void releaseClock() {
    api().delete("/v1/test/clock");
  }

  @Test
  void everyOperationRefusesHostileInputWithAProblemAndChangesNothing() {
    Random random = new Random(SEED);
    System.out.println("HostileInputTest seed=" + SEED + " fieldMutations=" + FIELD_MUTATIONS
        + " (replay: -Dtollgate.fuzz.seed=" + SEED + ")");
    List<Operation> operations = OpenApiOperations.read(api());
    Map<String, String> before = DatabaseFingerprint.of(jdbc);
    List<String> failures = new ArrayList<>();
    TreeSet<String> fuzzed = new TreeSet<>();
    int sent = 0;
    Map<String, Long> nanosByKind = new java.util.TreeMap<>();
    for (Operation op : operations) {
      if (EXCLUDED.containsKey(op.id()) || !op.path().startsWith("/v1/")) {
        continue;
      }
      for (Mutation m : mutations(op, random)) {
        long started = System.nanoTime();
        RawHttp.Response r = RawHttp.send(port, op.method(), m.target(), headers(m), m.body());
        nanosByKind.merge(m.name().replaceAll("^(path|query) .*", "$1"), System.nanoTime() - started, Long::sum);
        sent++;
        String problem = check(op, r);
        if (problem != null) {
          failures.add(op.id() + " [" + m.name() + "] " + problem + ": " + r);
        }
      }
      fuzzed.add(op.id());
    }
    Map<String, String> changed = DatabaseFingerprint.changed(before, DatabaseFingerprint.of(jdbc));
    System.out.println("HostileInputTest sent " + sent + " requests to " + fuzzed.size() + " operations");
    nanosByKind.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(6)
        .forEach(e -> System.out.println("  " + e.getKey() + ": " + e.getValue() / 1_000_000 + " ms"));
    assertThat(failures).as("seed %d: hostile requests not refused with a 4xx problem", SEED).isEmpty();
    assertThat(changed).as("seed %d: tables changed by refused requests", SEED).isEmpty();
  }

  @Test
  void everyOperationIsEitherFuzzedOrExcludedWithAReason() {
    List<String> unknown = new ArrayList<>();
    for (Operation op : OpenApiOperations.read(api())) {
      if (!op.path().startsWith("/v1/") && !op.path().equals("/healthz")) {
        unknown.add(op.id() + " (outside /v1: add it to this test)");
      }
    }
    assertThat(unknown).isEmpty();
    assertThat(EXCLUDED.keySet()).allSatisfy(id -> assertThat(OpenApiOperations.read(api()))
        .extracting(Operation::id).as("excluded operations still exist").contains(id));
  }

  private static Map<String, String> headers(Mutation m) {
    return m.contentType() == null
        ? Map.of("Authorization", "Bearer " + ADMIN_TOKEN)
        : Map.of("Authorization", "Bearer " + ADMIN_TOKEN, "Content-Type", m.contentType());
  }

  /** Null when the answer is acceptable, else what is wrong with it. */
  private static String check(Operation op, RawHttp.Response r) {
    if (r.status() >= 500) {
      return "server error";
    }
    boolean read = op.method().equals("GET");
    if (r.status() >= 200 && r.status() < 300) {
      return read || (op.path().equals("/v1/usage:batch") && everyResultIsAProblem(r)) ? null : "accepted";
    }
    if (r.status() < 400) {
      return "not a refusal";
    }
    if (!r.contentType().startsWith("application/problem+json")) {
      return "not a problem";
    }
    try {
      JsonNode body = JSON.readTree(r.body());
      String code = body.path("code").asString("");
      return CODE.matcher(code).matches() && body.path("status").asInt() == r.status() ? null : "no stable code";
    } catch (RuntimeException e) {
      return "unparseable problem";
    }
  }

  /** A usage batch answers 200 with one result per event; refused events are problems in it. */
  private static boolean everyResultIsAProblem(RawHttp.Response r) {
    JsonNode results = JSON.readTree(r.body()).path("results");
    for (JsonNode result : results) {
      if (!CODE.matcher(result.path("code").asString("")).matches()) {
        return false;
      }
    }
    return true;
  }

  private List<Mutation> mutations(Operation op, Random random) {
    List<Mutation> out = new ArrayList<>();
    String plain = op.concretePath("fz-" + Long.toHexString(random.nextLong() & 0xffffffL));
    boolean hasPath = op.params().stream().anyMatch(p -> p.in().equals("path"));
    if (hasPath) {
      List<String[]> odd = new ArrayList<>(List.of(
          new String[] {"dot-dot", ".."}, new String[] {"encoded dot-dot", "%2e%2e"}, new String[] {"nul", "%00"},
          new String[] {"10 KB id", "i".repeat(10_000)}, new String[] {"encoded slash", "a%2Fb"},
          new String[] {"invalid utf-8", "%C3%28%FF"}, new String[] {"bad escape", "%ZZ"},
          new String[] {"unicode", "%E2%80%AE%F0%9F%92%B8"}, new String[] {"sql", "x'%20OR%20'1'='1"}));
      Collections.shuffle(odd, random);
      List<String[]> picked = new ArrayList<>(odd.subList(0, PATH_MUTATIONS));
      picked.add(new String[] {"nul", "%00"});
      for (String[] p : picked) {
        out.add(new Mutation("path " + p[0], op.concretePath(p[1]), op.hasJsonBody() ? "application/json" : null,
            op.hasJsonBody() ? "{}".getBytes(StandardCharsets.UTF_8) : null));
      }
    }
    List<OpenApiOperations.Param> query = op.params().stream().filter(p -> p.in().equals("query")).toList();
    if (!query.isEmpty()) {
      List<String> values = List.of("%00", "q".repeat(10_000), "-1", "0", "99999999999999999999", "1e400", "not-a-date",
          "2030-02-30T00:00:00Z", "%ZZ", "%C3%28", "-9223372036854775809", "true%00");
      for (int i = 0; i < QUERY_MUTATIONS; i++) {
        OpenApiOperations.Param p = query.get(random.nextInt(query.size()));
        String v = values.get(random.nextInt(values.size()));
        out.add(new Mutation("query " + p.name() + "=" + abbreviate(v), plain + "?" + p.name() + "=" + v,
            op.hasJsonBody() ? "application/json" : null, op.hasJsonBody() ? "{}".getBytes(StandardCharsets.UTF_8) : null));
      }
    }
    if (!op.hasJsonBody()) {
      return out;
    }
    String f0 = op.bodyFields().isEmpty() ? "x" : op.bodyFields().get(0).name();
    out.add(json("null body", plain, "null"));
    out.add(json("array body", plain, "[]"));
    out.add(json("string body", plain, "\"text\""));
    out.add(json("empty body", plain, ""));
    out.add(json("truncated", plain, "{\"" + f0 + "\":"));
    out.add(json("unknown field", plain, "{\"fuzzUnknownField\":1}"));
    out.add(json("duplicate field", plain, "{\"" + f0 + "\":\"a\",\"" + f0 + "\":\"a\"}"));
    out.add(json("100,000 nested arrays", plain, "{\"" + f0 + "\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}"));
    out.add(json("deep objects", plain, "{\"" + f0 + "\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_001)));
    out.add(new Mutation("invalid utf-8", plain, "application/json",
        concat("{\"" + f0 + "\":\"", new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE}, "\"}")));
    if (random.nextDouble() < LARGE_BODY_SHARE) {
      out.add(new Mutation("10 MB body", plain, "application/json",
          ("{\"" + f0 + "\":\"" + "a".repeat(10 << 20) + "\"}").getBytes(StandardCharsets.UTF_8)));
    }
    out.add(new Mutation("text/plain", plain, "text/plain", "{}".getBytes(StandardCharsets.UTF_8)));
    List<Mutation> perField = new ArrayList<>();
    for (Field f : op.bodyFields()) {
      for (String[] v : values(f)) {
        perField.add(json(f.name() + " " + v[0], plain, "{\"" + f.name() + "\":" + v[1] + "}"));
      }
    }
    Collections.shuffle(perField, random);
    out.addAll(perField.subList(0, Math.min(FIELD_MUTATIONS, perField.size())));
    return out;
  }

  /** Fields holding a decimal amount as a string: "1e9999" and friends must be refused there. */
  private static final Pattern DECIMAL_FIELD = Pattern.compile(
      "(?i).*(amount|price|per1m|percall|persecond|perunit|multiplier|threshold|rate|discount|allowance).*");

  /**
   * Values no field of the declared type accepts. Text fields take any string, so only the wrong
   * types, NUL, half surrogates and overlong text are hostile for all of them; decimal and date
   * fields get their own.
   */
  private static List<String[]> values(Field f) {
    List<String[]> v = new ArrayList<>(List.<String[]>of(new String[] {"nested object", "{\"a\":{\"b\":[1]}}"}));
    List<String[]> huge = List.of(
        new String[] {"1e400", "1e400"}, new String[] {"2^63", "9223372036854775808"},
        new String[] {"20 digits", "12345678901234567890"}, new String[] {"-2^63-1", "-9223372036854775809"},
        new String[] {"tiny", "1e-400"});
    switch (f.type()) {
      case "string" -> {
        v.addAll(huge);
        v.addAll(List.of(
            new String[] {"number", "123"}, new String[] {"boolean", "true"}, new String[] {"array", "[\"a\"]"},
            new String[] {"100k string", "\"" + "s".repeat(100_000) + "\""}, new String[] {"nul", "\"a\\u0000b\""},
            new String[] {"lone surrogate", "\"\\ud800\""}));
        if (DECIMAL_FIELD.matcher(f.name()).matches()) {
          v.addAll(List.of(new String[] {"\"1e9999\"", "\"1e9999\""}, new String[] {"\"-1e9999\"", "\"-1e9999\""},
              new String[] {"\"NaN\"", "\"NaN\""}, new String[] {"30 digit string", "\"" + "9".repeat(30) + "\""},
              new String[] {"\"-0.0000000001\"", "\"-0.0000000001\""}));
        }
        if ("date-time".equals(f.format())) {
          v.addAll(List.of(new String[] {"far date", "\"+999999999-12-31T23:59:59Z\""},
              new String[] {"bad date", "\"2030-02-30T00:00:00Z\""}, new String[] {"\"1e9999\"", "\"1e9999\""}));
        }
      }
      case "integer", "number" -> v.addAll(List.of(
          huge.get(0), huge.get(1), huge.get(2), huge.get(3), new String[] {"string", "\"abc\""}, new String[] {"-1", "-1"},
          new String[] {"int min", "-2147483648"}, new String[] {"fraction", "1.5"}, new String[] {"boolean", "true"}));
      case "boolean" -> v.addAll(List.of(new String[] {"string", "\"yes\""}, new String[] {"number", "1"}));
      case "array" -> v.addAll(List.of(
          new String[] {"object", "{}"}, new String[] {"string", "\"x\""},
          new String[] {"100k items", "[" + "1,".repeat(99_999) + "1]"},
          new String[] {"nul items", "[\"\\u0000\"]"}, new String[] {"null items", "[null,null]"}));
      default -> v.addAll(List.of(new String[] {"array", "[]"}, new String[] {"string", "\"x\""},
          new String[] {"nul key", "{\"\\u0000\":1}"}));
    }
    return v;
  }

  private static Mutation json(String name, String target, String body) {
    return new Mutation(name, target, "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] concat(String head, byte[] middle, String tail) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(middle);
    out.writeBytes(tail.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static String abbreviate(String s) {
    return s.length() > 24 ? s.substring(0, 12) + "…(" + s.length() + ")" : s;
  }
}
