package io.cleanercontext.support;

import io.cleanercontext.Main;
import io.cleanercontext.MainVerticle;
import io.cleanercontext.cleaner.TurnCleaner;
import io.cleanercontext.cleaner.engine.CleaningEngine;
import io.cleanercontext.config.AppConfig;
import io.cleanercontext.telemetry.ProductMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The whole product deployed in a test's Vert.x instance, from the embedded profile with the given
 * overrides: a fresh PostgreSQL database, a random loopback port, and the in-memory queue or Redis
 * with stream keys of its own.
 */
public final class TestApp {
  /** Shards (and queue partitions) of every test deployment. */
  public static final int SHARDS = 2;

  /** Every app started and not yet stopped: {@link StopsLeftoverApps} stops what a test left. */
  private static final Set<TestApp> RUNNING = ConcurrentHashMap.newKeySet();

  private final Vertx vertx;
  private final MainVerticle main;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private volatile boolean sharedByClass;
  private final String deploymentId;
  private final WebClient client;
  private final String databaseUrl;

  private TestApp(Vertx vertx, MainVerticle main, String deploymentId, String databaseUrl) {
    this.vertx = vertx;
    this.main = main;
    this.deploymentId = deploymentId;
    this.databaseUrl = databaseUrl;
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(main.httpPort()));
  }

  /** Config of the embedded profile for tests: fresh database, port 0, small timeouts. */
  public static JsonObject config(String backend) {
    JsonObject json = AppConfig.profileJson("embedded", Map.of());
    json.getJsonObject("http").put("port", 0).put("instances", 2);
    json.getJsonObject("database").put("url", TestDatabase.freshDatabaseUrl());
    JsonObject queue = json.getJsonObject("queue");
    queue
        .put("backend", backend)
        .put("claim_idle_ms", 1000)
        .put("retry_backoff_ms", 50)
        .put("sync_timeout_ms", 10_000);
    if ("redis".equals(backend)) {
      queue
          .put("redis_url", TestRedis.url())
          .put("redis_prefix", "cc:test:" + UUID.randomUUID() + ":")
          .put("allow_memory_fallback", false);
    }
    json.getJsonObject("metrics").put("alert_after_ms", 1000);
    json.getJsonObject("cleaner").put("shards", SHARDS);
    json.getJsonObject("realtime").put("tcp_bridge_port", -1);
    return json;
  }

  /** Turns the TCP event-bus bridge on, on a free loopback port; returns the port. */
  public static int withTcpBridge(JsonObject config) {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      config.getJsonObject("realtime").put("tcp_bridge_port", socket.getLocalPort());
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static Future<TestApp> start(Vertx vertx, JsonObject config) {
    return start(vertx, config, TurnCleaner.of(engine(config)));
  }

  /** The deterministic engine with the configured lexicon. */
  public static CleaningEngine engine(JsonObject config) {
    return new CleaningEngine(Main.lexicon(AppConfig.of(config, configDir())));
  }

  public static Future<TestApp> start(Vertx vertx, JsonObject config, TurnCleaner cleaner) {
    MainVerticle main = new MainVerticle(AppConfig.of(config, configDir()), cleaner);
    return vertx
        .deployVerticle(main)
        .map(
            id -> {
              TestApp app =
                  new TestApp(vertx, main, id, main.effectiveConfig().getString("database_url"));
              RUNNING.add(app);
              return app;
            });
  }

  static Path configDir() {
    return Path.of(System.getProperty("cc.config.dir", "../config"));
  }

  public WebClient client() {
    return client;
  }

  public int port() {
    return main.httpPort();
  }

  public String databaseUrl() {
    return databaseUrl;
  }

  public JsonObject effectiveConfig() {
    return main.effectiveConfig();
  }

  /** The configuration as the app runs it (database URL, queue backend, port resolved). */
  public AppConfig running() {
    return main.running();
  }

  /** The deployment's own meters (each test app has its own, as each process does). */
  public ProductMetrics metrics() {
    return main.metrics();
  }

  /**
   * Undeploys everything, as a clean shutdown would; once (a second call, or one after its Vert.x
   * instance was closed, succeeds at once).
   */
  public Future<Void> stop() {
    if (!stopped.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    RUNNING.remove(this);
    client.close();
    return vertx.deploymentIDs().contains(deploymentId)
        ? vertx.undeploy(deploymentId)
        : Future.succeededFuture();
  }

  /**
   * Marks an app a test method started to replace its class's shared one (a restart): it then
   * outlives the test and is stopped after the class, like an app of {@code @BeforeAll}.
   */
  public TestApp sharedByClass() {
    sharedByClass = true;
    return this;
  }

  boolean isSharedByClass() {
    return sharedByClass;
  }

  static Set<TestApp> runningApps() {
    return Set.copyOf(RUNNING);
  }
}
