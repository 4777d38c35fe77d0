package io.cleanercontext.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL the product runs on: the configured one, or an embedded one when none is
 * configured. Migrations run (Flyway, versioned SQL in {@code db/migration}) before anyone uses it.
 */
public final class Database {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private final PgConnectOptions connectOptions;
  private final EmbeddedDatabase embedded;

  private Database(PgConnectOptions connectOptions, EmbeddedDatabase embedded) {
    this.connectOptions = connectOptions;
    this.embedded = embedded;
  }

  /** Starts the embedded server if needed and migrates the schema (blocking work off the event loop). */
  public static Future<Database> start(Vertx vertx, JsonObject config) {
    return vertx.executeBlocking(() -> {
      String url = config.getString("url");
      EmbeddedDatabase embedded = null;
      if (url == null || url.isBlank()) {
        embedded = EmbeddedDatabase.start(config.getJsonObject("embedded", new JsonObject()));
        url = embedded.url();
      }
      PgConnectOptions options = PgConnectOptions.fromUri(url);
      migrate(options);
      return new Database(options, embedded);
    });
  }

  /** The connection string, e.g. for a second process or a test. */
  public String url() {
    return "postgresql://" + connectOptions.getUser() + "@" + connectOptions.getHost() + ":"
        + connectOptions.getPort() + "/" + connectOptions.getDatabase();
  }

  public boolean isEmbedded() {
    return embedded != null;
  }

  /**
   * A connection pool for one verticle instance; the name labels its metrics (bounded: one per
   * verticle). Statements are prepared once per connection and PostgreSQL may keep a generic plan
   * for them, made from the statistics of that moment (often a nearly empty table): see
   * {@code TurnStore} for why no hot statement leaves such a plan a way to scan the backlog.
   */
  public static Pool pool(Vertx vertx, String url, int size, String name) {
    return pool(PgConnectOptions.fromUri(url), vertx, size, name);
  }

  /**
   * The pool of a verticle that sends the hot path's multi-row statements (ingest, queue
   * workers), whose every statement finds its rows by key: PostgreSQL is told to plan only index
   * lookups and nested loops ({@code enable_seqscan}, {@code enable_hashjoin} and
   * {@code enable_mergejoin} off for these connections). A prepared statement's generic plan is
   * made once, from the table as it is then; for a join with {@code unnest($1)} (assumed ten rows)
   * against a nearly empty {@code turns}, hashing a sequential scan is cheapest, and that plan
   * stayed while the table grew: measured here, 452 sequential scans of {@code turns} in the first
   * three thousand turns, and the queue stopped keeping up (docs/PERFORMANCE.md, fourth round).
   * Planning every execution afresh ({@code plan_cache_mode = force_custom_plan}) also avoids it
   * but cost more PostgreSQL CPU per turn than the multi-row statements saved.
   */
  public static Pool hotPathPool(Vertx vertx, String url, int size, String name) {
    PgConnectOptions options = PgConnectOptions.fromUri(url)
        .addProperty("enable_seqscan", "off")
        .addProperty("enable_hashjoin", "off")
        .addProperty("enable_mergejoin", "off");
    return pool(options, vertx, size, name);
  }

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
    return vertx.executeBlocking(() -> {
      embedded.close();
      return null;
    });
  }

  private static void migrate(PgConnectOptions options) {
    String jdbc = "jdbc:postgresql://" + options.getHost() + ":" + options.getPort() + "/" + options.getDatabase();
    Flyway flyway = Flyway.configure()
        .dataSource(jdbc, options.getUser(), options.getPassword())
        .locations("classpath:db/migration")
        .load();
    int applied = flyway.migrate().migrationsExecuted;
    if (applied > 0) {
      LOG.info("Applied {} database migration(s)", applied);
    }
  }
}
