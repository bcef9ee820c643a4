package dev.tollgate.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.support.Api;
import dev.tollgate.server.support.ServerTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class OperatorsTest extends ServerTest {
  @Autowired JdbcClient jdbc;

  @Test
  void anOperatorIsCreatedWithATokenShownOnceAndStoredOnlyAsItsHash() {
    String name = uniqueId("ann");
    Api.Response created = api().post("/v1/operators", "{\"name\":\"" + name + "\",\"role\":\"billing\"}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String token = created.text("token");
    assertThat(token).startsWith("tgo_").hasSize(68);
    Api.Response read = api().get("/v1/operators/" + name);
    assertThat(read.text("role")).isEqualTo("billing");
    assertThat(read.body()).doesNotContain(token);
    assertThat(jdbc.sql("SELECT count(*) FROM operators WHERE token_sha256::text LIKE ?").param("%" + token + "%")
        .query(Long.class).single()).isZero();
  }

  @Test
  void badInputIsRefusedWithAStableCodeAndChangesNothing() {
    String name = uniqueId("bob");
    assertThat(api().post("/v1/operators", "{\"name\":\"Bob Smith\",\"role\":\"billing\"}").text("code")).isEqualTo("operator_name_invalid");
    assertThat(api().post("/v1/operators", "{\"name\":\"admin\",\"role\":\"billing\"}").text("code")).isEqualTo("operator_name_invalid");
    assertThat(api().post("/v1/operators", "{\"name\":\"" + name + "\",\"role\":\"owner\"}").text("code")).isEqualTo("role_invalid");
    assertThat(api().post("/v1/operators", "{\"name\":\"" + name + "\"}").text("code")).isEqualTo("missing_field");
    assertThat(api().get("/v1/operators/" + name).status()).isEqualTo(404);
    assertThat(api().post("/v1/operators", "{\"name\":\"" + name + "\",\"role\":\"read_only\"}").status()).isEqualTo(201);
    Api.Response again = api().post("/v1/operators", "{\"name\":\"" + name + "\",\"role\":\"billing\"}");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.text("code")).isEqualTo("operator_exists");
    assertThat(api().patch("/v1/operators/" + name, "{\"role\":\"root\"}").text("code")).isEqualTo("role_invalid");
    assertThat(api().get("/v1/operators/" + name).text("role")).isEqualTo("read_only");
    assertThat(api().withToken("wrong-token-0123456789").get("/v1/operators").status()).isEqualTo(401);
  }

  @Test
  void theRoleChangesAndADisabledOperatorStaysDisabled() {
    String name = uniqueId("cat");
    api().post("/v1/operators", "{\"name\":\"" + name + "\",\"role\":\"read_only\"}");
    assertThat(api().patch("/v1/operators/" + name, "{\"role\":\"administrator\"}").text("role")).isEqualTo("administrator");
    Api.Response disabled = api().patch("/v1/operators/" + name, "{\"disabled\":true}");
    assertThat(disabled.json().get("disabled").asBoolean()).isTrue();
    assertThat(api().patch("/v1/operators/" + name, "{\"disabled\":false}").text("code")).isEqualTo("operator_enable_unsupported");
    assertThat(api().patch("/v1/operators/nobody-here", "{\"role\":\"billing\"}").status()).isEqualTo(404);
  }

  @Test
  void operatorsAreLimitedToAHundredAndTheHundredAndFirstIsRefused() {
    List<String> mine = new ArrayList<>();
    try {
      long existing = jdbc.sql("SELECT count(*) FROM operators").query(Long.class).single();
      for (long i = existing; i < OperatorCommands.OPERATORS_MAX; i++) {
        String name = uniqueId("fill");
        Api.Response r = api().post("/v1/operators", "{\"name\":\"" + name + "\",\"role\":\"read_only\"}");
        assertThat(r.status()).as("operator %d: %s", i + 1, r).isEqualTo(201);
        mine.add(name);
      }
      Api.Response past = api().post("/v1/operators", "{\"name\":\"" + uniqueId("over") + "\",\"role\":\"read_only\"}");
      assertThat(past.status()).isEqualTo(422);
      assertThat(past.text("code")).isEqualTo("too_many_operators");
    } finally {
      // Other tests share the database and create operators too.
      mine.forEach(name -> jdbc.sql("DELETE FROM operators WHERE name = ?").param(name).update());
    }
  }
}
