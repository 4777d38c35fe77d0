package io.cleanercontext.contract;

import java.util.List;

/**
 * The jobs of one queue read that belong to one cleaner shard, handed to it in one event-bus
 * message (by reference, {@link TurnJob#register}); the shard answers once for all of them with
 * {@link Answers}, one outcome per job in the same order. Under load a read returns many jobs, so
 * the hand-over and its answer cost a message each per read and shard rather than per turn.
 */
public record ShardJobs(List<TurnJob> jobs) {

  /** The shard's answer: {@code outcomes.get(i)} is the outcome of {@code jobs.get(i)}. */
  public record Answers(List<ShardOutcome> outcomes) {}
}
