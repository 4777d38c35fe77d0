package io.cleanercontext.api;

import io.cleanercontext.contract.Addresses;
import io.cleanercontext.security.Scope;
import io.cleanercontext.security.SecurityHeaders;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Health, metrics, the OpenAPI document and its rendering. */
final class SystemRoutes {
  private static final DeliveryOptions CHECK = new DeliveryOptions().setSendTimeout(2_000);

  private final Vertx vertx;
  private final Pool pool;
  private final int shards;
  private final Buffer openApi;
  private final Buffer docsPage;
  private final String prometheusPath;
  private final String docsPolicy;

  SystemRoutes(Vertx vertx, Pool pool, int shards, String prometheusPath) {
    this.prometheusPath = prometheusPath;
    this.vertx = vertx;
    this.pool = pool;
    this.shards = shards;
    this.openApi = resource("/openapi.json");
    this.docsPage = resource("/docs.html");
    this.docsPolicy =
        SecurityHeaders.CSP.replace(
            "script-src 'self'", "script-src 'self' " + inlineScriptHashes(docsPage.toString()));
  }

  /** Routes under /api/v1. */
  void mountApi(Router api) {
    api.get("/metrics/snapshot").handler(Access.require(Scope.READ)).handler(this::snapshot);
  }

  void mount(Router router) {
    HealthChecks readiness = HealthChecks.create(vertx);
    readiness.register("database", 3_000, this::databaseCheck);
    readiness.register("queue", 3_000, this::queueCheck);
    readiness.register("cleaner-shards", 3_000, this::shardsCheck);
    HealthChecks liveness = HealthChecks.create(vertx);
    liveness.register("event-loop", promise -> promise.complete(Status.OK()));
    router.get("/health").handler(HealthCheckHandler.createWithHealthChecks(readiness));
    router.get("/health/ready").handler(HealthCheckHandler.createWithHealthChecks(readiness));
    router.get("/health/live").handler(HealthCheckHandler.createWithHealthChecks(liveness));
    router.get(prometheusPath).handler(PrometheusScrapingHandler.create());
    router
        .get("/openapi.json")
        .handler(ctx -> ctx.response().putHeader("Content-Type", "application/json").end(openApi));
    router
        .get("/docs")
        .handler(
            ctx -> {
              SecurityHeaders.apply(ctx.response().headers(), docsPolicy);
              ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(docsPage);
            });
  }

  private void databaseCheck(Promise<Status> promise) {
    long start = System.nanoTime();
    pool.query("SELECT 1")
        .execute()
        .onSuccess(rows -> promise.complete(Status.OK(latency(start))))
        .onFailure(e -> promise.complete(Status.KO(latency(start).put("error", e.getMessage()))));
  }

  private void queueCheck(Promise<Status> promise) {
    long start = System.nanoTime();
    vertx
        .eventBus()
        .<JsonObject>request(Addresses.QUEUE_STATUS, new JsonObject(), CHECK)
        .onSuccess(
            reply -> {
              JsonObject status = reply.body();
              JsonObject data =
                  latency(start)
                      .put("backend", status.getString("backend"))
                      .put("running", status.getBoolean("running"))
                      .put("workers", status.getInteger("workers"))
                      .put("length", status.getLong("length"));
              // Stopped workers are an operator's choice, not a fault: the queue is still
              // reachable.
              promise.complete(Status.OK(data));
            })
        .onFailure(e -> promise.complete(Status.KO(latency(start).put("error", e.getMessage()))));
  }

  private void shardsCheck(Promise<Status> promise) {
    long start = System.nanoTime();
    // A ping: a shard answers any body that is not a job.
    JsonObject empty = new JsonObject();
    List<Future<?>> pings = new ArrayList<>();
    for (int shard = 0; shard < shards; shard++) {
      pings.add(vertx.eventBus().request(Addresses.cleanerShard(shard), empty, CHECK));
    }
    Future.all(pings)
        .onSuccess(v -> promise.complete(Status.OK(latency(start).put("shards", shards))))
        .onFailure(
            e ->
                promise.complete(
                    Status.KO(latency(start).put("shards", shards).put("error", e.getMessage()))));
  }

  private void snapshot(RoutingContext ctx) {
    vertx
        .eventBus()
        .<JsonObject>request(Addresses.METRICS_QUERY, new JsonObject(), CHECK)
        .onSuccess(reply -> Responses.json(ctx, reply.body()))
        .onFailure(ctx::fail);
  }

  /**
   * CSP hashes of a page's inline scripts, so the page runs without allowing inline scripts in
   * general.
   */
  static String inlineScriptHashes(String html) {
    StringBuilder hashes = new StringBuilder();
    Matcher m = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(html);
    while (m.find()) {
      try {
        byte[] digest =
            MessageDigest.getInstance("SHA-256")
                .digest(m.group(1).getBytes(StandardCharsets.UTF_8));
        hashes.append(" 'sha256-").append(Base64.getEncoder().encodeToString(digest)).append("'");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    return hashes.toString().strip();
  }

  private static JsonObject latency(long startNanos) {
    return new JsonObject().put("latency_ms", (System.nanoTime() - startNanos) / 1e6);
  }

  private static Buffer resource(String name) {
    try (InputStream in = SystemRoutes.class.getResourceAsStream(name)) {
      return in == null ? Buffer.buffer("{}") : Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + name, e);
    }
  }
}
