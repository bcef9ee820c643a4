package dev.tollgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL admits no one without the password kept in the data directory: neither
 * on a new data directory nor on one an older Tollgate created with every local connection trusted.
 */
class EmbeddedPasswordTest {
  private static Connection connect(EmbeddedStore store, String password) throws SQLException {
    return DriverManager.getConnection(store.jdbcUrl(), store.user(), password);
  }

  @Test
  void aNewDataDirectoryRequiresThePasswordKeptBesideIt(@TempDir Path data) throws Exception {
    try (EmbeddedStore store = EmbeddedStore.start(data, false, 16)) {
      Path file = data.resolve(EmbeddedPassword.FILE);
      assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
      assertThat(Files.readString(file).trim()).isEqualTo(store.password()).hasSize(EmbeddedPassword.LENGTH);
      assertThat(EmbeddedPassword.trusts(data.resolve("postgres"))).isFalse();

      assertThatThrownBy(() -> connect(store, "")).isInstanceOf(SQLException.class);
      assertThatThrownBy(() -> connect(store, "not-the-password")).hasMessageContaining("password authentication failed");
      try (Connection c = connect(store, store.password())) {
        assertThat(c.isValid(5)).isTrue();
      }
    }
    try (EmbeddedStore again = EmbeddedStore.start(data, false, 16)) {
      assertThat(again.password()).as("the same password after a restart").isEqualTo(Files.readString(
          data.resolve(EmbeddedPassword.FILE)).trim());
      try (Connection c = connect(again, again.password())) {
        assertThat(c.isValid(5)).isTrue();
      }
    }
  }

  @Test
  void aDataDirectoryThatTrustedEveryoneIsSwitchedToThePasswordAndKeepsItsData(@TempDir Path data) throws Exception {
    // What earlier Tollgates left: zonky's initdb -A trust.
    try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(data.resolve("postgres"))
        .setCleanDataDirectory(false).setServerConfig("listen_addresses", "127.0.0.1").start();
        Connection c = old.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE kept (v text)");
      s.execute("INSERT INTO kept VALUES ('from before')");
    }
    assertThat(EmbeddedPassword.trusts(data.resolve("postgres"))).isTrue();

    try (EmbeddedStore store = EmbeddedStore.start(data, false, 16)) {
      assertThat(EmbeddedPassword.trusts(data.resolve("postgres"))).isFalse();
      assertThatThrownBy(() -> connect(store, "")).isInstanceOf(SQLException.class);
      try (Connection c = connect(store, store.password()); Statement s = c.createStatement();
          var rs = s.executeQuery("SELECT v FROM kept")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("from before");
      }
    }
  }

  @Test
  void aPasswordFileNotWrittenByTollgateIsRefused(@TempDir Path data) throws Exception {
    Path file = data.resolve(EmbeddedPassword.FILE);
    Files.writeString(file, "short\n");
    assertThatThrownBy(() -> EmbeddedPassword.readOrCreate(file)).hasMessageContaining("does not hold a password");
  }
}
