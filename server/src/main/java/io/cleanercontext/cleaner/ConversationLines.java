package io.cleanercontext.cleaner;

import io.cleanercontext.contract.ShardOutcome;
import io.cleanercontext.contract.TurnJob;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one sequencer of a conversation's turns: one job group per conversation at a time. A job of
 * an idle conversation runs at once; jobs of a busy one wait, and every job that waited meanwhile
 * is handled in one go once the running group is done (the one with the highest seq covers the
 * others: every pending turn up to it is handled). So a backlog is worked off many turns per round
 * trip. The covering job is answered with the group's outcome, the covered ones with DONE (their
 * turns are stored, or the covering job's retry or fresh job carries them on). Different
 * conversations run concurrently. Used on the shard's context.
 */
final class ConversationLines {
  private record Waiting(TurnJob job, Promise<ShardOutcome> answer) {}

  private final Function<List<TurnJob>, Future<ShardOutcome>> handler;

  /** Per conversation, the jobs waiting for the running group; present while one runs. */
  private final Map<String, List<Waiting>> waiting = new HashMap<>();

  /**
   * @param handler handles jobs of one conversation together, the covering one first
   */
  ConversationLines(Function<List<TurnJob>, Future<ShardOutcome>> handler) {
    this.handler = handler;
  }

  /** The job's outcome, once it has been handled (alone, or covered by a later job). */
  Future<ShardOutcome> submit(TurnJob job) {
    Waiting entry = new Waiting(job, Promise.promise());
    List<Waiting> queued = waiting.get(job.conversationId());
    if (queued != null) {
      queued.add(entry);
    } else {
      waiting.put(job.conversationId(), new ArrayList<>());
      run(job.conversationId(), List.of(entry));
    }
    return entry.answer().future();
  }

  private void run(String conversationId, List<Waiting> group) {
    Waiting lead = highestSeq(group);
    List<TurnJob> jobs = new ArrayList<>(group.size());
    jobs.add(lead.job());
    for (Waiting w : group) {
      if (w != lead) {
        jobs.add(w.job());
      }
    }
    Future<ShardOutcome> outcome;
    try {
      outcome = handler.apply(jobs);
    } catch (RuntimeException e) {
      outcome = Future.failedFuture(e);
    }
    outcome.onComplete(
        ar -> {
          for (Waiting w : group) {
            if (w != lead) {
              w.answer().complete(ShardOutcome.DONE);
            }
          }
          lead.answer().handle(ar);
          List<Waiting> next = waiting.get(conversationId);
          if (next == null || next.isEmpty()) {
            waiting.remove(conversationId);
          } else {
            waiting.put(conversationId, new ArrayList<>());
            run(conversationId, next);
          }
        });
  }

  /** The waiting job with the highest seq (the first of equals). */
  private static Waiting highestSeq(List<Waiting> group) {
    Waiting lead = group.get(0);
    for (Waiting w : group) {
      if (w.job().seq() > lead.job().seq()) {
        lead = w;
      }
    }
    return lead;
  }
}
