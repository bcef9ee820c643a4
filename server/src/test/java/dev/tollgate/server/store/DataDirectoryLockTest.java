package dev.tollgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryLockTest {

  @Test
  void refusesASecondHolderWithAMessageNamingTheDirectory(@TempDir Path dir) throws Exception {
    try (DataDirectoryLock first = DataDirectoryLock.acquire(dir)) {
      assertThat(first).isNotNull();
      assertThatThrownBy(() -> DataDirectoryLock.acquire(dir))
          .isInstanceOf(DataDirectoryLock.DataDirectoryInUseException.class)
          .hasMessageContaining(dir.toAbsolutePath().toString())
          .hasMessageContaining("in use by another Tollgate server")
          .hasMessageContaining("pid " + ProcessHandle.current().pid());
    }
  }

  @Test
  void isFreeAgainOnceReleased(@TempDir Path dir) throws Exception {
    DataDirectoryLock.acquire(dir).close();
    try (DataDirectoryLock again = DataDirectoryLock.acquire(dir)) {
      assertThat(again).isNotNull();
    }
  }

  @Test
  void findsNoPostmasterWhereNoneRan(@TempDir Path dir) throws Exception {
    assertThat(EmbeddedStore.postmasterOf(dir)).isEmpty();
  }

  @Test
  void ignoresAStalePidFileOfAProcessThatIsNotPostgres(@TempDir Path dir) throws Exception {
    // Our own pid is alive but is a java process, not a postmaster: it must never be signalled.
    java.nio.file.Files.writeString(dir.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n" + dir + "\n");
    assertThat(EmbeddedStore.postmasterOf(dir)).isEmpty();
  }
}
