package io.cleanercontext.store;

import io.cleanercontext.config.DatabaseSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL the product runs on: the configured one, or an embedded one when none is
 * configured. Migrations run (Flyway, versioned SQL in {@code db/migration}) before anyone uses it.
 */
public final class Database {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private final String poolUrl;
  private final EmbeddedDatabase embedded;

  private Database(String poolUrl, EmbeddedDatabase embedded) {
    this.poolUrl = poolUrl;
    this.embedded = embedded;
  }

  /**
   * Starts the embedded server if needed and migrates the schema (blocking work off the event
   * loop). With {@code socket_dir} set, the connection pools reach PostgreSQL over its Unix-domain
   * socket in that directory instead of loopback TCP (same machine only; it needs the native
   * transport): less server CPU per turn (docs/PERFORMANCE.md, fifth round). Migrations keep the
   * TCP URL, since JDBC has no Unix sockets of its own.
   */
  public static Future<Database> start(Vertx vertx, DatabaseSettings config) {
    String socketDir = config.socketDir();
    boolean viaSocket = socketDir != null;
    if (viaSocket && !vertx.isNativeTransportEnabled()) {
      return Future.failedFuture(
          new IllegalStateException(
              "database.socket_dir (CC_PG_SOCKET_DIR) needs the native "
                  + "transport (Linux epoll), which is not available here: "
                  + vertx.unavailableNativeTransportCause()));
    }
    return vertx.executeBlocking(
        () -> {
          String url = config.url();
          EmbeddedDatabase embedded = null;
          if (url == null) {
            embedded = EmbeddedDatabase.start(config.embeddedDataDir(), config.embeddedPort());
            url = embedded.url();
          }
          PgConnectOptions options = PgConnectOptions.fromUri(url);
          if (options.isUsingDomainSocket()) {
            throw new IllegalStateException(
                "database.url names a Unix socket (host="
                    + options.getHost()
                    + "): keep "
                    + "database.url on TCP for the migrations and set database.socket_dir (CC_PG_SOCKET_DIR) for the pools");
          }
          String poolUrl = viaSocket ? socketUrl(url, options.getPort(), socketDir) : url;
          migrate(options);
          return new Database(poolUrl, embedded);
        });
  }

  /**
   * The URL with libpq's {@code host=} parameter naming the socket directory, which must hold the
   * server's socket.
   */
  private static String socketUrl(String url, int port, String socketDir) {
    Path socket = Path.of(socketDir, ".s.PGSQL." + port);
    if (!Files.exists(socket)) {
      throw new IllegalStateException(
          "database.socket_dir (CC_PG_SOCKET_DIR): no PostgreSQL socket at " + socket);
    }
    LOG.info("Connection pools reach PostgreSQL over the Unix socket {}", socket);
    return url + (url.contains("?") ? "&" : "?") + "host=" + socketDir;
  }

  /**
   * The connection string the product's pools use, as configured (credentials and parameters
   * included), with the socket directory when one is set.
   */
  public String url() {
    return poolUrl;
  }

  public boolean isEmbedded() {
    return embedded != null;
  }

  /**
   * A connection pool for one verticle instance; the name labels its metrics (bounded: one per
   * verticle). Statements are prepared once per connection and PostgreSQL may keep a generic plan
   * for them, made from the statistics of that moment (often a nearly empty table): see {@code
   * PendingTurns} for why no hot statement leaves such a plan a way to scan the backlog.
   */
  public static Pool pool(Vertx vertx, String url, int size, String name) {
    return pool(PgConnectOptions.fromUri(url), vertx, size, name);
  }

  /**
   * The pool of a verticle that sends the hot path's multi-row statements (ingest, queue workers),
   * whose every statement finds its rows by key: PostgreSQL is told to plan only index lookups and
   * nested loops ({@code enable_seqscan}, {@code enable_hashjoin} and {@code enable_mergejoin} off
   * for these connections). A prepared statement's generic plan is made once, from the table as it
   * is then; for a join with {@code unnest($1)} (assumed ten rows) against a nearly empty {@code
   * turns}, hashing a sequential scan is cheapest, and that plan stayed while the table grew:
   * sequential scans of {@code turns} in every execution, and the queue stopped keeping up
   * (docs/PERFORMANCE.md, fourth round). Planning every execution afresh ({@code plan_cache_mode =
   * force_custom_plan}) also avoids it but cost more PostgreSQL CPU per turn than the multi-row
   * statements saved.
   */
  public static Pool hotPathPool(Vertx vertx, String url, int size, String name) {
    PgConnectOptions options = PgConnectOptions.fromUri(url);
    HOT_PATH_PLANNER.forEach(options::addProperty);
    return pool(options, vertx, size, name);
  }

  /** The planner settings of {@link #hotPathPool}'s connections. */
  static final Map<String, String> HOT_PATH_PLANNER =
      Map.of("enable_seqscan", "off", "enable_hashjoin", "off", "enable_mergejoin", "off");

  private static Pool pool(PgConnectOptions options, Vertx vertx, int size, String name) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(size).setName(name).setShared(false))
        .connectingTo(options.setCachePreparedStatements(true).setPipeliningLimit(64))
        .using(vertx)
        .build();
  }

  public Future<Void> stop(Vertx vertx) {
    if (embedded == null) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(
        () -> {
          embedded.close();
          return null;
        });
  }

  private static void migrate(PgConnectOptions options) {
    String jdbc =
        "jdbc:postgresql://"
            + options.getHost()
            + ":"
            + options.getPort()
            + "/"
            + options.getDatabase();
    Flyway flyway =
        Flyway.configure()
            .dataSource(jdbc, options.getUser(), options.getPassword())
            .locations("classpath:db/migration")
            // Features own version ranges (V10-V19 privacy, V20 webhooks, V30 integrations...), so
            // a
            // database already past V30 must still take a V11 that lands later.
            .outOfOrder(true)
            .load();
    int applied = flyway.migrate().migrationsExecuted;
    if (applied > 0) {
      LOG.info("Applied {} database migration(s)", applied);
    }
  }
}
