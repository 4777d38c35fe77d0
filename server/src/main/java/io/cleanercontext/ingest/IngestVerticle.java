package io.cleanercontext.ingest;

import io.cleanercontext.cleaner.ShardRouter;
import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.CleanRequest.PendingTurn;
import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.TurnJob;
import io.cleanercontext.contract.TurnSubmission;
import io.cleanercontext.logging.TurnLog;
import io.cleanercontext.metrics.ProductMetrics;
import io.cleanercontext.queue.JobQueue;
import io.cleanercontext.queue.JobQueues;
import io.cleanercontext.store.CoalescedTurnStore;
import io.cleanercontext.store.Database;
import io.cleanercontext.store.TurnStore;
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

  private final JsonObject config;
  private final int shards;
  private Pool pool;
  private CoalescedTurnStore turns;
  private JobQueue queue;
  private ProductMetrics metrics;
  private long backlog;

  /** @param config {@code {queue: slice, database_url, pool_size}} */
  public IngestVerticle(JsonObject config, int shards) {
    this.config = config;
    this.shards = shards;
  }

  @Override
  public Future<?> start() {
    pool = Database.hotPathPool(vertx, config.getString("database_url"), config.getInteger("pool_size", 4), "pg-ingest-" + UUID.randomUUID().toString().substring(0, 8));
    metrics = ProductMetrics.of(vertx);
    // Submissions arriving together share one transaction: one commit for many accepted turns.
    turns = new CoalescedTurnStore(context, new TurnStore(pool), config.getInteger("batches_in_flight", 1), metrics);
    return JobQueues.open(vertx, config.getJsonObject("queue"), shards).compose(q -> {
      queue = q;
      vertx.setPeriodic(config.getJsonObject("queue").getLong("backlog_sample_ms", 500L), t -> sampleBacklog());
      return Future.all(vertx.eventBus().<JsonObject>consumer(Addresses.TURNS_SUBMIT, this::submit).completion(),
          vertx.eventBus().<JsonObject>consumer(Addresses.TURNS_SUBMIT_BATCH, this::submitBatch).completion());
    });
  }

  @Override
  public Future<?> stop() {
    return queue.close().compose(v -> pool.close());
  }

  /**
   * Admission control: the queue's backlog (jobs waiting, all partitions) is sampled every
   * {@code backlog_sample_ms}; past {@code max_backlog} new turns are refused with OVERLOADED (HTTP
   * 503 + Retry-After) so accept latency stays bounded instead of the queue growing without end.
   */
  private void sampleBacklog() {
    List<Future<JsonObject>> parts = new ArrayList<>();
    for (int p = 0; p < shards; p++) {
      parts.add(queue.partitionStatus(p));
    }
    Future.all(parts).onSuccess(v -> backlog = parts.stream().mapToLong(f -> f.result().getLong("length")).sum());
  }

  /** One turn: replies what {@code POST .../turns/realtime} answers. */
  private void submit(Message<JsonObject> msg) {
    TurnSubmission submission = TurnSubmission.fromJson(msg.body());
    accept(List.of(submission)).onSuccess(replies -> msg.reply(replies.get(0)))
        .onFailure(e -> fail(msg, e, submission));
  }

  /** Turns of one conversation, stored all or none, in order: replies {accepted: [one reply per turn]}. */
  private void submitBatch(Message<JsonObject> msg) {
    List<TurnSubmission> submissions = new ArrayList<>();
    msg.body().getJsonArray("submissions").forEach(s -> submissions.add(TurnSubmission.fromJson((JsonObject) s)));
    accept(submissions).onSuccess(replies -> msg.reply(new JsonObject().put("accepted", new JsonArray(replies))))
        .onFailure(e -> fail(msg, e, submissions.get(0)));
  }

  private Future<List<JsonObject>> accept(List<TurnSubmission> submissions) {
    long maxBacklog = config.getJsonObject("queue").getLong("max_backlog", 100_000L);
    if (backlog > maxBacklog) {
      return Future.failedFuture(new Overloaded("the queue holds " + backlog + " waiting turns, over its limit of "
          + maxBacklog + "; retry shortly"));
    }
    return turns.insertPending(submissions).compose(accepted -> {
      if (accepted.get(0) == null) {
        return Future.failedFuture(new NotFound());
      }
      List<Future<JsonObject>> replies = new ArrayList<>(submissions.size());
      for (int i = 0; i < submissions.size(); i++) {
        replies.add(enqueue(submissions.get(i), accepted.get(i)));
      }
      return Future.all(replies).map(all -> {
        submissions.forEach(s -> metrics.accepted(s.role()));
        return all.<JsonObject>list();
      });
    });
  }

  /** Enqueues the stored turn's job; replies the acceptance either way (a turn not enqueued stays pending). */
  private Future<JsonObject> enqueue(TurnSubmission submission, TurnStore.Accepted accepted) {
    String conversationId = submission.conversationId();
    // The job carries the turn as stored: a worker up to date with the conversation cleans it
    // without reading it back.
    PendingTurn stored = new PendingTurn(submission.turnId(), accepted.seq(), submission.role(), submission.rawText(),
        submission.cleaningLevel(), accepted.windowSize(), accepted.keytermsVersion());
    TurnJob job = new TurnJob(UUID.randomUUID().toString(), conversationId, accepted.seq(),
        ShardRouter.shardOf(conversationId, shards), submission.role(), System.currentTimeMillis(),
        new TurnJob.Carried(stored, submission.replyTo(), submission.receivedAt()));
    return queue.enqueue(job)
        .recover(e -> {
          TurnLog.warn(LOG, conversationId, submission.turnId(), accepted.seq(),
              "Turn stored but not enqueued ({}); it stays pending and is re-enqueued later", e.getMessage());
          return Future.succeededFuture();
        })
        .map(v -> new JsonObject()
            .put("success", true)
            .put("job_id", job.jobId())
            .put("turn_id", submission.turnId())
            .put("seq", accepted.seq())
            .put("conversation_id", conversationId)
            .put("partition", job.partition())
            .put("priority", "user".equals(submission.role()) ? "high" : "normal")
            .put("queued_at", java.time.Instant.ofEpochMilli(job.enqueuedAt()).toString())
            .put("queue_backend", queue.name()));
  }

  private static void fail(Message<JsonObject> msg, Throwable e, TurnSubmission first) {
    if (e instanceof Overloaded) {
      msg.fail(ErrorCode.OVERLOADED.code(), e.getMessage());
    } else if (e instanceof NotFound) {
      msg.fail(ErrorCode.NOT_FOUND.code(), "conversation " + first.conversationId() + " not found");
    } else if (e instanceof PgException pg && "23505".equals(pg.getSqlState())) {
      msg.fail(ErrorCode.CONFLICT.code(), "turn " + first.turnId() + " already exists");
    } else {
      TurnLog.error(LOG, first.conversationId(), first.turnId(), null, "Cannot store turn: {}", e.toString());
      msg.fail(ErrorCode.UNAVAILABLE.code(), "cannot store the turn: " + e.getMessage());
    }
  }

  private static final class Overloaded extends RuntimeException {
    Overloaded(String message) {
      super(message, null, false, false);
    }
  }

  private static final class NotFound extends RuntimeException {
    NotFound() {
      super(null, null, false, false);
    }
  }
}
