package io.cleanercontext;

import io.cleanercontext.api.ApiVerticle;
import io.cleanercontext.cleaner.CleanerVerticle;
import io.cleanercontext.cleaner.TurnCleaner;
import io.cleanercontext.cluster.ShardOwnership;
import io.cleanercontext.config.AppConfig;
import io.cleanercontext.config.SecuritySettings;
import io.cleanercontext.diagnostics.DiagnosticsVerticle;
import io.cleanercontext.ingest.IngestVerticle;
import io.cleanercontext.metrics.MetricsVerticle;
import io.cleanercontext.queue.InMemoryQueueVerticle;
import io.cleanercontext.queue.QueueControlVerticle;
import io.cleanercontext.queue.QueueWorkerVerticle;
import io.cleanercontext.queue.client.JobQueues;
import io.cleanercontext.realtime.RealtimeEndpoints;
import io.cleanercontext.realtime.RealtimeVerticle;
import io.cleanercontext.security.ClientLimits;
import io.cleanercontext.security.InternalKey;
import io.cleanercontext.store.Database;
import io.cleanercontext.telemetry.ProductMetrics;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the database, decides the queue backend, then deploys every verticle with its slice of the
 * configuration and its instance count. It also builds the few objects the process's verticles
 * share, once per Vert.x instance, and hands them over as constructor arguments: the product's
 * meters, the per-client limits and the internal key of the built-in diagnostics.
 */
public final class MainVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(MainVerticle.class);

  private static final DeploymentOptions WORKER =
      new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER);

  private final AppConfig config;
  private final TurnCleaner cleaner;
  private final InternalKey internalKey = InternalKey.random();
  private ProductMetrics metrics;
  private Database database;
  private JsonObject effective;
  private int httpPort;

  public MainVerticle(AppConfig config, TurnCleaner cleaner) {
    this.config = config;
    this.cleaner = cleaner;
  }

  /** The port the HTTP API listens on, once started. */
  public int httpPort() {
    return httpPort;
  }

  /** The process's meters, once started. */
  public ProductMetrics metrics() {
    return metrics;
  }

  /** The configuration as deployed: database URL, effective queue backend, resolved port. */
  public JsonObject effectiveConfig() {
    return effective;
  }

  @Override
  public Future<?> start() {
    long started = System.nanoTime();
    effective = config.json().copy();
    effective.getJsonObject("cleaner").put("shards", config.shards());
    effective.getJsonObject("http").put("instances", config.httpInstances());
    metrics =
        ProductMetrics.create(
            java.time.Duration.ofSeconds(
                effective.getJsonObject("metrics").getLong("percentile_window_seconds", 60L)));
    return Database.start(vertx, config.slice("database"))
        .compose(
            db -> {
              database = db;
              effective.put("database_url", db.url());
              return chooseQueueBackend();
            })
        .compose(v -> resolvePort())
        .compose(v -> deployAll())
        .onSuccess(v -> SecuritySettings.logMode(effective))
        .onSuccess(
            v ->
                LOG.info(
                    "CleanerContext Realtime ready on http://{}:{} in {} ms (profile {}, queue {}, {} shards, roles {}{})",
                    effective.getJsonObject("http").getString("host"),
                    httpPort,
                    (System.nanoTime() - started) / 1_000_000,
                    config.profile(),
                    effective.getJsonObject("queue").getString("backend"),
                    config.shards(),
                    config.roles(),
                    vertx.isClustered() ? ", clustered" : ""));
  }

  @Override
  public Future<?> stop() {
    return database == null ? Future.succeededFuture() : database.stop(vertx);
  }

  /**
   * Redis when configured and answering its probe; the in-memory queue only when config allows it.
   */
  private Future<Void> chooseQueueBackend() {
    JsonObject queue = effective.getJsonObject("queue");
    if (!"redis".equals(queue.getString("backend"))) {
      return Future.succeededFuture();
    }
    String url = queue.getString("redis_url");
    return JobQueues.open(vertx, queue.copy().put("redis_pool_size", 1), config.shards(), metrics)
        .compose(q -> q.probe().eventually(q::close))
        .<Void>mapEmpty()
        .recover(
            e -> {
              // In a cluster the in-memory queue would be one per node: never fall back to it
              // there.
              if (queue.getBoolean("allow_memory_fallback", false) && !vertx.isClustered()) {
                LOG.warn(
                    "Redis at {} is unreachable ({}); using the in-memory queue as configured",
                    url,
                    e.getMessage());
                queue.put("backend", "memory");
                return Future.succeededFuture();
              }
              return Future.failedFuture(
                  "Redis at "
                      + url
                      + " is unreachable ("
                      + e.getMessage()
                      + ") and queue.allow_memory_fallback is false");
            });
  }

  private Future<Void> resolvePort() {
    JsonObject http = effective.getJsonObject("http");
    httpPort = http.getInteger("port");
    if (httpPort == 0) {
      // Every API instance must share one port, so pick the free port once.
      try (ServerSocket socket = new ServerSocket()) {
        socket.bind(new InetSocketAddress(http.getString("host"), 0));
        httpPort = socket.getLocalPort();
      } catch (IOException e) {
        return Future.failedFuture(e);
      }
      http.put("port", httpPort);
    }
    return Future.succeededFuture();
  }

  /**
   * Deploys what this node's roles ask for. Single node: one cleaner per shard and the queue
   * workers over all partitions. Clustered: {@link ShardOwnership} runs the cleaner and the only
   * reader of each partition for the shards this node holds the lock of.
   */
  private Future<Void> deployAll() {
    int shards = config.shards();
    JsonObject pipeline =
        new JsonObject()
            .put("database_url", effective.getString("database_url"))
            .put(
                "pool_size",
                Math.max(2, effective.getJsonObject("database").getInteger("pool_size") / 2))
            .put(
                "batches_in_flight",
                effective.getJsonObject("database").getInteger("batches_in_flight", 1))
            .put(
                "result_batches_in_flight",
                effective.getJsonObject("database").getInteger("result_batches_in_flight", 2))
            .put("queue", effective.getJsonObject("queue"))
            .put("cleaner", effective.getJsonObject("cleaner"));
    effective
        .put("roles", new io.vertx.core.json.JsonArray(List.copyOf(config.roles())))
        .put("clustered", vertx.isClustered());
    boolean api = config.hasRole("api");
    // Only a node serving clients counts them (and opens Redis counters for that).
    ClientLimits limits =
        api || config.hasRole("realtime") ? ClientLimits.create(vertx, effective) : null;
    List<Future<String>> deployments = new ArrayList<>();
    // The in-memory queue is one verticle of this process, deployed before its clients.
    Future<String> memoryQueue =
        "memory".equals(effective.getJsonObject("queue").getString("backend"))
            ? vertx.deployVerticle(new InMemoryQueueVerticle(shards))
            : Future.succeededFuture();
    boolean staticShards = config.runsShards() && !vertx.isClustered();
    if (staticShards) {
      for (int shard = 0; shard < shards; shard++) {
        deployments.add(
            vertx.deployVerticle(new CleanerVerticle(pipeline, shard, cleaner), WORKER));
      }
    }
    if (config.hasRole("metrics")) {
      deployments.add(
          vertx.deployVerticle(new MetricsVerticle(effective.getJsonObject("metrics"), metrics)));
    }
    Future<Void> core = memoryQueue.compose(q -> Future.all(deployments)).mapEmpty();
    return core.compose(
            v ->
                !api
                    ? Future.<Void>succeededFuture()
                    : deployEach(
                        effective.getJsonObject("queue").getInteger("ingest_instances", 1),
                        i -> new IngestVerticle(pipeline, shards, metrics)))
        .compose(
            v -> {
              if (staticShards) {
                int workers = effective.getJsonObject("queue").getInteger("worker_instances", 1);
                return deployEach(
                    workers, i -> new QueueWorkerVerticle(pipeline, i, workers, shards, metrics));
              }
              if (config.runsShards()) {
                long every = config.cluster().getLong("acquire_interval_ms", 1000L);
                return vertx
                    .deployVerticle(
                        new ShardOwnership(
                            shards,
                            every,
                            new OwnedShards(vertx, pipeline, shards, cleaner, metrics)))
                    .<Void>mapEmpty();
              }
              return Future.<Void>succeededFuture();
            })
        .compose(
            v ->
                !config.runsShards()
                    ? Future.<Void>succeededFuture()
                    : vertx
                        .deployVerticle(
                            new QueueControlVerticle(
                                effective.getJsonObject("queue"), shards, metrics))
                        .<Void>mapEmpty())
        .compose(
            v ->
                !config.hasRole("realtime")
                    ? Future.<Void>succeededFuture()
                    : vertx
                        .deployVerticle(
                            new RealtimeVerticle(
                                effective
                                    .getJsonObject("realtime")
                                    .copy()
                                    .put("host", effective.getJsonObject("http").getString("host"))
                                    .put("security", effective.getJsonObject("security"))
                                    .put("database_url", effective.getString("database_url")),
                                internalKey,
                                limits.bridgeConnections()))
                        .<Void>mapEmpty())
        .compose(
            v ->
                !api
                    ? Future.<Void>succeededFuture()
                    : deployEach(
                        effective.getJsonObject("http").getInteger("instances", 1),
                        i ->
                            new ApiVerticle(
                                effective,
                                shards,
                                limits,
                                internalKey,
                                new RealtimeEndpoints(effective, metrics, limits.webSockets()))))
        .compose(
            v ->
                !api
                    ? Future.<Void>succeededFuture()
                    : vertx
                        .deployVerticle(new DiagnosticsVerticle(effective, internalKey))
                        .<Void>mapEmpty());
  }

  private Future<Void> deployEach(int count, java.util.function.IntFunction<VerticleBase> factory) {
    java.util.List<Future<String>> all = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      all.add(vertx.deployVerticle(factory.apply(i)));
    }
    return Future.all(all).mapEmpty();
  }
}
