package dev.tollgate.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
  @Test
  void computesHmacSha256AsRfc4231Does() {
    // RFC 4231, test case 2.
    assertThat(WebhookSignature.hmacHex("Jefe", "what do ya want for nothing?"))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void signsTheTimestampWithTheBodySoNeitherCanBeChanged() {
    String body = "{\"id\":\"42\",\"kind\":\"credit_threshold\"}";
    String header = WebhookSignature.header("whsec-0123456789abcdef", 1_793_491_200L, body);
    assertThat(header).startsWith("t=1793491200,v1=");
    assertThat(header.substring(header.indexOf("v1=") + 3))
        .isEqualTo(WebhookSignature.hmacHex("whsec-0123456789abcdef", "1793491200." + body));
    assertThat(WebhookSignature.verify("whsec-0123456789abcdef", header, body)).isTrue();
    assertThat(WebhookSignature.verify("whsec-0123456789abcdeX", header, body)).isFalse();
    assertThat(WebhookSignature.verify("whsec-0123456789abcdef", header, body + " ")).isFalse();
    assertThat(WebhookSignature.verify("whsec-0123456789abcdef", header.replace("t=1793491200", "t=1793491201"), body))
        .isFalse();
    assertThat(WebhookSignature.verify("whsec-0123456789abcdef", "v1=00", body)).isFalse();
  }

  @Test
  void retriesAfterOneFiveAndThirtyMinutesTwoAndTwelveHoursThenGivesUp() {
    assertThat(RetrySchedule.after(1)).contains(Duration.ofMinutes(1));
    assertThat(RetrySchedule.after(2)).contains(Duration.ofMinutes(5));
    assertThat(RetrySchedule.after(3)).contains(Duration.ofMinutes(30));
    assertThat(RetrySchedule.after(4)).contains(Duration.ofHours(2));
    assertThat(RetrySchedule.after(5)).contains(Duration.ofHours(12));
    assertThat(RetrySchedule.after(6)).isEmpty();
    assertThatThrownBy(() -> RetrySchedule.after(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
