package dev.tollgate.server.usage;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.server.http.ApiException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The filter accepts exactly the bodies {@code consumes = application/json} accepted. */
class HotPathFilterTest {
  @ParameterizedTest(name = "\"{0}\" is JSON")
  @ValueSource(strings = {"application/json", "application/json;charset=UTF-8", "APPLICATION/JSON",
      "application/json ; charset=utf-8", "Application/Json;charset=utf-8"})
  void acceptsJsonWithOrWithoutParameters(String contentType) {
    assertThatCode(() -> HotPathFilter.requireJson(contentType)).doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "\"{0}\" is refused with 415")
  @NullSource
  @ValueSource(strings = {"", "text/plain", "application/jsonx", "application/json-patch+json",
      "application/problem+json", "application/x-www-form-urlencoded", "json", "application/json;;;=", "/"})
  void refusesEverythingElseAsUnsupportedMediaType(String contentType) {
    assertThatThrownBy(() -> HotPathFilter.requireJson(contentType))
        .isInstanceOfSatisfying(ApiException.class, e -> org.assertj.core.api.Assertions.assertThat(e.code())
            .isEqualTo("unsupported_media_type"));
  }
}
