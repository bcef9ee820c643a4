package dev.tollgate.server.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

@ExtendWith(OutputCaptureExtension.class)
class ApiKeysTest extends ServerTest {

  private String account(String parentId) {
    String id = uniqueId(parentId == null ? "root" : parentId + "-sub");
    String parent = parentId == null ? "" : ",\"parentId\":\"" + parentId + "\"";
    assertThat(api().post("/v1/accounts", "{\"id\":\"" + id + "\",\"name\":\"N\"" + parent + "}").status()).isEqualTo(201);
    return id;
  }

  private Api.Response createKey(String accountId, String remark) {
    return api().post("/v1/accounts/" + accountId + "/api-keys", remark == null ? "{}" : "{\"remark\":\"" + remark + "\"}");
  }

  private Api.Response verify(String key) {
    return api().post("/v1/api-keys:verify", "{\"key\":\"" + key + "\"}");
  }

  @Test
  void showsTheKeyOnceAndListsItWithoutTheSecret(CapturedOutput output) {
    String id = account(null);
    Api.Response created = createKey(id, "ci runner");
    assertThat(created.status()).isEqualTo(201);
    String key = created.text("key");
    assertThat(key).startsWith("tg_").hasSize(48);
    assertThat(key).startsWith(created.text("prefix"));
    assertThat(created.text("remark")).isEqualTo("ci runner");
    assertThat(created.text("createdAt")).isNotNull();

    Api.Response list = api().get("/v1/accounts/" + id + "/api-keys");
    assertThat(list.status()).isEqualTo(200);
    JsonNode item = list.json().get("items").get(0);
    assertThat(item.get("id").asString()).isEqualTo(created.text("id"));
    assertThat(item.get("prefix").asString()).isEqualTo(created.text("prefix"));
    assertThat(item.has("key")).isFalse();
    assertThat(list.body()).doesNotContain(key);
    assertThat(output.getAll()).doesNotContain(key).doesNotContain(ADMIN_TOKEN);
  }

  @Test
  void verifiesALiveKeyAndRecordsWhenItWasUsed() {
    String id = account(null);
    Api.Response created = createKey(id, null);
    Api.Response verified = verify(created.text("key"));
    assertThat(verified.status()).isEqualTo(200);
    assertThat(verified.text("accountId")).isEqualTo(id);
    assertThat(verified.text("keyId")).isEqualTo(created.text("id"));
    JsonNode item = api().get("/v1/accounts/" + id + "/api-keys").json().get("items").get(0);
    assertThat(item.get("lastUsedAt").isNull()).isFalse();
  }

  @Test
  void refusesAWrongSecretUnderAGoodPrefix() {
    String id = account(null);
    String key = createKey(id, null).text("key");
    String forged = key.substring(0, key.length() - 1) + (key.endsWith("a") ? "b" : "a");
    Api.Response response = verify(forged);
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.code()).isEqualTo("invalid_api_key");
    assertThat(verify("garbage").code()).isEqualTo("invalid_api_key");
  }

  @Test
  void changesARemark() {
    String id = account(null);
    String keyId = createKey(id, "old").text("id");
    Api.Response patched = api().patch("/v1/accounts/" + id + "/api-keys/" + keyId, "{\"remark\":\"new\"}");
    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.text("remark")).isEqualTo("new");
    assertThat(api().patch("/v1/accounts/" + id + "/api-keys/" + keyId, "{\"remark\":\"" + "r".repeat(200) + "\"}").status()).isEqualTo(200);
    Api.Response tooLong = api().patch("/v1/accounts/" + id + "/api-keys/" + keyId, "{\"remark\":\"" + "r".repeat(201) + "\"}");
    assertThat(tooLong.status()).isEqualTo(422);
    assertThat(tooLong.code()).isEqualTo("remark_too_long");
  }

  @Test
  void stopsADeletedKeyAtOnce() {
    String id = account(null);
    Api.Response created = createKey(id, null);
    assertThat(verify(created.text("key")).status()).isEqualTo(200);
    assertThat(api().delete("/v1/accounts/" + id + "/api-keys/" + created.text("id")).status()).isEqualTo(204);
    assertThat(verify(created.text("key")).status()).isEqualTo(401);
    assertThat(api().get("/v1/accounts/" + id + "/api-keys").json().get("items").size()).isZero();
    // Deleting again is harmless; a key that never existed is 404.
    assertThat(api().delete("/v1/accounts/" + id + "/api-keys/" + created.text("id")).status()).isEqualTo(204);
    Api.Response unknown = api().delete("/v1/accounts/" + id + "/api-keys/key_nope");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.code()).isEqualTo("api_key_not_found");
  }

  @Test
  void refusesTheEleventhKeyAcrossARootAndItsSubAccounts() {
    String root = account(null);
    String member = account(root);
    for (int i = 0; i < 5; i++) {
      assertThat(createKey(root, "r" + i).status()).isEqualTo(201);
      assertThat(createKey(member, "m" + i).status()).isEqualTo(201);
    }
    Api.Response eleventh = createKey(member, "one too many");
    assertThat(eleventh.status()).isEqualTo(409);
    assertThat(eleventh.code()).isEqualTo("api_key_limit_reached");
    assertThat(createKey(root, "also too many").code()).isEqualTo("api_key_limit_reached");
    assertThat(api().get("/v1/accounts/" + root + "/api-keys?family=true").json().get("items").size()).isEqualTo(10);

    // Deleting one frees a place.
    String someKey = api().get("/v1/accounts/" + member + "/api-keys").json().get("items").get(0).get("id").asString();
    api().delete("/v1/accounts/" + member + "/api-keys/" + someKey);
    assertThat(createKey(root, "fits again").status()).isEqualTo(201);
  }

  @Test
  void createsExactlyTenKeysWhenElevenRequestsRace() throws Exception {
    for (int round = 0; round < 3; round++) {
      String root = account(null);
      String member = account(root);
      int racers = 11;
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(racers);
      try {
        List<Future<Api.Response>> results = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
          String owner = i % 2 == 0 ? root : member;
          results.add(pool.submit(() -> {
            start.await();
            return createKey(owner, "race");
          }));
        }
        start.countDown();
        int created = 0;
        int refused = 0;
        for (Future<Api.Response> result : results) {
          Api.Response response = result.get();
          if (response.status() == 201) {
            created++;
          } else {
            assertThat(response.code()).isEqualTo("api_key_limit_reached");
            refused++;
          }
        }
        assertThat(created).isEqualTo(10);
        assertThat(refused).isEqualTo(1);
      } finally {
        pool.shutdownNow();
      }
      assertThat(api().get("/v1/accounts/" + root + "/api-keys?family=true").json().get("items").size()).isEqualTo(10);
    }
  }

  @Test
  void answersKeysOfAnUnknownAccountWith404() {
    Api.Response response = createKey("nobody-" + uniqueId("x"), null);
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.code()).isEqualTo("account_not_found");
  }
}
