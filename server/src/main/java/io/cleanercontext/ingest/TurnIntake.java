package io.cleanercontext.ingest;

import io.cleanercontext.contract.ShardRouter;
import io.cleanercontext.contract.Speaker;
import io.cleanercontext.contract.SubmissionAccepted;
import io.cleanercontext.contract.TurnAccepted;
import io.cleanercontext.contract.TurnJob;
import io.cleanercontext.contract.TurnSubmission;
import io.cleanercontext.contract.TurnToClean;
import io.cleanercontext.logging.TurnLog;
import io.cleanercontext.queue.client.JobQueue;
import io.cleanercontext.store.CoalescedTurnStore;
import io.cleanercontext.store.IdempotencyKeys.AnsweredTurn;
import io.cleanercontext.store.IdempotencyKeys.Idempotency;
import io.cleanercontext.store.IdempotencyKeys.Replay;
import io.cleanercontext.store.SubmissionInserts.Accepted;
import io.cleanercontext.store.SubmissionInserts.InsertGroup;
import io.cleanercontext.telemetry.ProductMetrics;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One submission's way in: its turns stored as pending (with its idempotency key, if any, in the
 * same transaction), each turn's job enqueued, the acceptance answered; or, for a retry of a key
 * claimed before, the first answer again and nothing stored.
 */
final class TurnIntake {
  private static final Logger LOG = LoggerFactory.getLogger(TurnIntake.class);

  private final CoalescedTurnStore turns;
  private final JobQueue queue;
  private final Admission admission;
  private final ProductMetrics metrics;
  private final int shards;
  private final long idempotencyWindowMs;

  TurnIntake(
      CoalescedTurnStore turns,
      JobQueue queue,
      Admission admission,
      ProductMetrics metrics,
      int shards,
      long idempotencyWindowMs) {
    this.turns = turns;
    this.queue = queue;
    this.admission = admission;
    this.metrics = metrics;
    this.shards = shards;
    this.idempotencyWindowMs = idempotencyWindowMs;
  }

  /**
   * Stores and enqueues the turns of one submission, in order, all or none.
   *
   * @param key the submission's idempotency key, or null
   * @param requestHash the hash of the validated request that goes with the key
   */
  Future<SubmissionAccepted> accept(
      List<TurnSubmission> submissions, String key, String requestHash) {
    Admission.Overloaded refused = admission.refusal();
    if (refused != null) {
      return Future.failedFuture(refused);
    }
    Idempotency idempotency = idempotency(key, requestHash, submissions.size());
    return turns
        .insertGroup(new InsertGroup(submissions, idempotency))
        .compose(
            result -> {
              if (result.replay() != null) {
                return replay(submissions.get(0), result.replay());
              }
              List<Accepted> accepted = result.accepted();
              if (accepted.get(0) == null) {
                return Future.failedFuture(new IngestFailure.NotFound());
              }
              List<Future<TurnAccepted>> enqueued = new ArrayList<>(submissions.size());
              for (int i = 0; i < submissions.size(); i++) {
                enqueued.add(
                    enqueue(
                        submissions.get(i),
                        accepted.get(i),
                        idempotency == null
                            ? UUID.randomUUID().toString()
                            : idempotency.jobIds().get(i),
                        idempotency == null ? System.currentTimeMillis() : idempotency.queuedAt()));
              }
              return Future.all(enqueued)
                  .map(
                      all -> {
                        submissions.forEach(s -> metrics.accepted(s.role().wireName()));
                        return new SubmissionAccepted(all.<TurnAccepted>list(), false);
                      });
            });
  }

  /**
   * The submission's idempotency key, or null: its job ids are chosen now, so they can be stored
   * with the key.
   */
  private Idempotency idempotency(String key, String requestHash, int turns) {
    if (key == null) {
      return null;
    }
    List<String> jobIds = new ArrayList<>(turns);
    for (int i = 0; i < turns; i++) {
      jobIds.add(UUID.randomUUID().toString());
    }
    return new Idempotency(
        key,
        requestHash == null ? "" : requestHash,
        jobIds,
        System.currentTimeMillis(),
        idempotencyWindowMs);
  }

  /**
   * A retry of a key claimed before: the first answer, from what was stored with it, and nothing
   * stored or enqueued (the first attempt's jobs run, or its turns are pending and re-enqueued).
   */
  private Future<SubmissionAccepted> replay(TurnSubmission first, Replay replay) {
    if (!replay.sameRequest()) {
      return Future.failedFuture(new IngestFailure.KeyReused());
    }
    List<TurnAccepted> answers = new ArrayList<>(replay.turns().size());
    for (AnsweredTurn turn : replay.turns()) {
      answers.add(
          accepted(
              turn.jobId(),
              turn.turnId(),
              turn.seq(),
              first.conversationId(),
              turn.role(),
              turn.queuedAt()));
    }
    metrics.idempotentReplay();
    return Future.succeededFuture(new SubmissionAccepted(answers, true));
  }

  /**
   * Enqueues the stored turn's job; answers the acceptance either way (a turn not enqueued stays
   * pending).
   */
  private Future<TurnAccepted> enqueue(
      TurnSubmission submission, Accepted accepted, String jobId, long enqueuedAt) {
    String conversationId = submission.conversationId();
    // The job carries the turn as stored: a worker up to date with the conversation cleans it
    // without reading it back.
    TurnToClean stored =
        TurnToClean.stored(
            submission, accepted.seq(), accepted.windowSize(), accepted.keytermsVersion());
    TurnJob job =
        new TurnJob(
            jobId,
            conversationId,
            accepted.seq(),
            ShardRouter.shardOf(conversationId, shards),
            submission.role(),
            enqueuedAt,
            stored);
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
                accepted(
                    job.jobId(),
                    submission.turnId(),
                    accepted.seq(),
                    conversationId,
                    submission.role(),
                    job.enqueuedAt()));
  }

  private TurnAccepted accepted(
      String jobId, String turnId, long seq, String conversationId, Speaker role, long queuedAt) {
    return new TurnAccepted(
        jobId,
        turnId,
        seq,
        conversationId,
        ShardRouter.shardOf(conversationId, shards),
        role,
        queuedAt,
        queue.name());
  }
}
