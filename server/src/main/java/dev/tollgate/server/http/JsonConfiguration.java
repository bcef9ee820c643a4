package dev.tollgate.server.http;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * A strict JSON reader: money must not pass through a float, and a misspelt field must not be
 * silently ignored in a billing request. So: unknown fields, numbers for strings, strings or
 * floats for integers, and trailing garbage are all refused; parser limits are named below.
 */
@Configuration(proxyBeanMethods = false)
public class JsonConfiguration {
  /** Deeper than any request of ours needs; stops stack-hungry hostile nesting early. */
  public static final int NESTING_DEPTH_MAX = 32;
  /** Longest number literal: a 64-bit integer has 20 characters with its sign. */
  public static final int NUMBER_LENGTH_MAX = 24;
  /** Longest field name we accept. */
  public static final int NAME_LENGTH_MAX = 256;

  @Bean
  JsonMapper jsonMapper() {
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(NESTING_DEPTH_MAX)
            .maxNumberLength(NUMBER_LENGTH_MAX)
            .maxNameLength(NAME_LENGTH_MAX)
            .build())
        // A repeated field ("amount" twice) is ambiguous; refuse it rather than pick one.
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
    return new JsonMapper.Builder(factory)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .addModule(StrictScalars.module())
        // Untyped bodies (a price list to import) keep every float exact.
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .withCoercionConfig(LogicalType.Textual, c -> c
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .withCoercionConfig(LogicalType.Integer, c -> c
            .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .withCoercionConfig(LogicalType.Boolean, c -> c
            .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
        .build();
  }
}
