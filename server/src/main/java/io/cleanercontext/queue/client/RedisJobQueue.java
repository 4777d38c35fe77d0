package io.cleanercontext.queue.client;

import io.cleanercontext.contract.TurnJob;
import io.cleanercontext.telemetry.ProductMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * Redis Streams backend: one stream per partition ({@code cc:jobs:<p>}), one consumer group shared
 * by the workers of every node. An entry is acknowledged and deleted only after its result is in
 * PostgreSQL; entries left pending by a dead worker are taken over with XAUTOCLAIM; given-up jobs
 * go to the {@code cc:jobs:dead} stream (the prefix is configurable).
 *
 * <p>Each instance is used by one verticle. Blocking reads get their own connection so they never
 * hold up the commands on the shared client. The per-job writes ({@code XADD}, and {@code XACK} +
 * {@code XDEL}) of jobs handled at the same time are pipelined in one write, with one {@code
 * XACK}/{@code XDEL} per stream for many entries.
 */
public final class RedisJobQueue implements JobQueue {
  static final String GROUP = "cc-workers";

  private final Vertx vertx;
  private final Redis client;
  private final RedisAPI api;
  private final String prefix;
  private final PipelinedWrites writes;
  private RedisConnection blockingConnection;

  private RedisJobQueue(
      Vertx vertx, Redis client, String prefix, int poolSize, ProductMetrics metrics) {
    this.vertx = vertx;
    this.client = client;
    this.api = RedisAPI.api(client);
    this.prefix = prefix;
    this.writes = new PipelinedWrites(vertx, client, this::stream, poolSize, metrics);
  }

  /**
   * Connects, checks Redis answers and makes sure every partition's stream and group exist.
   *
   * @param prefix key prefix of the streams: {@code <prefix><partition>} and {@code <prefix>dead}
   * @param poolSize connections for commands (blocking reads have their own); requests beyond them
   *     wait, up to 64 per connection
   * @param metrics where the pipelined writes' batches are observed
   */
  public static Future<RedisJobQueue> connect(
      Vertx vertx,
      String url,
      int partitions,
      String prefix,
      int poolSize,
      ProductMetrics metrics) {
    Redis client =
        Redis.createClient(
            vertx,
            new RedisOptions()
                .setConnectionString(url)
                .setPreferredProtocolVersion(ProtocolVersion.RESP2)
                .setMaxPoolSize(poolSize)
                .setMaxPoolWaiting(poolSize * 64));
    RedisJobQueue queue = new RedisJobQueue(vertx, client, prefix, poolSize, metrics);
    List<Future<?>> groups = new ArrayList<>();
    return queue
        .api
        .ping(List.of())
        .compose(
            pong -> {
              for (int p = 0; p < partitions; p++) {
                groups.add(
                    queue
                        .api
                        .xgroup(List.of("CREATE", queue.stream(p), GROUP, "0", "MKSTREAM"))
                        .recover(
                            e ->
                                String.valueOf(e.getMessage()).contains("BUSYGROUP")
                                    ? Future.succeededFuture()
                                    : Future.failedFuture(e)));
              }
              return Future.all(groups);
            })
        .map(queue)
        .onFailure(e -> client.close());
  }

  String deadLetterStream() {
    return prefix + "dead";
  }

  String stream(int partition) {
    return prefix + partition;
  }

  @Override
  public String name() {
    return "redis";
  }

  @Override
  public Future<Void> enqueue(TurnJob job) {
    return writes.add(job);
  }

  @Override
  public Future<List<Delivery>> read(
      String consumer, List<Integer> partitions, int max, long blockMs) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "GROUP",
                GROUP,
                consumer,
                "COUNT",
                Integer.toString(max),
                "BLOCK",
                Long.toString(Math.max(1, blockMs)),
                "STREAMS"));
    partitions.forEach(p -> args.add(stream(p)));
    partitions.forEach(p -> args.add(">"));
    return blocking()
        .compose(connection -> RedisAPI.api(connection).xreadgroup(args))
        .map(
            response -> {
              List<Delivery> out = new ArrayList<>();
              if (response == null) {
                return out;
              }
              for (Response stream : response) {
                StreamEntries.parse(stream.get(1), out);
              }
              return out;
            });
  }

  private Future<RedisConnection> blocking() {
    if (blockingConnection != null) {
      return Future.succeededFuture(blockingConnection);
    }
    return client
        .connect()
        .map(
            connection -> {
              blockingConnection = connection;
              connection.exceptionHandler(e -> blockingConnection = null);
              connection.endHandler(v -> blockingConnection = null);
              return connection;
            });
  }

  @Override
  public Future<Void> ack(Delivery delivery) {
    return writes.ack(delivery);
  }

  @Override
  public Future<Void> retry(Delivery delivery, long delayMs) {
    // The original stays pending until its copy is in the stream: a crash in between re-delivers
    // it.
    return delay(delayMs).compose(v -> enqueue(delivery.job())).compose(v -> ack(delivery));
  }

  private Future<Void> delay(long ms) {
    if (ms <= 0) {
      return Future.succeededFuture();
    }
    return vertx.timer(ms).mapEmpty();
  }

  @Override
  public Future<Void> deadLetter(Delivery delivery, String reason) {
    return api.xadd(
            List.of(
                deadLetterStream(),
                "*",
                StreamEntries.JOB_FIELD,
                delivery.job().toJson().encode(),
                "reason",
                reason == null ? "" : reason,
                "delivery_id",
                delivery.id()))
        .compose(r -> ack(delivery));
  }

  @Override
  public Future<List<Delivery>> reclaim(
      String consumer, List<Integer> partitions, long idleMs, int max) {
    List<Future<List<Delivery>>> claims = new ArrayList<>();
    for (int p : partitions) {
      claims.add(
          api.xautoclaim(
                  List.of(
                      stream(p),
                      GROUP,
                      consumer,
                      Long.toString(idleMs),
                      "0-0",
                      "COUNT",
                      Integer.toString(max)))
              .map(
                  response -> {
                    List<Delivery> out = new ArrayList<>();
                    StreamEntries.parse(response.get(1), out);
                    return out;
                  }));
    }
    return Future.all(claims)
        .map(
            all -> {
              List<Delivery> out = new ArrayList<>();
              claims.forEach(f -> out.addAll(f.result()));
              return out;
            });
  }

  @Override
  public Future<JsonObject> partitionStatus(int partition) {
    String stream = stream(partition);
    Future<Response> length = api.xlen(stream);
    Future<Response> pending = api.xpending(List.of(stream, GROUP));
    return Future.all(length, pending)
        .map(
            all -> {
              long total = length.result().toLong();
              long inFlight =
                  pending.result() == null || pending.result().size() == 0
                      ? 0
                      : pending.result().get(0).toLong();
              // Acked entries are deleted, so what is in the stream is either waiting or in flight.
              return new JsonObject()
                  .put("partition", partition)
                  .put("length", Math.max(0, total - inFlight))
                  .put("in_flight", inFlight);
            });
  }

  @Override
  public Future<Long> deadLetterCount() {
    return api.xlen(deadLetterStream()).map(Response::toLong);
  }

  @Override
  public Future<QueueProbe> probe() {
    long started = System.nanoTime();
    return api.ping(List.of()).map(pong -> QueueProbe.since(name(), started));
  }

  @Override
  public Future<Void> close() {
    if (blockingConnection != null) {
      blockingConnection.close();
    }
    client.close();
    return Future.succeededFuture();
  }
}
