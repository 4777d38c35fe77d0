package io.cleanercontext.queue;

import java.util.ArrayList;
import java.util.List;

/**
 * What a queue worker reads and answers for, decided once when it is made: on one node, worker
 * {@code i} of {@code n} reads partitions {@code p % n == i} and worker 0 re-enqueues every
 * conversation's lost jobs; in a cluster, the worker of an owned shard reads that one partition,
 * takes over what its previous owner left and re-enqueues only its own conversations. The rest of
 * the worker's code is the same in both modes.
 *
 * @param instance the worker's index on its node, or the shard it owns
 * @param owned a clustered node's worker for the shard it owns (it took the partition over, and
 *     drains it before handing it on)
 * @param sweeps whether this worker re-enqueues lost jobs (at start-up and periodically)
 */
record Assignment(
    int instance, List<Integer> partitions, String name, boolean owned, boolean sweeps) {

  /** Worker {@code instance} of {@code instances} on one node. */
  static Assignment shared(int instance, int instances, int shards) {
    List<Integer> partitions = new ArrayList<>();
    for (int p = 0; p < shards; p++) {
      if (p % instances == instance) {
        partitions.add(p);
      }
    }
    return new Assignment(
        instance, List.copyOf(partitions), Integer.toString(instance), false, instance == 0);
  }

  /** The worker of the shard a clustered node owns: the only reader of that partition. */
  static Assignment owned(int shard) {
    return new Assignment(shard, List.of(shard), "p" + shard, true, true);
  }

  /** Whether this worker re-enqueues the lost jobs of a conversation of this partition. */
  boolean recovers(int partition) {
    return !owned || partitions.contains(partition);
  }
}
