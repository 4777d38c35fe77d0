package io.cleanercontext.cleaner;

import io.cleanercontext.contract.CleanedTurn;
import io.cleanercontext.contract.ShardOutcome;
import io.cleanercontext.contract.TurnJob;
import io.cleanercontext.contract.TurnStatus;
import io.cleanercontext.contract.TurnToClean;
import io.cleanercontext.logging.TurnLog;
import io.cleanercontext.store.CoalescedTurnStore;
import io.cleanercontext.store.PendingTurns;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything about a group of one conversation's jobs, on the shard that owns the conversation: the
 * pending turns up to the covering job's seq (carried by the jobs when they are exactly the turns
 * after the last one stored, else read from PostgreSQL), the state, the cleaning, the results
 * stored (each leaves 'pending' in the same statement) and published. A turn that cannot be cleaned
 * is counted in PostgreSQL; after the last attempt it is stored as failed and published as such,
 * and the worker is told to dead-letter the job.
 */
final class ConversationOwner {
  private static final Logger LOG = LoggerFactory.getLogger(ConversationOwner.class);

  private final ConversationStates states;
  private final TurnCleaning cleaning;
  private final CoalescedTurnStore hotPath;
  private final PendingTurns turns;
  private final NodeResults results;
  private final int maxAttempts;

  ConversationOwner(
      ConversationStates states,
      TurnCleaning cleaning,
      CoalescedTurnStore hotPath,
      PendingTurns turns,
      NodeResults results,
      int maxAttempts) {
    this.states = states;
    this.cleaning = cleaning;
    this.hotPath = hotPath;
    this.turns = turns;
    this.results = results;
    this.maxAttempts = maxAttempts;
  }

  /**
   * @param jobs jobs of one conversation, the covering one (highest seq) first
   */
  Future<ShardOutcome> handle(List<TurnJob> jobs) {
    TurnJob lead = jobs.get(0);
    String conversationId = lead.conversationId();
    ConversationState state = states.held(conversationId);
    Long storedUpTo = state == null ? null : state.lastSeq;
    if (alreadyStored(storedUpTo, lead)) {
      // An earlier read cleaned this turn before its job came: nothing to read, nothing to do.
      return Future.succeededFuture(ShardOutcome.DONE);
    }
    List<TurnToClean> known = carriedRun(storedUpTo, jobs);
    if (known != null) {
      // Every earlier turn is stored and these are what ingest stored: no need to read them back.
      return cleanAndStore(conversationId, known);
    }
    // A job from ingest reads only after the turns known stored; a recovery job (nothing carried)
    // reads from the conversation's first turn, whatever this shard believes.
    long after = lead.carried() == null || state == null ? 0L : state.lastSeq;
    return readAndClean(conversationId, after, lead.seq());
  }

  private Future<ShardOutcome> readAndClean(String conversationId, long after, long upTo) {
    return hotPath
        .pendingUpTo(conversationId, after, upTo)
        .compose(
            pending -> {
              if (pending.isEmpty()) {
                return Future.succeededFuture(ShardOutcome.DONE); // done by an earlier job
              }
              return cleanAndStore(conversationId, pending)
                  .compose(
                      outcome -> {
                        // A full page means more pending turns up to this seq: go round again.
                        boolean more =
                            outcome.kind() == ShardOutcome.Kind.DONE
                                && pending.size() == CoalescedTurnStore.PENDING_PAGE;
                        ConversationState state = states.held(conversationId);
                        return more
                            ? readAndClean(conversationId, state == null ? 0 : state.lastSeq, upTo)
                            : Future.succeededFuture(outcome);
                      });
            });
  }

  private Future<ShardOutcome> cleanAndStore(String conversationId, List<TurnToClean> pending) {
    return states
        .stateFor(conversationId, pending)
        .compose(state -> cleaning.clean(conversationId, pending, state))
        .compose(
            cleaned -> {
              Future<Void> stored =
                  cleaned.results().isEmpty()
                      ? Future.succeededFuture()
                      : results.store(cleaned.results());
              return stored
                  .recover(
                      e -> {
                        // The state holds turns that are not stored: rebuild it next time.
                        states.forget(conversationId);
                        return Future.failedFuture(e);
                      })
                  .compose(
                      v ->
                          cleaned.failed() == null
                              ? Future.succeededFuture(ShardOutcome.DONE)
                              : attemptFailed(conversationId, cleaned.failed(), cleaned.error()));
            });
  }

  /**
   * A turn could not be cleaned: count the attempt in PostgreSQL (so it survives crashes); after
   * the last attempt it is stored as failed and published as such, and the conversation's later
   * turns flow on once the worker dead-letters the job and enqueues a fresh one.
   */
  private Future<ShardOutcome> attemptFailed(
      String conversationId, TurnToClean failed, String error) {
    return turns
        .recordAttempt(failed.turnId(), error)
        .compose(
            attempts -> {
              if (attempts < maxAttempts) {
                return Future.succeededFuture(ShardOutcome.retry(failed.turnId(), attempts, error));
              }
              JsonObject metadata = new JsonObject().put("attempts", attempts);
              CleanedTurn verdict =
                  new CleanedTurn(conversationId, failed, TurnStatus.FAILED, null, metadata, error);
              TurnLog.warn(
                  LOG,
                  conversationId,
                  failed.turnId(),
                  failed.seq(),
                  "Turn failed after {} attempts, dead-lettered: {}",
                  attempts,
                  error);
              return results
                  .store(List.of(verdict))
                  .map(
                      v -> {
                        ConversationState state = states.held(conversationId);
                        if (state != null && state.isJustBefore(failed.seq())) {
                          state.lastSeq = failed.seq(); // a failed turn adds nothing to the context
                        }
                        return ShardOutcome.deadLetter(failed.turnId(), attempts, error);
                      });
            });
  }

  /**
   * Whether the covering job's turn, and so every turn of its group, is already stored: a job from
   * ingest (it carries its turn) whose seq is not after the last one stored. A read of its pending
   * turns (after the last stored, up to its seq) could only come back empty. This is how the jobs
   * of turns that a read cleaned ahead of them (a backlog: their turns were pending, their jobs
   * still queued) are answered without a read each. A recovery job (nothing carried) reads whatever
   * this shard believes.
   *
   * @param storedUpTo the seq up to which every turn is known stored, or null (not known)
   */
  static boolean alreadyStored(Long storedUpTo, TurnJob lead) {
    return storedUpTo != null && lead.carried() != null && lead.seq() <= storedUpTo;
  }

  /**
   * The carried turns of these jobs as the pending turns to clean, if they are exactly the turns
   * after {@code storedUpTo}, each once and in order; else null, and the pending turns are read.
   *
   * @param storedUpTo the seq up to which every turn is known stored, or null (not known)
   */
  static List<TurnToClean> carriedRun(Long storedUpTo, List<TurnJob> jobs) {
    if (storedUpTo == null) {
      return null;
    }
    List<TurnToClean> carried = new ArrayList<>(jobs.size());
    for (TurnJob job : jobs) {
      if (job.carried() == null) {
        return null;
      }
      carried.add(job.carried());
    }
    carried.sort(Comparator.comparingLong(TurnToClean::seq));
    long next = storedUpTo + 1;
    for (TurnToClean c : carried) {
      if (c.seq() != next++) {
        return null;
      }
    }
    return carried;
  }
}
