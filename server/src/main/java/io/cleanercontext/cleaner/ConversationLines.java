package io.cleanercontext.cleaner;

import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.ShardJob;
import io.cleanercontext.contract.ShardOutcome;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import java.util.ArrayList;
import java.util.Comparator;
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
  private final Function<List<ShardJob>, Future<ShardOutcome>> handler;

  /** Per conversation, the jobs waiting for the running group; present while one runs. */
  private final Map<String, List<Message<ShardJob>>> waiting = new HashMap<>();

  /**
   * @param handler handles jobs of one conversation together, the covering one first
   */
  ConversationLines(Function<List<ShardJob>, Future<ShardOutcome>> handler) {
    this.handler = handler;
  }

  @SuppressWarnings("unchecked")
  void submit(Message<?> message) {
    Message<ShardJob> msg = (Message<ShardJob>) message;
    String conversationId = msg.body().conversationId();
    List<Message<ShardJob>> queued = waiting.get(conversationId);
    if (queued != null) {
      queued.add(msg);
      return;
    }
    waiting.put(conversationId, new ArrayList<>());
    run(conversationId, List.of(msg));
  }

  private void run(String conversationId, List<Message<ShardJob>> group) {
    Message<ShardJob> lead =
        group.stream().max(Comparator.comparingLong(m -> m.body().upToSeq())).orElseThrow();
    List<ShardJob> jobs = new ArrayList<>(group.size());
    jobs.add(lead.body());
    group.forEach(
        m -> {
          if (m != lead) {
            jobs.add(m.body());
          }
        });
    Future<ShardOutcome> outcome;
    try {
      outcome = handler.apply(jobs);
    } catch (RuntimeException e) {
      outcome = Future.failedFuture(e);
    }
    outcome.onComplete(
        ar -> {
          for (Message<ShardJob> m : group) {
            if (m != lead) {
              m.reply(ShardOutcome.DONE);
            } else if (ar.succeeded()) {
              m.reply(ar.result());
            } else {
              m.fail(ErrorCode.UNAVAILABLE.code(), String.valueOf(ar.cause().getMessage()));
            }
          }
          List<Message<ShardJob>> next = waiting.get(conversationId);
          if (next == null || next.isEmpty()) {
            waiting.remove(conversationId);
          } else {
            waiting.put(conversationId, new ArrayList<>());
            run(conversationId, next);
          }
        });
  }
}
