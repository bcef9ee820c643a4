package dev.tollgate.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.json.JsonMapper;

class JsonConfigurationTest {
  private final JsonMapper json = new JsonConfiguration().jsonMapper();

  private static String nested(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  @Test
  void readsNestingUpToTheLimitAndRefusesOneLevelMore() {
    assertThat(json.readTree(nested(JsonConfiguration.NESTING_DEPTH_MAX))).isNotNull();
    assertThatThrownBy(() -> json.readTree(nested(JsonConfiguration.NESTING_DEPTH_MAX + 1)))
        .isInstanceOf(StreamConstraintsException.class);
  }

  @Test
  void readsNumbersUpToTheLengthLimitAndRefusesLonger() {
    String atLimit = "1".repeat(JsonConfiguration.NUMBER_LENGTH_MAX);
    assertThat(json.readTree(atLimit).isNumber()).isTrue();
    assertThatThrownBy(() -> json.readTree(atLimit + "1")).isInstanceOf(StreamConstraintsException.class);
  }

  record Amount(String amount, Long count) {}

  @Test
  void refusesANumberWhereAnAmountStringBelongs() {
    assertThatThrownBy(() -> json.readValue("{\"amount\":1.5}", Amount.class)).isInstanceOf(tools.jackson.databind.exc.MismatchedInputException.class);
    assertThatThrownBy(() -> json.readValue("{\"count\":\"5\"}", Amount.class)).isInstanceOf(tools.jackson.databind.exc.MismatchedInputException.class);
    assertThatThrownBy(() -> json.readValue("{\"count\":5.0}", Amount.class)).isInstanceOf(tools.jackson.databind.exc.MismatchedInputException.class);
    assertThat(json.readValue("{\"amount\":\"1.5\",\"count\":5}", Amount.class)).isEqualTo(new Amount("1.5", 5L));
  }

  @Test
  void readsFloatsInUntypedBodiesExactly() {
    @SuppressWarnings("unchecked")
    Map<String, Object> map = json.readValue("{\"price\":2.5e-06}", Map.class);
    assertThat(map.get("price")).isInstanceOf(BigDecimal.class);
    assertThat((BigDecimal) map.get("price")).isEqualByComparingTo("0.0000025");
  }
}
