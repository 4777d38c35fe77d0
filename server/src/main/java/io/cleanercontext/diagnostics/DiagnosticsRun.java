package io.cleanercontext.diagnostics;

import io.cleanercontext.contract.Addresses;
import io.cleanercontext.security.Authenticator;
import io.cleanercontext.security.InternalKey;
import io.cleanercontext.security.Principal;
import io.cleanercontext.store.Database;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.WebClientSession;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * One run of the diagnostics suite, driven through the product's own public interfaces (HTTP and
 * WebSocket on its own port) inside a scratch conversation that is deleted at the end, so it
 * measures what a client would see and leaves nothing behind.
 */
final class DiagnosticsRun {
  /** Known noisy user turns and what must be gone from / kept in their cleaned text. */
  private static final List<String[]> NOISY_TURNS =
      List.of(
          new String[] {
            "um so we we mostly run ads on Google <noise>",
            "<noise>",
            "so we mostly run ads on Google"
          },
          new String[] {"Yes, I can hear you clearly.", "", "Yes, I can hear you clearly."},
          new String[] {
            "Mostly PPC on Google.C on Google. <noise>", "<noise>", "Mostly PPC on Google."
          });

  private final Vertx vertx;
  private final JsonObject config;
  private final WebClient http;

  /**
   * The run's own token (internal key, tenant "diagnostics"): with auth on it goes through the same
   * checks as anyone.
   */
  private final String token;

  private final String id = UUID.randomUUID().toString();
  private final List<Scenario> scenarios = new ArrayList<>();
  private String conversationId;
  private long deadline;

  DiagnosticsRun(Vertx vertx, JsonObject config, InternalKey internalKey) {
    this.vertx = vertx;
    this.config = config;
    JsonObject httpConfig = config.getJsonObject("http");
    this.token =
        Authenticator.internalToken(
            vertx,
            internalKey,
            "diagnostics",
            java.util.Set.of(Principal.READ, Principal.WRITE),
            300);
    this.http =
        WebClientSession.create(
                WebClient.create(
                    vertx,
                    new WebClientOptions()
                        .setDefaultHost(connectHost(httpConfig.getString("host")))
                        .setDefaultPort(httpConfig.getInteger("port"))))
            .addHeader("Authorization", "Bearer " + token);
  }

  private static String connectHost(String bindHost) {
    return "0.0.0.0".equals(bindHost) || "::".equals(bindHost) ? "127.0.0.1" : bindHost;
  }

  private JsonObject targets() {
    return config.getJsonObject("metrics").getJsonObject("targets_ms", new JsonObject());
  }

  private long requestTimeout() {
    return config
        .getJsonObject("diagnostics", new JsonObject())
        .getLong("request_timeout_ms", 3_000L);
  }

  Future<JsonObject> execute(long timeLimitMs) {
    long started = System.currentTimeMillis();
    deadline = started + timeLimitMs;
    Future<Void> suite =
        step(
                "scratch_conversation",
                "create a scratch conversation, hidden from listings",
                this::createScratch)
            .compose(
                v ->
                    step("ai_turn_bypass", "an AI turn bypasses cleaning, quickly", this::aiBypass))
            .compose(
                v ->
                    step(
                        "user_turn_cleaning",
                        "known noisy user turns come back cleaned",
                        this::userCleaning))
            .compose(
                v ->
                    step(
                        "realtime_path",
                        "real-time accept and post-to-delivery over a WebSocket, in order",
                        this::realtimePath))
            .compose(
                v ->
                    step(
                        "resume",
                        "reconnecting with since returns exactly the missed turns",
                        this::resume))
            .compose(
                v ->
                    step(
                        "dependencies",
                        "PostgreSQL, Redis, queue workers and cleaner shards answer",
                        this::dependencies));
    return suite
        .transform(ar -> cleanUp())
        .map(
            v -> {
              JsonArray list = new JsonArray();
              scenarios.forEach(s -> list.add(s.toJson()));
              boolean passed = scenarios.stream().allMatch(s -> s.passed);
              http.close();
              return new JsonObject()
                  .put("id", id)
                  .put("started_at", Instant.ofEpochMilli(started).toString())
                  .put("finished_at", Instant.now().toString())
                  .put("duration_ms", System.currentTimeMillis() - started)
                  .put("passed", passed)
                  .put("scenarios", list);
            });
  }

  /** Runs one scenario within what is left of the time limit; a failure is recorded, not thrown. */
  private Future<Void> step(
      String name, String description, Function<Scenario, Future<Void>> body) {
    Scenario scenario = new Scenario(name, description);
    scenarios.add(scenario);
    scenario.startedAt = System.currentTimeMillis();
    progress(scenario, "started");
    long left = deadline - scenario.startedAt;
    Future<Void> outcome;
    if (left <= 0) {
      outcome = Future.failedFuture("the run's time limit was reached before this scenario");
    } else if (conversationId == null
        && !name.equals("scratch_conversation")
        && !name.equals("dependencies")) {
      outcome = Future.failedFuture("no scratch conversation to run in");
    } else {
      Promise<Void> bounded = Promise.promise();
      long timer = vertx.setTimer(left, t -> bounded.tryFail("the run's time limit was reached"));
      body.apply(scenario)
          .onComplete(
              ar -> {
                vertx.cancelTimer(timer);
                if (ar.succeeded()) {
                  bounded.tryComplete();
                } else {
                  bounded.tryFail(ar.cause());
                }
              });
      outcome = bounded.future();
    }
    return outcome.transform(
        ar -> {
          if (ar.failed()) {
            scenario.fail(ar.cause().getMessage());
          }
          scenario.durationMs = System.currentTimeMillis() - scenario.startedAt;
          progress(scenario, "finished");
          return Future.succeededFuture();
        });
  }

  private void progress(Scenario scenario, String state) {
    vertx
        .eventBus()
        .publish(
            Addresses.DIAGNOSTICS_PROGRESS,
            new JsonObject()
                .put("run_id", id)
                .put("scenario", scenario.name)
                .put("state", state)
                .put("scenario_result", state.equals("finished") ? scenario.toJson() : null));
  }

  private Future<HttpResponse<io.vertx.core.buffer.Buffer>> post(String path, JsonObject body) {
    return http.post(path)
        .timeout(requestTimeout())
        .putHeader("Content-Type", "application/json")
        .sendBuffer(body.toBuffer())
        .recover(
            e ->
                Future.failedFuture(
                    "POST "
                        + path
                        + ": no answer within "
                        + requestTimeout()
                        + " ms ("
                        + e.getMessage()
                        + "); are the queue workers running?"));
  }

  private Future<Void> createScratch(Scenario s) {
    return post(
            "/api/v1/conversations",
            new JsonObject()
                .put("name", "diagnostics " + id)
                .put("metadata", new JsonObject().put("diagnostics", true)))
        .compose(
            resp -> {
              s.expect(resp.statusCode() == 201, "201 Created, got " + resp.statusCode());
              conversationId = resp.bodyAsJsonObject().getString("id");
              s.figures.put("conversation_id", conversationId);
              return http.get("/api/v1/conversations?limit=500").timeout(requestTimeout()).send();
            })
        .map(
            list -> {
              boolean listed =
                  list.bodyAsJsonObject().getJsonArray("items").stream()
                      .anyMatch(c -> conversationId.equals(((JsonObject) c).getString("id")));
              s.expect(!listed, "the scratch conversation not to appear in listings");
              return null;
            });
  }

  private Future<Void> aiBypass(Scenario s) {
    String raw =
        "##VT_CHEERFUL## Thanks for joining the diagnostics run... it only takes a moment.";
    long start = System.nanoTime();
    return post(turnsPath(), new JsonObject().put("speaker", "AI").put("raw_text", raw))
        .map(
            resp -> {
              s.figures.put("round_trip_ms", (System.nanoTime() - start) / 1e6);
              s.expect(resp.statusCode() == 200, "200 OK, got " + resp.statusCode());
              JsonObject turn = resp.bodyAsJsonObject();
              s.expect(!turn.getString("cleaned_text", "").contains("##VT_"), "voice tags removed");
              s.expect(
                  "none".equals(turn.getJsonObject("metadata").getString("cleaning_level")),
                  "cleaning level none");
              s.within(
                  "processing_time_ms",
                  turn.getJsonObject("metadata").getDouble("processing_time_ms"),
                  targets().getDouble("ai_turn_processing", 10.0));
              return null;
            });
  }

  private Future<Void> userCleaning(Scenario s) {
    Future<Void> chain = Future.succeededFuture();
    double[] slowest = {0};
    for (String[] sample : NOISY_TURNS) {
      chain =
          chain.compose(
              v ->
                  post(
                          turnsPath(),
                          new JsonObject().put("speaker", "User").put("raw_text", sample[0]))
                      .map(
                          resp -> {
                            JsonObject turn = resp.bodyAsJsonObject();
                            String cleaned = turn.getString("cleaned_text", "");
                            s.expect(
                                sample[1].isEmpty() || !cleaned.contains(sample[1]),
                                "'" + sample[1] + "' removed from '" + sample[0] + "'");
                            s.expect(
                                cleaned.equals(sample[2]),
                                "'"
                                    + sample[0]
                                    + "' -> '"
                                    + sample[2]
                                    + "', got '"
                                    + cleaned
                                    + "'");
                            slowest[0] =
                                Math.max(
                                    slowest[0],
                                    turn.getJsonObject("metadata").getDouble("processing_time_ms"));
                            return null;
                          }));
    }
    return chain.map(
        v -> {
          s.within(
              "max_processing_time_ms",
              slowest[0],
              targets().getDouble("user_turn_processing", 500.0));
          return null;
        });
  }

  private String turnsPath() {
    return "/api/v1/conversations/" + conversationId + "/turns";
  }

  private Future<Void> realtimePath(Scenario s) {
    int turns = 5;
    List<Long> seqs = new ArrayList<>();
    List<Double> deliveries = new ArrayList<>();
    List<Double> accepts = new ArrayList<>();
    long[] sentAt = new long[turns + 1];
    Promise<Void> allDelivered = Promise.promise();
    return subscribe(null)
        .compose(
            ws -> {
              ws.textMessageHandler(
                  text -> {
                    JsonObject event = new JsonObject(text);
                    if (event.getString("type").startsWith("turn.")) {
                      long now = System.nanoTime();
                      seqs.add(event.getLong("seq"));
                      int index = seqs.size();
                      if (index <= turns && sentAt[index] > 0) {
                        deliveries.add((now - sentAt[index]) / 1e6);
                      }
                      if (seqs.size() >= turns) {
                        allDelivered.tryComplete();
                      }
                    }
                  });
              Future<Void> posts = Future.succeededFuture();
              for (int i = 1; i <= turns; i++) {
                int n = i;
                posts =
                    posts.compose(
                        v -> {
                          sentAt[n] = System.nanoTime();
                          return post(
                                  turnsPath() + "/realtime",
                                  new JsonObject()
                                      .put("speaker", n % 2 == 0 ? "AI" : "User")
                                      .put("raw_text", "diagnostic real-time turn " + n))
                              .map(
                                  resp -> {
                                    accepts.add((System.nanoTime() - sentAt[n]) / 1e6);
                                    s.expect(
                                        resp.statusCode() == 202,
                                        "202 Accepted, got " + resp.statusCode());
                                    return null;
                                  });
                        });
              }
              long wait = requestTimeout();
              long timer =
                  vertx.setTimer(
                      wait, t -> allDelivered.tryFail(deliveryFailure(seqs.size(), turns, wait)));
              return posts
                  .compose(v -> allDelivered.future())
                  .eventually(
                      () -> {
                        vertx.cancelTimer(timer);
                        return ws.close();
                      });
            })
        .<Void>map(
            v -> {
              s.within("accept_ms_max", max(accepts), targets().getDouble("queue_time", 100.0));
              s.within(
                  "post_to_delivery_ms_max",
                  max(deliveries),
                  targets().getDouble("websocket_delivery", 100.0));
              s.expect(
                  seqs.equals(
                      List.of(
                          1L + offset(),
                          2L + offset(),
                          3L + offset(),
                          4L + offset(),
                          5L + offset())),
                  "turns delivered once each in seq order, got " + seqs);
              return null;
            })
        .recover(
            e ->
                queueStatus()
                    .recover(x -> Future.succeededFuture(new JsonObject()))
                    .compose(
                        status -> {
                          String reason = e.getMessage();
                          if (!status.getBoolean("running", true)) {
                            reason +=
                                "; the queue workers are stopped (POST /api/v1/conversations/queue/start)";
                          }
                          return Future.failedFuture(reason);
                        }));
  }

  /** Seqs already used in the scratch conversation by the synchronous scenarios. */
  private long offset() {
    return 1 + NOISY_TURNS.size();
  }

  private static String deliveryFailure(int got, int expected, long waitMs) {
    return "only "
        + got
        + " of "
        + expected
        + " real-time turns delivered within "
        + waitMs
        + " ms";
  }

  private Future<JsonObject> queueStatus() {
    return vertx
        .eventBus()
        .<JsonObject>request(
            Addresses.QUEUE_STATUS, new JsonObject(), new DeliveryOptions().setSendTimeout(2_000))
        .map(m -> m.body());
  }

  private Future<Void> resume(Scenario s) {
    return turnCount()
        .compose(
            lastSeq ->
                post(
                        turnsPath() + "/realtime",
                        new JsonObject().put("speaker", "User").put("raw_text", "missed turn one"))
                    .compose(
                        r ->
                            post(
                                turnsPath() + "/realtime",
                                new JsonObject()
                                    .put("speaker", "User")
                                    .put("raw_text", "missed turn two")))
                    .compose(
                        r ->
                            awaitSettled(
                                lastSeq + 2, System.currentTimeMillis() + requestTimeout()))
                    .compose(
                        v -> {
                          List<Long> seqs = new ArrayList<>();
                          Promise<Void> complete = Promise.promise();
                          return subscribe(lastSeq)
                              .compose(
                                  ws -> {
                                    ws.textMessageHandler(
                                        text -> {
                                          JsonObject event = new JsonObject(text);
                                          if (event.getString("type").startsWith("turn.")) {
                                            seqs.add(event.getLong("seq"));
                                          } else if ("replay.complete"
                                              .equals(event.getString("type"))) {
                                            complete.tryComplete();
                                          }
                                        });
                                    long timer =
                                        vertx.setTimer(
                                            requestTimeout(),
                                            t ->
                                                complete.tryFail(
                                                    "no replay.complete within "
                                                        + requestTimeout()
                                                        + " ms"));
                                    return complete
                                        .future()
                                        .eventually(
                                            () -> {
                                              vertx.cancelTimer(timer);
                                              return ws.close();
                                            });
                                  })
                              .map(
                                  x -> {
                                    s.figures
                                        .put("resumed_after_seq", lastSeq)
                                        .put("replayed_seqs", new JsonArray(seqs));
                                    s.expect(
                                        seqs.equals(List.of(lastSeq + 1, lastSeq + 2)),
                                        "exactly the 2 missed turns, got " + seqs);
                                    return null;
                                  });
                        }));
  }

  private Future<Long> turnCount() {
    return http.get("/api/v1/conversations/" + conversationId)
        .timeout(requestTimeout())
        .send()
        .map(r -> r.bodyAsJsonObject().getLong("last_seq"));
  }

  private Future<Void> awaitSettled(long seq, long until) {
    return http.get(turnsPath() + "?since_seq=" + (seq - 1))
        .timeout(requestTimeout())
        .send()
        .compose(
            r -> {
              JsonArray items = r.bodyAsJsonObject().getJsonArray("items");
              boolean done =
                  !items.isEmpty() && !"pending".equals(items.getJsonObject(0).getString("status"));
              if (done) {
                return Future.succeededFuture();
              }
              if (System.currentTimeMillis() > until) {
                return Future.failedFuture(
                    "turn " + seq + " still pending after " + requestTimeout() + " ms");
              }
              return vertx.timer(20).compose(t -> awaitSettled(seq, until));
            });
  }

  private Future<WebSocket> subscribe(Long since) {
    WebSocketClient client = vertx.createWebSocketClient();
    JsonObject httpConfig = config.getJsonObject("http");
    String uri = "/ws/conversations/" + conversationId + (since == null ? "" : "?since=" + since);
    return client
        .connect(
            new io.vertx.core.http.WebSocketConnectOptions()
                .setPort(httpConfig.getInteger("port"))
                .setHost(connectHost(httpConfig.getString("host")))
                .setURI(uri)
                .addHeader("Authorization", "Bearer " + token))
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                ar.result().closeHandler(v -> client.close());
              } else {
                client.close();
              }
            });
  }

  private Future<Void> dependencies(Scenario s) {
    long start = System.nanoTime();
    Pool pool = Database.pool(vertx, config.getString("database_url"), 1, "pg-diagnostics");
    Future<Void> database =
        pool.query("SELECT 1")
            .execute()
            .map(
                r -> {
                  s.figures.put("postgresql_round_trip_ms", (System.nanoTime() - start) / 1e6);
                  return (Void) null;
                })
            .recover(
                e -> {
                  s.fail("PostgreSQL: " + e.getMessage());
                  return Future.succeededFuture();
                })
            .eventually(pool::close);
    JsonObject queueConfig = config.getJsonObject("queue");
    Future<Void> redis = Future.succeededFuture();
    if ("redis".equals(queueConfig.getString("backend"))) {
      Redis client = Redis.createClient(vertx, queueConfig.getString("redis_url"));
      long redisStart = System.nanoTime();
      redis =
          RedisAPI.api(client)
              .ping(List.of())
              .map(
                  r -> {
                    s.figures.put("redis_round_trip_ms", (System.nanoTime() - redisStart) / 1e6);
                    return (Void) null;
                  })
              .recover(
                  e -> {
                    s.fail("Redis: " + e.getMessage());
                    return Future.succeededFuture();
                  })
              .eventually(
                  () -> {
                    client.close();
                    return Future.succeededFuture();
                  });
    }
    Future<Void> queue =
        queueStatus()
            .map(
                status -> {
                  s.figures
                      .put("queue_backend", status.getString("backend"))
                      .put("queue_workers", status.getInteger("workers"));
                  s.expect(
                      status.getBoolean("running") && status.getInteger("workers") > 0,
                      "queue workers running (workers "
                          + status.getInteger("workers")
                          + ", running "
                          + status.getBoolean("running")
                          + ")");
                  return (Void) null;
                })
            .recover(
                e -> {
                  s.fail("queue status: " + e.getMessage());
                  return Future.succeededFuture();
                });
    int shards = config.getJsonObject("cleaner").getInteger("shards", 1);
    List<Future<?>> pings = new ArrayList<>();
    JsonObject empty =
        new JsonObject().put("conversation_id", "diagnostics").put("turns", new JsonArray());
    for (int shard = 0; shard < shards; shard++) {
      pings.add(
          vertx
              .eventBus()
              .request(
                  Addresses.cleanerShard(shard),
                  empty,
                  new DeliveryOptions().setSendTimeout(2_000)));
    }
    Future<Void> cleaners =
        Future.all(pings)
            .map(
                v -> {
                  s.figures.put("cleaner_shards_owned", shards);
                  return (Void) null;
                })
            .recover(
                e -> {
                  s.fail("cleaner shards: " + e.getMessage());
                  return Future.succeededFuture();
                });
    return Future.all(database, redis, queue, cleaners).mapEmpty();
  }

  /** Deletes the scratch conversation (and by cascade its turns), whatever happened before. */
  private Future<Void> cleanUp() {
    if (conversationId == null) {
      return Future.succeededFuture();
    }
    return http.delete("/api/v1/conversations/" + conversationId)
        .timeout(requestTimeout())
        .send()
        .<Void>mapEmpty()
        .recover(e -> Future.succeededFuture());
  }

  private static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }
}
