package io.cleanercontext.queue;

import io.cleanercontext.contract.ShardRouter;
import io.cleanercontext.contract.Speaker;
import io.cleanercontext.contract.TurnJob;
import io.cleanercontext.queue.client.Delivery;
import io.cleanercontext.queue.client.JobQueue;
import io.cleanercontext.store.PendingTurns;
import io.cleanercontext.store.PendingTurns.PendingConversation;
import io.cleanercontext.telemetry.ProductMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a worker makes sure no accepted turn is left behind: it takes over jobs whose consumer died
 * holding them (reclaim after {@code claim_idle_ms}), re-enqueues conversations whose pending turns
 * may have lost their job (at start-up, then a periodic sweep), and, as the new owner of a
 * clustered partition, claims everything the previous owner left unacknowledged. Duplicate jobs are
 * harmless: they find nothing pending.
 */
final class QueueRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(QueueRecovery.class);

  private final Vertx vertx;
  private final JobQueue queue;
  private final PendingTurns turns;
  private final ReadLoop loop;
  private final ProductMetrics metrics;
  private final String consumer;
  private final Assignment assignment;
  private final int shards;

  QueueRecovery(
      Vertx vertx,
      JobQueue queue,
      PendingTurns turns,
      ReadLoop loop,
      ProductMetrics metrics,
      String consumer,
      Assignment assignment,
      int shards) {
    this.vertx = vertx;
    this.queue = queue;
    this.turns = turns;
    this.loop = loop;
    this.metrics = metrics;
    this.consumer = consumer;
    this.assignment = assignment;
    this.shards = shards;
  }

  /** Periodic reclaim every half {@code claimIdleMs}; the pending sweep too when {@code sweeps}. */
  void schedule(long claimIdleMs, boolean sweeps, long sweepAgeMs) {
    vertx.setPeriodic(Math.max(500, claimIdleMs / 2), id -> reclaim(claimIdleMs));
    if (sweeps) {
      vertx.setPeriodic(
          Math.max(1_000, sweepAgeMs / 2),
          id ->
              recoverPending(sweepAgeMs)
                  .onFailure(e -> LOG.warn("Pending-turn sweep failed: {}", e.getMessage())));
    }
  }

  private void reclaim(long idleMs) {
    if (!loop.running()) {
      return;
    }
    queue
        .reclaim(consumer, assignment.partitions(), idleMs, 100)
        .onSuccess(
            list -> {
              // Jobs this worker still holds are queued behind their conversation, not stalled.
              List<Delivery> stalled = list.stream().filter(d -> !loop.holds(d.id())).toList();
              if (!stalled.isEmpty()) {
                LOG.info(
                    "Reclaimed {} stalled job(s) idle for more than {} ms", stalled.size(), idleMs);
                metrics.reclaimed(stalled.size());
                loop.dispatch(stalled);
              }
            });
  }

  /**
   * A new owner of the partition: entries the previous owner read but never acknowledged are
   * claimed at once (idle 0: nobody else reads this partition any more), then pending turns of the
   * partition's conversations are enqueued again (a turn stored just before its node died may never
   * have been enqueued).
   */
  Future<Void> takeOver() {
    return queue
        .reclaim(consumer, assignment.partitions(), 0, 1000)
        .compose(
            claimed -> {
              if (!claimed.isEmpty()) {
                LOG.info(
                    "Took over {} unacknowledged job(s) of partition {} from its previous owner",
                    claimed.size(),
                    assignment.name());
                metrics.reclaimed(claimed.size());
                // Dispatched once the worker runs; order per conversation is kept by the chain.
                vertx.runOnContext(v -> loop.dispatch(claimed));
              }
              return recoverPending(0);
            });
  }

  /**
   * Turns pending in PostgreSQL for longer than {@code olderThanMs} whose jobs may be lost (a
   * previous process died, or the enqueue failed after the insert): enqueue their conversations
   * again. At start-up every pending turn counts; later the periodic sweep catches stragglers.
   */
  Future<Void> recoverPending(long olderThanMs) {
    return turns
        .pendingConversations(olderThanMs)
        .compose(
            list -> {
              List<Future<Void>> enqueued = new ArrayList<>();
              for (PendingConversation row : list) {
                String conversationId = row.conversationId();
                int partition = ShardRouter.shardOf(conversationId, shards);
                if (!assignment.recovers(partition)) {
                  continue;
                }
                enqueued.add(
                    queue.enqueue(
                        new TurnJob(
                            UUID.randomUUID().toString(),
                            conversationId,
                            row.seq(),
                            partition,
                            row.hasUser() ? Speaker.USER : Speaker.AI,
                            System.currentTimeMillis())));
              }
              if (!enqueued.isEmpty()) {
                LOG.info(
                    "Re-enqueued pending turns of {} conversation(s) waiting for more than {} ms",
                    enqueued.size(),
                    olderThanMs);
              }
              return Future.all(enqueued).<Void>mapEmpty();
            });
  }
}
