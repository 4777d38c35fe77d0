package io.cleanercontext;

import io.cleanercontext.api.ApiDeployment;
import io.cleanercontext.api.ApiVerticle;
import io.cleanercontext.cleaner.CleanerVerticle;
import io.cleanercontext.cleaner.NodeResults;
import io.cleanercontext.cleaner.TurnCleaner;
import io.cleanercontext.cluster.ShardOwnership;
import io.cleanercontext.config.AppConfig;
import io.cleanercontext.config.DatabaseSettings;
import io.cleanercontext.config.HttpSettings;
import io.cleanercontext.config.QueueSettings;
import io.cleanercontext.config.Roles;
import io.cleanercontext.contract.TurnEvents;
import io.cleanercontext.diagnostics.DiagnosticsVerticle;
import io.cleanercontext.diagnostics.RunSettings;
import io.cleanercontext.ingest.Ingest;
import io.cleanercontext.metrics.MetricsVerticle;
import io.cleanercontext.queue.InMemoryQueueVerticle;
import io.cleanercontext.queue.QueueControlVerticle;
import io.cleanercontext.queue.QueueWorkerVerticle;
import io.cleanercontext.queue.client.JobQueues;
import io.cleanercontext.realtime.RealtimeEndpoints;
import io.cleanercontext.realtime.RealtimeVerticle;
import io.cleanercontext.retention.RetentionVerticle;
import io.cleanercontext.security.ClientLimits;
import io.cleanercontext.security.InternalKey;
import io.cleanercontext.store.Database;
import io.cleanercontext.telemetry.ProductMetrics;
import io.cleanercontext.webhook.WebhookVerticle;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the database, decides the queue backend, then deploys every verticle with its settings
 * records and its instance count. It also builds the few objects the process's verticles share,
 * once per Vert.x instance, and hands them over as constructor arguments: the product's meters, the
 * per-client limits and the internal key of the built-in diagnostics.
 */
public final class MainVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(MainVerticle.class);

  private final AppConfig config;
  private final TurnCleaner cleaner;
  private final InternalKey internalKey = InternalKey.random();
  private ProductMetrics metrics;
  private Database database;
  private AppConfig running;
  private NodeResults results;

  public MainVerticle(AppConfig config, TurnCleaner cleaner) {
    this.config = config;
    this.cleaner = cleaner;
  }

  /** The port the HTTP API listens on, once started (0 before). */
  public int httpPort() {
    return running == null ? 0 : running.http().port();
  }

  /** The process's meters, once started. */
  public ProductMetrics metrics() {
    return metrics;
  }

  /** The configuration as deployed: database URL, effective queue backend, resolved port. */
  public AppConfig running() {
    return running;
  }

  /** {@link #running()} as JSON. */
  public JsonObject effectiveConfig() {
    return running.toJson().put("clustered", vertx.isClustered());
  }

  @Override
  public Future<?> start() {
    long started = System.nanoTime();
    metrics = ProductMetrics.create(config.metrics().percentileWindow());
    TurnEvents.register(vertx); // every node decodes the turn events it receives

    return Database.start(vertx, config.database())
        .compose(
            db -> {
              database = db;
              return chooseQueueBackend();
            })
        .compose(
            queue -> {
              try {
                running =
                    config.running(config.database().withUrl(database.url()), queue, resolvePort());
              } catch (IOException e) {
                return Future.failedFuture(e);
              }
              return deployAll();
            })
        .onSuccess(v -> config.security().logMode(config.http().host()))
        .onSuccess(
            v ->
                LOG.info(
                    "CleanerContext Realtime ready on http://{}:{} in {} ms (profile {}, queue {}, {} shards, roles {}{})",
                    running.http().host(),
                    running.http().port(),
                    (System.nanoTime() - started) / 1_000_000,
                    config.profile(),
                    running.queue().backend(),
                    config.shards(),
                    config.roles().names(),
                    vertx.isClustered() ? ", clustered" : ""));
  }

  @Override
  public Future<?> stop() {
    return (results == null ? Future.<Void>succeededFuture() : results.close())
        .transform(v -> database == null ? Future.succeededFuture() : database.stop(vertx));
  }

  /**
   * Redis when configured and answering its probe; the in-memory queue only when config allows it.
   */
  private Future<QueueSettings> chooseQueueBackend() {
    QueueSettings queue = config.queue();
    if (!queue.redis()) {
      return Future.succeededFuture(queue);
    }
    return JobQueues.open(vertx, queue.withRedisPoolSize(1), config.shards(), metrics)
        .compose(q -> q.probe().eventually(q::close))
        .map(queue)
        .recover(
            e -> {
              // In a cluster the in-memory queue would be one per node: never fall back to it
              // there.
              if (queue.allowMemoryFallback() && !vertx.isClustered()) {
                LOG.warn(
                    "Redis at {} is unreachable ({}); using the in-memory queue as configured",
                    queue.redisUrl(),
                    e.getMessage());
                return Future.succeededFuture(queue.onMemory());
              }
              return Future.failedFuture(
                  "Redis at "
                      + queue.redisUrl()
                      + " is unreachable ("
                      + e.getMessage()
                      + ") and queue.allow_memory_fallback is false");
            });
  }

  /** Every API instance must share one port, so a free port (port 0) is picked once. */
  private HttpSettings resolvePort() throws IOException {
    HttpSettings http = config.http();
    if (http.port() != 0) {
      return http;
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(http.host(), 0));
      return http.withPort(socket.getLocalPort());
    }
  }

  /**
   * Deploys what this node's roles ask for, each verticle constructed with the settings records it
   * uses. Single node: one cleaner per shard and the queue workers over all partitions. Clustered:
   * {@link ShardOwnership} runs the cleaner and the only reader of each partition for the shards
   * this node holds the lock of.
   */
  private Future<Void> deployAll() {
    int shards = config.shards();
    Roles roles = config.roles();
    QueueSettings queue = running.queue();
    DatabaseSettings db = running.database();
    boolean api = roles.has("api");
    // Only a node serving clients counts them (and opens Redis counters for that).
    ClientLimits limits =
        api || roles.has("realtime") ? ClientLimits.create(vertx, config.security(), queue) : null;
    List<Future<String>> deployments = new ArrayList<>();
    // The in-memory queue is one verticle of this process, deployed before its clients.
    Future<String> memoryQueue =
        !queue.redis()
            ? vertx.deployVerticle(new InMemoryQueueVerticle(shards))
            : Future.succeededFuture();
    boolean staticShards = roles.runsShards() && !vertx.isClustered();
    results = roles.runsShards() ? new NodeResults(vertx, db, metrics) : null;
    // The node's one producer of queue jobs, opened by the first API instance to start.
    Ingest.Shared ingest = new Ingest.Shared();
    OwnedShards owned =
        new OwnedShards(vertx, config.cleaner(), queue, db, shards, cleaner, results, metrics);
    if (staticShards) {
      for (int shard = 0; shard < shards; shard++) {
        deployments.add(
            vertx.deployVerticle(
                new CleanerVerticle(config.cleaner(), queue, db, shard, cleaner, results, metrics),
                CleanerVerticle.deployment(shard)));
      }
    }
    if (roles.has("metrics")) {
      deployments.add(vertx.deployVerticle(new MetricsVerticle(config.metrics(), metrics)));
    }
    // Every node sweeps; the store's advisory lock lets one at a time delete (ARCHITECTURE.md).
    deployments.add(vertx.deployVerticle(new RetentionVerticle(db, metrics, 60_000, 500, 20)));
    Future<Void> core = memoryQueue.compose(q -> Future.all(deployments)).mapEmpty();
    return core.compose(
            v -> {
              if (staticShards) {
                int workers = queue.workerInstances();
                return deployEach(
                    workers, i -> new QueueWorkerVerticle(queue, db, i, workers, shards, metrics));
              }
              if (roles.runsShards()) {
                long every = config.cluster().acquireIntervalMs();
                return vertx
                    .deployVerticle(new ShardOwnership(shards, every, owned))
                    .<Void>mapEmpty();
              }
              return Future.<Void>succeededFuture();
            })
        .compose(
            v ->
                !roles.runsShards()
                    ? Future.<Void>succeededFuture()
                    : vertx
                        .deployVerticle(new QueueControlVerticle(queue, shards, metrics))
                        .<Void>mapEmpty())
        .compose(
            v ->
                !roles.has("realtime")
                    ? Future.<Void>succeededFuture()
                    : vertx
                        .deployVerticle(
                            new RealtimeVerticle(
                                config.realtime(),
                                running.http().host(),
                                config.security(),
                                db,
                                internalKey,
                                limits.bridgeConnections()))
                        .<Void>mapEmpty())
        .compose(
            v ->
                !api
                    ? Future.<Void>succeededFuture()
                    : deployEach(
                        running.http().instances(),
                        i ->
                            new ApiVerticle(
                                ApiDeployment.of(running),
                                shards,
                                limits,
                                internalKey,
                                new RealtimeEndpoints(
                                    config.realtime(),
                                    config.security(),
                                    metrics,
                                    limits.webSockets()),
                                metrics,
                                ingest)))
        .compose(
            v ->
                !api
                    ? Future.<Void>succeededFuture()
                    : vertx
                        .deployVerticle(
                            new DiagnosticsVerticle(RunSettings.of(running), internalKey, metrics))
                        .<Void>mapEmpty())
        .compose(
            v ->
                !config.webhooks().enabled()
                    ? Future.<Void>succeededFuture()
                    : vertx
                        .deployVerticle(new WebhookVerticle(config.webhooks(), db))
                        .<Void>mapEmpty());
  }

  private Future<Void> deployEach(int count, IntFunction<VerticleBase> factory) {
    List<Future<String>> all = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      all.add(vertx.deployVerticle(factory.apply(i)));
    }
    return Future.all(all).mapEmpty();
  }
}
