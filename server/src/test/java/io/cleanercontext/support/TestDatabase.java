package io.cleanercontext.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A real PostgreSQL for integration tests: the one named by {@code CC_TEST_PG_URL}, else an
 * embedded one started once per test JVM from Maven-shipped binaries. Each caller gets a fresh
 * database of its own, so tests never see each other's rows.
 */
public final class TestDatabase {
  private static String serverUrl;
  private static EmbeddedPostgres embedded;

  private TestDatabase() {}

  /** A new, empty database: {@code postgresql://user@host:port/cc_test_xxx}. */
  public static synchronized String freshDatabaseUrl() {
    String server = serverUrl();
    String name = "cc_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = DriverManager.getConnection(jdbc(server, "postgres"));
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database on " + server, e);
    }
    return server.substring(0, server.lastIndexOf('/') + 1) + name;
  }

  /** Runs SQL against a test database (inspection in assertions). */
  public static java.util.List<java.util.List<Object>> query(String url, String sql) {
    try (Connection c = DriverManager.getConnection(jdbc(url, null));
        Statement s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      java.util.List<java.util.List<Object>> rows = new java.util.ArrayList<>();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        java.util.List<Object> row = new java.util.ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String serverUrl() {
    if (serverUrl != null) {
      return serverUrl;
    }
    String given = System.getenv("CC_TEST_PG_URL");
    if (given != null && !given.isBlank() && answers(given)) {
      serverUrl = given;
      return serverUrl;
    }
    try {
      embedded =
          EmbeddedPostgres.builder()
              .setDataDirectory(Files.createTempDirectory("cc-test-pg"))
              .setCleanDataDirectory(true)
              .start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      embedded.close();
                    } catch (IOException ignored) {
                      // the JVM is going away
                    }
                  }));
      serverUrl = "postgresql://postgres@127.0.0.1:" + embedded.getPort() + "/postgres";
      return serverUrl;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start embedded PostgreSQL", e);
    }
  }

  private static boolean answers(String url) {
    try (Connection c = DriverManager.getConnection(jdbc(url, null))) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  /** postgresql://user[:pw]@host:port/db -> a JDBC URL (optionally for another database). */
  public static String jdbc(String url, String database) {
    String rest = url.substring(url.indexOf("://") + 3);
    String user = "postgres";
    String password = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      String cred = rest.substring(0, at);
      rest = rest.substring(at + 1);
      int colon = cred.indexOf(':');
      user = colon >= 0 ? cred.substring(0, colon) : cred;
      password = colon >= 0 ? cred.substring(colon + 1) : null;
    }
    String hostPort = rest.substring(0, rest.indexOf('/'));
    String db = database != null ? database : rest.substring(rest.indexOf('/') + 1);
    return "jdbc:postgresql://"
        + hostPort
        + "/"
        + db
        + "?user="
        + user
        + (password == null ? "" : "&password=" + password);
  }
}
