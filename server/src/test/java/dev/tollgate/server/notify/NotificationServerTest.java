package dev.tollgate.server.notify;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A {@link ServerTest} whose e-mail goes to an in-process GreenMail SMTP server on loopback, and
 * whose webhooks go to a {@link WebhookReceiver}. Both live as long as the JVM, like the database;
 * tests keep apart by using fresh accounts, paths and addresses.
 */
abstract class NotificationServerTest extends ServerTest {
  static final String SECRET = "whsec-test-0123456789abcdef";
  static final GreenMail MAIL;
  static final WebhookReceiver WEBHOOKS = new WebhookReceiver();

  static {
    MAIL = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    MAIL.start();
  }

  @DynamicPropertySource
  static void smtp(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
  }

  /** Every channel on at the platform, signed with {@link #SECRET}. */
  void channelsOn() {
    Api.Response r = api().put("/v1/notifications/settings", """
        {"channels":{"webhook":true,"email":true,"inbox":true},"webhookSecret":"%s",
         "emailFrom":"billing@tollgate.test","creditThresholdsPercent":[10,5,1],"expiryDays":[7,5,3,1]}"""
        .formatted(SECRET));
    org.assertj.core.api.Assertions.assertThat(r.status()).as(r.toString()).isEqualTo(200);
  }

  /** An account whose webhooks go to {@code /hooks/{id}} and e-mail to {@code {id}@example.test}. */
  String account(String prefix) {
    String id = uniqueId(prefix);
    Api.Response created = api().post("/v1/accounts", "{\"id\":\"" + id + "\",\"name\":\"" + id + "\"}");
    org.assertj.core.api.Assertions.assertThat(created.status()).as(created.toString()).isEqualTo(201);
    Api.Response r = api().put("/v1/accounts/" + id + "/notifications/settings",
        "{\"webhookUrl\":\"" + WEBHOOKS.url(hookPath(id)) + "\",\"emailRecipients\":[\"" + email(id) + "\"]}");
    org.assertj.core.api.Assertions.assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return id;
  }

  static String hookPath(String accountId) {
    return "/hooks/" + accountId;
  }

  static String email(String accountId) {
    return accountId + "@example.test";
  }

  static List<MimeMessage> mailTo(String address) {
    return Arrays.stream(MAIL.getReceivedMessages()).filter(m -> {
      try {
        Address[] to = m.getAllRecipients();
        return to != null && Arrays.stream(to).anyMatch(a -> a.toString().equals(address));
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }
}
