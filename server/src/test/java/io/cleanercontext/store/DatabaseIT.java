package io.cleanercontext.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cleanercontext.config.DatabaseSettings;
import io.cleanercontext.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How the product's pools reach PostgreSQL: the configured URL as given, or its Unix socket ({@code
 * database.socket_dir}).
 */
@Timeout(60)
class DatabaseIT {
  private final Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void thePoolsGetTheConfiguredUrlWithItsCredentialsAndParameters() {
    String fresh = TestDatabase.freshDatabaseUrl();
    // trust authentication ignores the password; what matters is that the pools are given it
    String url =
        fresh.replaceFirst("://postgres@", "://postgres:s%40cret@")
            + "?application_name=cc-database-it";
    Database db =
        Database.start(vertx, DatabaseSettings.from(new JsonObject().put("url", url))).await();
    assertThat(db.url()).isEqualTo(url);
    Pool pool = Database.pool(vertx, db.url(), 1, "url-" + UUID.randomUUID());
    try {
      assertThat(
              pool.query("SELECT current_setting('application_name') AS name")
                  .execute()
                  .await()
                  .iterator()
                  .next()
                  .getString("name"))
          .isEqualTo("cc-database-it");
    } finally {
      pool.close().await();
    }
  }

  @Test
  void thePoolsConnectOverTheSocketWhileMigrationsKeepTcp() {
    String url = TestDatabase.freshDatabaseUrl();
    List<List<Object>> settings =
        TestDatabase.query(
            url, "SELECT current_setting('unix_socket_directories'), current_setting('port')");
    String socketDir = settings.get(0).get(0).toString().split(",")[0].strip();
    assertThat(vertx.isNativeTransportEnabled())
        .as("native transport on this Linux x86-64 machine")
        .isTrue();
    // A test server in a container may keep its socket out of reach; Debian's and the embedded one
    // do not.
    Assumptions.assumeTrue(
        Files.exists(Path.of(socketDir, ".s.PGSQL." + settings.get(0).get(1))),
        "the test PostgreSQL's Unix socket is not reachable from here");

    Database db =
        Database.start(
                vertx,
                DatabaseSettings.from(
                    new JsonObject().put("url", url).put("socket_dir", socketDir)))
            .await();

    assertThat(
            TestDatabase.query(url, "SELECT count(*) FROM flyway_schema_history WHERE success")
                .get(0)
                .get(0))
        .as("migrated")
        .isNotEqualTo(0L);
    assertThat(db.url()).startsWith(url).endsWith("host=" + socketDir);
    for (Pool pool :
        List.of(
            Database.pool(vertx, db.url(), 1, "socket-" + UUID.randomUUID()),
            Database.hotPathPool(vertx, db.url(), 1, "socket-hot-" + UUID.randomUUID()))) {
      Row row =
          pool.query(
                  "SELECT inet_server_addr() IS NULL AS unix_socket, count(*) AS turns FROM turns")
              .execute()
              .await()
              .iterator()
              .next();
      assertThat(row.getBoolean("unix_socket"))
          .as("inet_server_addr() is NULL only over a Unix socket")
          .isTrue();
      assertThat(row.getLong("turns")).isZero();
      pool.close().await();
    }
  }

  @Test
  void aDirectoryWithoutTheServersSocketStopsStartUpWithItsPath() throws Exception {
    String url = TestDatabase.freshDatabaseUrl();
    Path empty = Files.createTempDirectory("cc-no-socket");
    assertThatThrownBy(
            () ->
                Database.start(
                        vertx,
                        DatabaseSettings.from(
                            new JsonObject().put("url", url).put("socket_dir", empty.toString())))
                    .await())
        .hasMessageContaining("no PostgreSQL socket at " + empty.resolve(".s.PGSQL."));
  }

  @Test
  void withoutTheNativeTransportASocketIsRefusedAtStartUp() {
    Vertx nio = Vertx.vertx();
    try {
      assertThatThrownBy(
              () ->
                  Database.start(
                          nio,
                          DatabaseSettings.from(
                              new JsonObject()
                                  .put("url", "postgresql://postgres@127.0.0.1:5432/test")
                                  .put("socket_dir", "/var/run/postgresql")))
                      .await())
          .hasMessageContaining("database.socket_dir")
          .hasMessageContaining("native transport");
    } finally {
      nio.close().await();
    }
  }
}
