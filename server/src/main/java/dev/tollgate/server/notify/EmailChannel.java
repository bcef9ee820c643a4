package dev.tollgate.server.notify;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends a notice as a plain-text e-mail through Spring's {@link JavaMailSender}, configured from
 * {@code TOLLGATE_SMTP_*} ({@code spring.mail.*}). Without an SMTP host an attempt fails and is
 * retried, so configuring SMTP later still delivers what is in the log.
 */
@Component
class EmailChannel {
  private final ObjectProvider<JavaMailSender> sender;
  private final String host;
  private final NotificationSettingsStore settings;
  private final JsonMapper json;

  EmailChannel(
      ObjectProvider<JavaMailSender> sender, @Value("${spring.mail.host:}") String host,
      NotificationSettingsStore settings, JsonMapper json) {
    this.sender = sender;
    this.host = host;
    this.settings = settings;
    this.json = json;
  }

  AttemptResult send(ClaimedDelivery d) {
    JavaMailSender mail = sender.getIfAvailable();
    if (mail == null || host.isBlank()) {
      return new AttemptResult.Failed(null, "no SMTP server is configured (TOLLGATE_SMTP_HOST)");
    }
    String from = settings.platform().emailFrom();
    if (from == null) {
      return new AttemptResult.Failed(null, "no sender address is configured (emailFrom)");
    }
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom(from);
    message.setTo(d.target().split(","));
    message.setSubject(subject(d));
    message.setText(text(d));
    try {
      mail.send(message);
      return new AttemptResult.Sent(null);
    } catch (MailException e) {
      return new AttemptResult.Failed(null, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  String subject(ClaimedDelivery d) {
    JsonNode data = json.readTree(d.payloadJson());
    return switch (d.kind()) {
      case "credit_threshold" -> "Credit at " + data.path("thresholdPercent").asString() + " % remaining";
      case "expiry_notice" -> "Credit expires in " + data.path("daysBefore").asString() + " days";
      case "low_wallet" -> "Wallet balance is low";
      case "bill_issued" -> "A bill was issued";
      case "account_overdue" -> "Account overdue";
      default -> "Notice: " + d.kind();
    } + " (" + d.accountId() + ")";
  }

  /** A line per fact, in a stable order, and the ids a reader quotes to support. */
  String text(ClaimedDelivery d) {
    StringBuilder text = new StringBuilder();
    text.append(lead(d)).append("\n\n");
    JsonNode data = json.readTree(d.payloadJson());
    Map<String, String> lines = new TreeMap<>();
    for (Map.Entry<String, JsonNode> field : data.properties()) {
      JsonNode v = field.getValue();
      lines.put(field.getKey(), v.isValueNode() ? v.asString() : v.toString());
    }
    lines.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
    text.append("\nnotice: ").append(d.noticeId()).append("\noccurred at: ").append(d.occurredAt()).append('\n');
    return text.toString();
  }

  private static String lead(ClaimedDelivery d) {
    return switch (d.kind()) {
      case "credit_threshold" -> "A grant of account " + d.accountId() + " has reached a remaining-credit threshold.";
      case "expiry_notice" -> "A grant of account " + d.accountId() + " expires soon.";
      case "low_wallet" -> "The wallet of account " + d.accountId() + " is below its threshold.";
      default -> "Account " + d.accountId() + ": " + d.kind() + ".";
    };
  }
}
