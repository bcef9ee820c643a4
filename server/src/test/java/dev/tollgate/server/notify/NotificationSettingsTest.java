package dev.tollgate.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Settings, their named limits (at the limit and one past), and every 4xx code of the notification API. */
class NotificationSettingsTest extends NotificationServerTest {

  @Test
  void showsTheWebhookSecretsLastFourCharactersOnly() {
    channelsOn();
    Api.Response r = api().get("/v1/notifications/settings");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text("webhookSecretLast4")).isEqualTo(SECRET.substring(SECRET.length() - 4));
    assertThat(r.body()).doesNotContain(SECRET);
    assertThat(r.json().get("creditThresholdsPercent")).extracting(n -> n.asInt()).containsExactly(10, 5, 1);
    assertThat(r.json().get("expiryDays")).extracting(n -> n.asInt()).containsExactly(7, 5, 3, 1);

    Api.Response put = api().put("/v1/notifications/settings", "{\"lowWalletThreshold\":\"2.50\"}");
    assertThat(put.status()).as(put.toString()).isEqualTo(200);
    assertThat(put.text("webhookSecretLast4")).isEqualTo(SECRET.substring(SECRET.length() - 4));
    assertThat(put.body()).doesNotContain(SECRET);
    assertThat(put.text("lowWalletThreshold")).startsWith("2.5");
    assertThat(api().put("/v1/notifications/settings", "{\"lowWalletThreshold\":\"\"}").json().get("lowWalletThreshold").isNull())
        .isTrue();
  }

  @Test
  void anAccountInheritsThePlatformsSettingsUntilItOverridesThem() {
    channelsOn();
    String acct = account("inherit");
    Api.Response r = api().get("/v1/accounts/" + acct + "/notifications/settings");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("creditThresholdsPercent").isNull()).isTrue();
    assertThat(r.json().get("effective").get("creditThresholdsPercent")).extracting(n -> n.asInt()).containsExactly(10, 5, 1);
    assertThat(r.json().get("effective").get("webhookUrl").asString()).isEqualTo(WEBHOOKS.url(hookPath(acct)));

    Api.Response put = api().put("/v1/accounts/" + acct + "/notifications/settings",
        "{\"creditThresholdsPercent\":[1,20],\"expiryDays\":[3],\"webhookSecret\":\"account-secret-0123456789\"}");
    assertThat(put.status()).as(put.toString()).isEqualTo(200);
    assertThat(put.json().get("effective").get("creditThresholdsPercent")).extracting(n -> n.asInt()).containsExactly(20, 1);
    assertThat(put.json().get("effective").get("expiryDays")).extracting(n -> n.asInt()).containsExactly(3);
    assertThat(put.text("webhookSecretLast4")).isEqualTo("6789");
    assertThat(put.body()).doesNotContain("account-secret-0123456789");
    // A PUT replaces the overrides whole: the webhook URL set by account() is gone, the platform's applies.
    assertThat(put.json().get("webhookUrl").isNull()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      5 thresholds, the limit         | {"creditThresholdsPercent":[50,40,30,20,10]}  | 200 |
      6 thresholds, one past          | {"creditThresholdsPercent":[60,50,40,30,20,10]} | 422 | credit_thresholds_too_many
      threshold 1 and 99              | {"creditThresholdsPercent":[1,99]}             | 200 |
      threshold 0                     | {"creditThresholdsPercent":[0]}                | 422 | credit_threshold_invalid
      threshold 100                   | {"creditThresholdsPercent":[100]}              | 422 | credit_threshold_invalid
      threshold null                  | {"creditThresholdsPercent":[null]}             | 422 | credit_threshold_invalid
      threshold twice                 | {"creditThresholdsPercent":[10,10]}            | 422 | credit_thresholds_duplicate
      threshold as text               | {"creditThresholdsPercent":["10"]}             | 400 | invalid_type
      5 expiry days, the limit        | {"expiryDays":[1,2,3,4,365]}                   | 200 |
      6 expiry days, one past         | {"expiryDays":[1,2,3,4,5,6]}                   | 422 | expiry_days_too_many
      expiry day 366                  | {"expiryDays":[366]}                           | 422 | expiry_day_invalid
      expiry day 0                    | {"expiryDays":[0]}                             | 422 | expiry_day_invalid
      expiry day twice                | {"expiryDays":[7,7]}                           | 422 | expiry_days_duplicate
      ftp webhook                     | {"webhookUrl":"ftp://example.test/hook"}       | 422 | webhook_url_invalid
      relative webhook                | {"webhookUrl":"/hook"}                         | 422 | webhook_url_invalid
      webhook with credentials        | {"webhookUrl":"https://u:p@example.test/hook"} | 422 | webhook_url_invalid
      webhook not a URL               | {"webhookUrl":"https://exa mple.test/"}        | 422 | webhook_url_invalid
      secret of 16, the limit         | {"webhookSecret":"0123456789abcdef"}           | 200 |
      secret of 15, one past          | {"webhookSecret":"0123456789abcde"}            | 422 | webhook_secret_invalid
      secret with a space             | {"webhookSecret":"0123456789 abcdef"}          | 422 | webhook_secret_invalid
      recipient not an address        | {"emailRecipients":["nobody"]}                 | 422 | email_invalid
      recipient with a header         | {"emailRecipients":["a@b.test\\nBcc: c@d.test"]} | 422 | email_invalid
      low wallet not an amount        | {"lowWalletThreshold":"lots"}                  | 422 | amount_invalid
      unknown field                   | {"threshold":10}                               | 400 | unknown_field
      unknown channel                 | {"channels":{"sms":true}}                      | 400 | unknown_field
      channel as text                 | {"channels":{"email":"yes"}}                   | 400 | invalid_type
      """)
  void checksEveryAccountSettingField(String name, String body, int status, String code) {
    String acct = account("fields");
    Api.Response r = api().put("/v1/accounts/" + acct + "/notifications/settings", body);
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    if (code != null) {
      assertThat(r.code()).isEqualTo(code);
    }
  }

  @Test
  void acceptsTenRecipientsAndRefusesEleven() {
    String acct = account("recipients");
    assertThat(putRecipients(acct, 10).status()).isEqualTo(200);
    Api.Response eleven = putRecipients(acct, 11);
    assertThat(eleven.status()).isEqualTo(422);
    assertThat(eleven.code()).isEqualTo("email_recipients_too_many");
  }

  @Test
  void acceptsAWebhookUrlAtTheLengthLimitAndRefusesOneLonger() {
    String acct = account("long-url");
    String base = "https://example.test/";
    String atLimit = base + "a".repeat(NotificationRules.URL_LENGTH_MAX - base.length());
    assertThat(api().put("/v1/accounts/" + acct + "/notifications/settings", "{\"webhookUrl\":\"" + atLimit + "\"}").status())
        .isEqualTo(200);
    Api.Response past = api().put("/v1/accounts/" + acct + "/notifications/settings", "{\"webhookUrl\":\"" + atLimit + "a\"}");
    assertThat(past.status()).isEqualTo(422);
    assertThat(past.code()).isEqualTo("webhook_url_invalid");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      webhook on without a secret   | {"channels":{"webhook":true},"webhookSecret":""} | 422 | webhook_secret_required
      e-mail on without a sender    | {"channels":{"email":true},"emailFrom":""}       | 422 | email_from_required
      sender not an address         | {"emailFrom":"billing"}                          | 422 | email_invalid
      threshold 100                 | {"creditThresholdsPercent":[10,100]}             | 422 | credit_threshold_invalid
      body not an object            | [1]                                              | 400 | invalid_body
      """)
  void refusesAnInvalidPlatformSettingAndChangesNothing(String name, String body, int status, String code) {
    channelsOn();
    String before = api().get("/v1/notifications/settings").body();
    Api.Response r = api().put("/v1/notifications/settings", body);
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.code()).isEqualTo(code);
    assertThat(api().get("/v1/notifications/settings").body()).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      account settings of no account    | GET  | /v1/accounts/nobody-x/notifications/settings | 404 | account_not_found
      inbox of no account               | GET  | /v1/accounts/nobody-x/inbox                  | 404 | account_not_found
      read in no account                | POST | /v1/accounts/nobody-x/inbox/1/read           | 404 | account_not_found
      delivery log by unknown status    | GET  | /v1/notifications/deliveries?status=lost     | 400 | status_invalid
      delivery log limit 0              | GET  | /v1/notifications/deliveries?limit=0         | 400 | limit_invalid
      delivery log limit 201            | GET  | /v1/notifications/deliveries?limit=201       | 400 | limit_invalid
      delivery log foreign cursor       | GET  | /v1/notifications/deliveries?cursor=eHl6     | 400 | cursor_invalid
      retry of no delivery              | POST | /v1/notifications/deliveries/999999999/retry | 404 | delivery_not_found
      retry of a non-number             | POST | /v1/notifications/deliveries/abc/retry       | 404 | delivery_not_found
      """)
  void answersEveryRefusalWithItsCode(String name, String method, String path, int status, String code) {
    Api.Response r = api().send(method, path, null, "application/json");
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.code()).isEqualTo(code);
  }

  @Test
  void refusesToReadANoticeTheInboxDoesNotHave() {
    String acct = account("unknown-notice");
    for (String id : new String[] {"999999999", "abc"}) {
      Api.Response r = api().post("/v1/accounts/" + acct + "/inbox/" + id + "/read", "");
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.code()).isEqualTo("notice_not_found");
    }
  }

  @Test
  void acceptsADeliveryLogPageOf200() {
    assertThat(api().get("/v1/notifications/deliveries?limit=200").status()).isEqualTo(200);
    assertThat(api().get("/v1/notifications/deliveries?limit=1").status()).isEqualTo(200);
  }

  private Api.Response putRecipients(String acct, int n) {
    String list = IntStream.range(0, n).mapToObj(i -> "\"r" + i + "@example.test\"").collect(Collectors.joining(","));
    return api().put("/v1/accounts/" + acct + "/notifications/settings", "{\"emailRecipients\":[" + list + "]}");
  }
}
