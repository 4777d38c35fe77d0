package io.cleanercontext.cleaner;

import io.cleanercontext.cleaner.llm.LlmCleaner;
import io.cleanercontext.config.CleanerSettings;
import io.cleanercontext.config.DatabaseSettings;
import io.cleanercontext.config.LlmSettings;
import io.cleanercontext.config.QueueSettings;
import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.ShardJobs;
import io.cleanercontext.contract.ShardOutcome;
import io.cleanercontext.contract.TurnEvents;
import io.cleanercontext.contract.TurnJob;
import io.cleanercontext.privacy.Redactor;
import io.cleanercontext.store.CoalescedTurnStore;
import io.cleanercontext.store.ConversationStore;
import io.cleanercontext.store.Database;
import io.cleanercontext.store.PendingTurns;
import io.cleanercontext.store.PrivacyStore;
import io.cleanercontext.store.TurnStore;
import io.cleanercontext.telemetry.ProductMetrics;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * One cleaner shard: the one owner of the conversations hashed to it. It takes their queued jobs
 * from its partition's queue worker ({@link ShardJobs}: those of one read, by reference), sequences
 * each conversation's turns ({@link ConversationLines}), holds their state ({@link
 * ConversationStates}), cleans them ({@link TurnCleaning}), stores and publishes the results
 * ({@link NodeResults}) and tells the worker what to do with the job ({@code ShardOutcome}). It is
 * a worker verticle on a thread of its own ({@link #deployment}): every callback, the engine's
 * computing included, runs on that one thread, one task at a time, so plain fields suffice, no
 * event loop computes a turn, and a turn goes from the worker's event loop to the shard's thread
 * and back without a third thread between. Other conversations (on this shard while cleaning waits
 * on an LLM, and on other shards) proceed in parallel.
 */
public final class CleanerVerticle extends VerticleBase {
  /** Connections of a shard's pool: its coalesced reads, attempts, keyterms and history. */
  private static final int POOL_SIZE = 3;

  private final CleanerSettings config;
  private final QueueSettings queue;
  private final DatabaseSettings database;
  private final int shard;
  private final TurnCleaner engine;
  private final NodeResults results;
  private final ProductMetrics metrics;

  private LlmCleaner llm;
  private Pool pool;

  /**
   * @param config the cleaner section
   * @param queue the queue settings (attempts before a turn is failed)
   * @param database the database as running (its URL, result batches in flight)
   * @param engine the deterministic cleaner; when {@code cleaner.llm.enabled}, the LLM cleaner this
   *     shard creates uses it for AI turns, garbage and as its fallback
   * @param results the node's result store, shared by its shards
   * @param metrics the process's meters
   */
  public CleanerVerticle(
      CleanerSettings config,
      QueueSettings queue,
      DatabaseSettings database,
      int shard,
      TurnCleaner engine,
      NodeResults results,
      ProductMetrics metrics) {
    this.config = config;
    this.queue = queue;
    this.database = database;
    this.shard = shard;
    this.engine = engine;
    this.results = results;
    this.metrics = metrics;
  }

  /**
   * How shard {@code shard} is deployed: a worker verticle on a pool of one thread, {@code
   * cc-shard-<shard>}. Measured against an event-loop verticle that moved each user turn's cleaning
   * to such a thread and back: two thread hand-overs fewer per user turn and the shard's own work
   * off the event loops (docs/PERFORMANCE.md, fourteenth round).
   */
  public static DeploymentOptions deployment(int shard) {
    return new DeploymentOptions()
        .setThreadingModel(ThreadingModel.WORKER)
        .setWorkerPoolName("cc-shard-" + shard)
        .setWorkerPoolSize(1);
  }

  @Override
  public Future<?> start() {
    if (!context.isWorkerContext()) {
      return Future.failedFuture(
          new IllegalStateException(
              "a cleaner shard computes on its own thread: deploy it with"
                  + " CleanerVerticle.deployment(shard)"));
    }
    TurnJob.register(vertx);
    TurnEvents.register(vertx);
    LlmSettings settings = config.llm();
    // Created here, not in Main: its HTTP client and circuit breaker belong to this shard's
    // context.
    Future<TurnCleaner> chosen =
        !settings.enabled()
            ? Future.succeededFuture(engine)
            : LlmCleaner.create(vertx, settings, engine, "shard-" + shard)
                .map(
                    created -> {
                      llm = created;
                      return created;
                    });
    return chosen.compose(
        cleaner -> {
          pool = Database.hotPathPool(vertx, database.url(), POOL_SIZE, "pg-shard-" + shard);
          // The shard's own reads of pending turns (a job's turn not carried, or not the next);
          // its results go to the node's store, shared by every shard (NodeResults).
          CoalescedTurnStore hotPath =
              new CoalescedTurnStore(context, pool, database.resultBatchesInFlight(), metrics);
          ConversationOwner owner =
              new ConversationOwner(
                  new ConversationStates(
                      config.cacheSize(),
                      new TurnStore(pool),
                      new ConversationStore(pool),
                      new PrivacyStore(pool)),
                  new TurnCleaning(cleaner, shard, new Redactor()),
                  hotPath,
                  new PendingTurns(pool),
                  results,
                  queue.maxAttempts());
          ConversationLines lines = new ConversationLines(owner::handle);
          // Jobs come from the partition's worker on this node (a clustered node owns both), by
          // reference, those of one read together; anything else is a health check's ping, from
          // any node.
          return vertx
              .eventBus()
              .<Object>consumer(
                  Addresses.cleanerShard(shard),
                  msg -> {
                    if (msg.body() instanceof ShardJobs handed) {
                      answer(lines, handed).onSuccess(msg::reply);
                    } else {
                      msg.reply(new JsonObject().put("shard", shard));
                    }
                  })
              .completion();
        });
  }

  /**
   * Every job's outcome, in order, once all of them are known: a job whose handling failed (a read
   * or store the shard needed) is answered FAILED, so the worker hands back that job alone.
   */
  private static Future<ShardJobs.Answers> answer(ConversationLines lines, ShardJobs handed) {
    List<Future<ShardOutcome>> outcomes = new ArrayList<>(handed.jobs().size());
    for (TurnJob job : handed.jobs()) {
      outcomes.add(lines.submit(job));
    }
    return Future.join(outcomes)
        .transform(
            all -> {
              List<ShardOutcome> answers = new ArrayList<>(outcomes.size());
              for (Future<ShardOutcome> outcome : outcomes) {
                answers.add(
                    outcome.succeeded()
                        ? outcome.result()
                        : ShardOutcome.failed(String.valueOf(outcome.cause().getMessage())));
              }
              return Future.succeededFuture(new ShardJobs.Answers(answers));
            });
  }

  @Override
  public Future<?> stop() {
    Future<Void> closed = llm == null ? Future.succeededFuture() : llm.close();
    return Future.join(closed, pool == null ? Future.succeededFuture() : pool.close());
  }
}
