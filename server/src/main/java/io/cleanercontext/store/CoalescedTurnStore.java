package io.cleanercontext.store;

import io.cleanercontext.batch.Coalescer;
import io.cleanercontext.contract.CleanedTurn;
import io.cleanercontext.contract.StoredTurn;
import io.cleanercontext.contract.TurnSubmission;
import io.cleanercontext.contract.TurnToClean;
import io.cleanercontext.store.PendingTurns.PendingRange;
import io.cleanercontext.store.SubmissionInserts.Accepted;
import io.cleanercontext.store.SubmissionInserts.GroupResult;
import io.cleanercontext.store.SubmissionInserts.InsertGroup;
import io.cleanercontext.telemetry.ProductMetrics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The per-turn statements of the hot path, coalesced: the turns one verticle handles at the same
 * time share round trips and commits instead of paying one each. Ingest stores a burst of
 * submissions in one transaction; a queue worker reads the pending turns of many conversations in
 * one statement and records their results in one transaction. Used from the one verticle that
 * created it.
 */
public final class CoalescedTurnStore {
  /** Most pending turns read per conversation and job round; a full page means "read again". */
  public static final int PENDING_PAGE = 100;

  private static final int MAX_BATCH = 256;

  /** Groups per insert batch: a group can be a whole batch submission (up to 100 turns). */
  private static final int MAX_INSERT_GROUPS = 64;

  private final Coalescer<InsertGroup, GroupResult> inserts;
  private final Coalescer<PendingRange, List<TurnToClean>> pendingReads;
  private final Coalescer<List<CleanedTurn>, List<StoredTurn>> completions;

  /**
   * @param maxInFlight batches outstanding at once per kind of statement (about the pool's size)
   */
  public CoalescedTurnStore(Context context, Pool pool, int maxInFlight, ProductMetrics metrics) {
    SubmissionInserts submissions = new SubmissionInserts(pool);
    PendingTurns pending = new PendingTurns(pool);
    long timeout = Coalescer.DEFAULT_TIMEOUT_MS;
    inserts =
        new Coalescer<>(
            "insert",
            context,
            MAX_INSERT_GROUPS,
            maxInFlight,
            timeout,
            metrics.batches("insert"),
            submissions::insertGroups);
    pendingReads =
        new Coalescer<>(
            "pending_read",
            context,
            MAX_BATCH,
            maxInFlight,
            timeout,
            metrics.batches("pending_read"),
            queries -> pending.pendingUpTo(queries, PENDING_PAGE));
    completions =
        new Coalescer<>(
            "complete",
            context,
            MAX_BATCH,
            maxInFlight,
            timeout,
            metrics.batches("complete"),
            groups -> flattened(groups, pending::complete));
  }

  /**
   * Stores the turns of one conversation as pending with its next seqs, in their order, all or
   * none, in one transaction with the submissions that arrive with them. An entry is null when the
   * submitter's tenant has no such conversation.
   */
  public Future<List<Accepted>> insertPending(List<TurnSubmission> submissions) {
    return inserts.submit(new InsertGroup(submissions, null)).map(GroupResult::accepted);
  }

  /**
   * {@link #insertPending} for a submission that may carry an idempotency key: claimed in the same
   * transaction as its turns, or, claimed before, the first answer and nothing stored.
   */
  public Future<GroupResult> insertGroup(InsertGroup group) {
    return inserts.submit(group);
  }

  /**
   * Up to {@link #PENDING_PAGE} pending turns of the conversation after {@code afterSeq} (0: from
   * its first) and up to {@code seq}, in order.
   */
  public Future<List<TurnToClean>> pendingUpTo(String conversationId, long afterSeq, long seq) {
    return pendingReads.submit(new PendingRange(conversationId, afterSeq, seq));
  }

  /** {@link PendingTurns#complete}, sharing a transaction with other conversations' results. */
  public Future<List<StoredTurn>> complete(List<CleanedTurn> results) {
    return completions.submit(results);
  }

  /**
   * One statement batch for many requests' items: the requests' lists are sent as one list and the
   * results cut back into one list per request. A batch that fails is retried one request at a time
   * by the coalescer, so each request's items stay all-or-nothing.
   */
  private static <I, O> Future<List<List<O>>> flattened(
      List<List<I>> groups, Function<List<I>, Future<List<O>>> statement) {
    List<I> all = new ArrayList<>();
    groups.forEach(all::addAll);
    return statement
        .apply(all)
        .map(
            results -> {
              List<List<O>> out = new ArrayList<>(groups.size());
              int at = 0;
              for (List<I> group : groups) {
                out.add(new ArrayList<>(results.subList(at, at + group.size())));
                at += group.size();
              }
              return out;
            });
  }
}
