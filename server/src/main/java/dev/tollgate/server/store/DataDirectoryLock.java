package dev.tollgate.server.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive OS lock on {@code <dataDir>/tollgate.lock}, held for the life of the server. A
 * second server on the same directory fails at once with a clear message instead of starting a
 * second PostgreSQL on the same files. The OS drops the lock when the process dies, even by
 * {@code kill -9}, so a crash never leaves a stale lock behind.
 */
public final class DataDirectoryLock implements AutoCloseable {
  static final String FILE_NAME = "tollgate.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  public static DataDirectoryLock acquire(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    Path file = dataDir.resolve(FILE_NAME);
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException sameProcess) {
      lock = null; // held by this very JVM: in use all the same
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
      channel.close();
      throw new DataDirectoryInUseException(
          "The data directory " + dataDir.toAbsolutePath() + " is in use by another Tollgate server"
              + (holder.isEmpty() ? "" : " (" + holder + ")")
              + ". Stop that server, or set TOLLGATE_DATA_DIR to another directory.");
    }
    channel.truncate(0);
    channel.write(
        java.nio.ByteBuffer.wrap(("pid " + ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
    channel.force(true);
    return new DataDirectoryLock(channel, lock);
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }

  /** Thrown when another live process holds the lock. */
  public static final class DataDirectoryInUseException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    DataDirectoryInUseException(String message) {
      super(message);
    }
  }
}
