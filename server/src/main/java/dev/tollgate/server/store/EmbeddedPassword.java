package dev.tollgate.server.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The embedded PostgreSQL's superuser password. The binaries' {@code initdb} trusts every local
 * connection, so any process on the machine could have connected to 127.0.0.1 and rewritten
 * balances. Tollgate keeps a random password in {@code <dataDir>/postgres-password} (owner-only)
 * and makes PostgreSQL require it for every connection (scram-sha-256, socket and TCP); a data
 * directory created by an older Tollgate is switched over on its first start.
 */
final class EmbeddedPassword {
  static final String FILE = "postgres-password";
  /** 32 characters of 62: 190 bits, and no quoting needed in SQL. */
  static final int LENGTH = 32;
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Every connection, local socket or loopback, must present the password. */
  static final String PG_HBA = """
      # Written by Tollgate (store/EmbeddedPassword): every connection needs the password kept in
      # the data directory's postgres-password file.
      local   all           all                   scram-sha-256
      host    all           all   127.0.0.1/32    scram-sha-256
      host    all           all   ::1/128         scram-sha-256
      local   replication   all                   scram-sha-256
      host    replication   all   127.0.0.1/32    scram-sha-256
      host    replication   all   ::1/128         scram-sha-256
      """;

  private EmbeddedPassword() {}

  /** The password in {@code file}, first written there (owner read/write only) when absent. */
  static String readOrCreate(Path file) throws IOException {
    if (Files.exists(file)) {
      String password = Files.readString(file, StandardCharsets.UTF_8).trim();
      if (password.length() != LENGTH || !password.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
        throw new IOException(file + " does not hold a password written by Tollgate; remove it only with the data");
      }
      return password;
    }
    StringBuilder password = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    Path fresh = file.resolveSibling(file.getFileName() + ".new");
    Files.deleteIfExists(fresh);
    Files.createFile(fresh, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(fresh, password + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    Files.move(fresh, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return password.toString();
  }

  /** Whether {@code pg_hba.conf} still lets anyone in without a password. */
  static boolean trusts(Path pgData) throws IOException {
    List<String> lines = Files.readAllLines(pgData.resolve("pg_hba.conf"), StandardCharsets.UTF_8);
    return lines.stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .anyMatch(l -> l.matches(".*\\btrust\\b.*"));
  }

  /**
   * Switches a running server whose {@code pg_hba.conf} trusts connections (a data directory from
   * before this class) to the password: sets it while still trusted, then rewrites the rules and
   * reloads them.
   */
  static void require(Path pgData, String jdbcUrl, String user, String password) throws IOException {
    if (!trusts(pgData)) {
      return;
    }
    try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
        Statement s = c.createStatement()) {
      s.execute("ALTER ROLE " + user + " PASSWORD '" + password + "'");
      Files.writeString(pgData.resolve("pg_hba.conf"), PG_HBA, StandardCharsets.UTF_8);
      s.execute("SELECT pg_reload_conf()");
    } catch (SQLException e) {
      throw new IOException("could not set the embedded PostgreSQL's password", e);
    }
  }
}
