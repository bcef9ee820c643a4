package dev.tollgate.server.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.server.support.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Roots are fixed when an account is created, so the hot path may remember them. */
class AccountRootsTest extends ServerTest {
  @Autowired JdbcClient jdbc;

  private HotPathFixture fx() {
    return new HotPathFixture(api());
  }

  @Test
  void aRootAndItsSubAccountAreAnsweredAndRemembered() {
    HotPathFixture fx = fx();
    String root = fx.account(uniqueId("root"));
    String sub = fx.subAccount(uniqueId("sub"), root);
    AccountRoots roots = new AccountRoots(jdbc, 10);

    assertThat(roots.of(List.of(root, sub))).isEqualTo(Map.of(root, root, sub, root));
    assertThat(roots.size()).isEqualTo(2);
    assertThat(roots.of(List.of(sub))).isEqualTo(Map.of(sub, root));
  }

  @Test
  void anUnknownIdIsNotRememberedSoAnAccountCreatedLaterIsFound() {
    HotPathFixture fx = fx();
    String later = uniqueId("later");
    AccountRoots roots = new AccountRoots(jdbc, 10);

    assertThat(roots.of(List.of(later))).isEmpty();
    assertThat(roots.size()).isZero();
    fx.account(later);
    assertThat(roots.of(List.of(later))).isEqualTo(Map.of(later, later));
  }

  @Test
  void theMemoryHoldsItsLimitAndStartsOverOnePastIt() {
    HotPathFixture fx = fx();
    String a = fx.account(uniqueId("a"));
    String b = fx.account(uniqueId("b"));
    String c = fx.account(uniqueId("c"));
    AccountRoots roots = new AccountRoots(jdbc, 2);

    roots.of(List.of(a, b));
    assertThat(roots.size()).as("at the limit").isEqualTo(2);
    assertThat(roots.of(List.of(c))).as("one past it: still answered").isEqualTo(Map.of(c, c));
    assertThat(roots.size()).as("started over").isEqualTo(1);
    assertThat(roots.of(List.of(a, b, c))).isEqualTo(Map.of(a, a, b, b, c, c));
  }

  @Test
  void theDatabaseRefusesToMoveAnAccountToAnotherRoot() {
    HotPathFixture fx = fx();
    String root = fx.account(uniqueId("root"));
    String other = fx.account(uniqueId("other"));
    String sub = fx.subAccount(uniqueId("sub"), root);

    assertThatThrownBy(() -> jdbc.sql("UPDATE accounts SET parent_id = ?, root_id = ? WHERE id = ?")
        .params(other, other, sub).update())
        .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("cannot change");
    assertThat(jdbc.sql("UPDATE accounts SET name = 'renamed', root_id = root_id WHERE id = ?").params(sub).update())
        .as("other columns, and the same root, still update").isEqualTo(1);
  }
}
