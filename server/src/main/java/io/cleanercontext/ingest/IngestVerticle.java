package io.cleanercontext.ingest;

import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.CleanRequest.PendingTurn;
import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.ShardRouter;
import io.cleanercontext.contract.TurnJob;
import io.cleanercontext.contract.TurnSubmission;
import io.cleanercontext.logging.TurnLog;
import io.cleanercontext.queue.client.JobQueue;
import io.cleanercontext.queue.client.JobQueues;
import io.cleanercontext.store.CoalescedTurnStore;
import io.cleanercontext.store.Database;
import io.cleanercontext.store.IdempotencyKeys;
import io.cleanercontext.store.IdempotencyKeys.Idempotency;
import io.cleanercontext.store.TurnStore;
import io.cleanercontext.telemetry.ProductMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue producer: gives each submitted turn the next seq of its conversation, stores it as
 * pending, and enqueues its job, then tells the caller it was accepted. A turn stored but not
 * enqueued (the queue failed in between) is still safe: it is pending in PostgreSQL and is
 * re-enqueued at the next start-up or by the conversation's next job.
 */
public final class IngestVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(IngestVerticle.class);
  public static final long DEFAULT_IDEMPOTENCY_WINDOW_MS = 24 * 3600_000L;

  private final JsonObject config;
  private final int shards;
  private Pool pool;
  private CoalescedTurnStore turns;
  private JobQueue queue;
  private final ProductMetrics metrics;
  private long backlog;

  /**
   * @param config {@code {queue: slice, database_url, pool_size}}
   * @param metrics the process's meters
   */
  public IngestVerticle(JsonObject config, int shards, ProductMetrics metrics) {
    this.config = config;
    this.shards = shards;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    pool =
        Database.hotPathPool(
            vertx,
            config.getString("database_url"),
            config.getInteger("pool_size", 4),
            "pg-ingest-" + UUID.randomUUID().toString().substring(0, 8));
    // Submissions arriving together share one transaction: one commit for many accepted turns.
    turns =
        new CoalescedTurnStore(
            context, new TurnStore(pool), config.getInteger("batches_in_flight", 1), metrics);
    return JobQueues.open(vertx, config.getJsonObject("queue"), shards, metrics)
        .compose(
            q -> {
              queue = q;
              vertx.setPeriodic(
                  config.getJsonObject("queue").getLong("backlog_sample_ms", 500L),
                  t -> sampleBacklog());
              long window =
                  config
                      .getJsonObject("queue")
                      .getLong("idempotency_window_ms", DEFAULT_IDEMPOTENCY_WINDOW_MS);
              vertx.setPeriodic(
                  config.getJsonObject("queue").getLong("idempotency_purge_ms", 600_000L),
                  t -> purgeKeys(window));
              return Future.all(
                  vertx
                      .eventBus()
                      .<JsonObject>consumer(Addresses.TURNS_SUBMIT, this::submit)
                      .completion(),
                  vertx
                      .eventBus()
                      .<JsonObject>consumer(Addresses.TURNS_SUBMIT_BATCH, this::submitBatch)
                      .completion());
            });
  }

  @Override
  public Future<?> stop() {
    return queue.close().compose(v -> pool.close());
  }

  /**
   * Admission control: the queue's backlog (jobs waiting, all partitions) is sampled every {@code
   * backlog_sample_ms}; past {@code max_backlog} new turns are refused with OVERLOADED (HTTP 503 +
   * Retry-After) so accept latency stays bounded instead of the queue growing without end.
   */
  private void sampleBacklog() {
    List<Future<JsonObject>> parts = new ArrayList<>();
    for (int p = 0; p < shards; p++) {
      parts.add(queue.partitionStatus(p));
    }
    Future.all(parts)
        .onSuccess(
            v -> backlog = parts.stream().mapToLong(f -> f.result().getLong("length")).sum());
  }

  /**
   * Deletes idempotency keys past their window (every node does; a second delete finds nothing).
   */
  private void purgeKeys(long windowMs) {
    new TurnStore(pool)
        .purgeIdempotencyKeys(windowMs)
        .onSuccess(
            n -> {
              if (n > 0) {
                LOG.debug("Purged {} idempotency key(s) older than {} ms", n, windowMs);
              }
            })
        .onFailure(e -> LOG.warn("Cannot purge idempotency keys: {}", e.getMessage()));
  }

  /** One turn: replies what {@code POST .../turns/realtime} answers. */
  private void submit(Message<JsonObject> msg) {
    TurnSubmission submission = TurnSubmission.fromJson(msg.body());
    accept(List.of(submission), msg.body())
        .onSuccess(replies -> msg.reply(replies.get(0)))
        .onFailure(e -> fail(msg, e, submission));
  }

  /**
   * Turns of one conversation, stored all or none, in order: replies {accepted: [one reply per
   * turn]}.
   */
  private void submitBatch(Message<JsonObject> msg) {
    List<TurnSubmission> submissions = new ArrayList<>();
    msg.body()
        .getJsonArray("submissions")
        .forEach(s -> submissions.add(TurnSubmission.fromJson((JsonObject) s)));
    accept(submissions, msg.body())
        .onSuccess(
            replies -> {
              JsonObject reply = new JsonObject().put("accepted", new JsonArray(replies));
              if (!replies.isEmpty() && replies.get(0).getBoolean(TurnSubmission.REPLAYED, false)) {
                replies.forEach(r -> r.remove(TurnSubmission.REPLAYED));
                reply.put(TurnSubmission.REPLAYED, true);
              }
              msg.reply(reply);
            })
        .onFailure(e -> fail(msg, e, submissions.get(0)));
  }

  /**
   * The submission's idempotency key ({@code idempotency_key} and {@code request_hash} beside the
   * turn or the batch), or null: its job ids are chosen now, so they can be stored with the key.
   */
  private Idempotency idempotency(JsonObject body, int turns) {
    String key = body.getString(TurnSubmission.IDEMPOTENCY_KEY);
    if (key == null) {
      return null;
    }
    List<String> jobIds = new ArrayList<>(turns);
    for (int i = 0; i < turns; i++) {
      jobIds.add(UUID.randomUUID().toString());
    }
    return new Idempotency(
        key,
        body.getString(TurnSubmission.REQUEST_HASH, ""),
        jobIds,
        System.currentTimeMillis(),
        config
            .getJsonObject("queue")
            .getLong("idempotency_window_ms", DEFAULT_IDEMPOTENCY_WINDOW_MS));
  }

  private Future<List<JsonObject>> accept(List<TurnSubmission> submissions, JsonObject body) {
    long maxBacklog = config.getJsonObject("queue").getLong("max_backlog", 100_000L);
    if (backlog > maxBacklog) {
      return Future.failedFuture(
          new Overloaded(
              "the queue holds "
                  + backlog
                  + " waiting turns, over its limit of "
                  + maxBacklog
                  + "; retry shortly"));
    }
    Idempotency idempotency = idempotency(body, submissions.size());
    return turns
        .insertGroup(new TurnStore.InsertGroup(submissions, idempotency))
        .compose(
            result -> {
              if (result.replay() != null) {
                return replay(submissions.get(0), result.replay());
              }
              List<TurnStore.Accepted> accepted = result.accepted();
              if (accepted.get(0) == null) {
                return Future.failedFuture(new NotFound());
              }
              List<Future<JsonObject>> replies = new ArrayList<>(submissions.size());
              for (int i = 0; i < submissions.size(); i++) {
                replies.add(
                    enqueue(
                        submissions.get(i),
                        accepted.get(i),
                        idempotency == null
                            ? UUID.randomUUID().toString()
                            : idempotency.jobIds().get(i),
                        idempotency == null ? System.currentTimeMillis() : idempotency.queuedAt()));
              }
              return Future.all(replies)
                  .map(
                      all -> {
                        submissions.forEach(s -> metrics.accepted(s.role()));
                        return all.<JsonObject>list();
                      });
            });
  }

  /**
   * A retry of a key claimed before: the first answer, from what was stored with it, and nothing
   * stored or enqueued (the first attempt's jobs run, or its turns are pending and re-enqueued).
   */
  private Future<List<JsonObject>> replay(TurnSubmission first, IdempotencyKeys.Replay replay) {
    if (!replay.sameRequest()) {
      return Future.failedFuture(new KeyReused());
    }
    String conversationId = first.conversationId();
    List<JsonObject> replies = new ArrayList<>(replay.turns().size());
    for (IdempotencyKeys.StoredTurn turn : replay.turns()) {
      replies.add(
          acceptance(
                  turn.jobId(),
                  turn.turnId(),
                  turn.seq(),
                  conversationId,
                  turn.role(),
                  turn.queuedAt())
              .put(TurnSubmission.REPLAYED, true));
    }
    metrics.idempotentReplay();
    return Future.succeededFuture(replies);
  }

  /**
   * Enqueues the stored turn's job; replies the acceptance either way (a turn not enqueued stays
   * pending).
   */
  private Future<JsonObject> enqueue(
      TurnSubmission submission, TurnStore.Accepted accepted, String jobId, long enqueuedAt) {
    String conversationId = submission.conversationId();
    // The job carries the turn as stored: a worker up to date with the conversation cleans it
    // without reading it back.
    PendingTurn stored =
        new PendingTurn(
            submission.turnId(),
            accepted.seq(),
            submission.role(),
            submission.rawText(),
            submission.cleaningLevel(),
            accepted.windowSize(),
            accepted.keytermsVersion());
    TurnJob job =
        new TurnJob(
            jobId,
            conversationId,
            accepted.seq(),
            ShardRouter.shardOf(conversationId, shards),
            submission.role(),
            enqueuedAt,
            new TurnJob.Carried(stored, submission.replyTo(), submission.receivedAt()));
    return queue
        .enqueue(job)
        .recover(
            e -> {
              TurnLog.warn(
                  LOG,
                  conversationId,
                  submission.turnId(),
                  accepted.seq(),
                  "Turn stored but not enqueued ({}); it stays pending and is re-enqueued later",
                  e.getMessage());
              return Future.succeededFuture();
            })
        .map(
            v ->
                acceptance(
                    job.jobId(),
                    submission.turnId(),
                    accepted.seq(),
                    conversationId,
                    submission.role(),
                    job.enqueuedAt()));
  }

  /**
   * The answer for one accepted turn; a retry with the same idempotency key rebuilds it from the
   * same values.
   */
  private JsonObject acceptance(
      String jobId, String turnId, long seq, String conversationId, String role, long queuedAt) {
    return new JsonObject()
        .put("success", true)
        .put("job_id", jobId)
        .put("turn_id", turnId)
        .put("seq", seq)
        .put("conversation_id", conversationId)
        .put("partition", ShardRouter.shardOf(conversationId, shards))
        .put("priority", "user".equals(role) ? "high" : "normal")
        .put("queued_at", java.time.Instant.ofEpochMilli(queuedAt).toString())
        .put("queue_backend", queue.name());
  }

  private static void fail(Message<JsonObject> msg, Throwable e, TurnSubmission first) {
    if (e instanceof KeyReused) {
      msg.fail(
          ErrorCode.UNPROCESSABLE.code(),
          "the Idempotency-Key was already used with another request body"
              + " for this conversation; send a new key for a new request");
    } else if (e instanceof Overloaded) {
      msg.fail(ErrorCode.OVERLOADED.code(), e.getMessage());
    } else if (e instanceof NotFound) {
      msg.fail(ErrorCode.NOT_FOUND.code(), "conversation " + first.conversationId() + " not found");
    } else if (e instanceof PgException pg && "23505".equals(pg.getSqlState())) {
      msg.fail(ErrorCode.CONFLICT.code(), "turn " + first.turnId() + " already exists");
    } else {
      TurnLog.error(
          LOG, first.conversationId(), first.turnId(), null, "Cannot store turn: {}", e.toString());
      msg.fail(ErrorCode.UNAVAILABLE.code(), "cannot store the turn: " + e.getMessage());
    }
  }

  private static final class Overloaded extends RuntimeException {
    Overloaded(String message) {
      super(message, null, false, false);
    }
  }

  private static final class KeyReused extends RuntimeException {
    KeyReused() {
      super(null, null, false, false);
    }
  }

  private static final class NotFound extends RuntimeException {
    NotFound() {
      super(null, null, false, false);
    }
  }
}
