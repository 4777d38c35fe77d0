package io.cleanercontext.ingest;

import io.cleanercontext.queue.client.JobQueue;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Admission control: the queue's backlog (jobs waiting, all partitions) is sampled every {@code
 * backlog_sample_ms}; past {@code max_backlog} new turns are refused with OVERLOADED (HTTP 503 +
 * Retry-After) so accept latency stays bounded instead of the queue growing without end. Used on
 * its verticle's event loop only.
 */
final class Admission {
  private final JobQueue queue;
  private final int partitions;
  private final long maxBacklog;
  private long backlog;

  Admission(JobQueue queue, int partitions, long maxBacklog) {
    this.queue = queue;
    this.partitions = partitions;
    this.maxBacklog = maxBacklog;
  }

  /** Samples the backlog every {@code sampleMs}. */
  void start(Vertx vertx, long sampleMs) {
    vertx.setPeriodic(sampleMs, t -> sample());
  }

  private void sample() {
    List<Future<JsonObject>> parts = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      parts.add(queue.partitionStatus(p));
    }
    Future.all(parts)
        .onSuccess(
            v -> backlog = parts.stream().mapToLong(f -> f.result().getLong("length")).sum());
  }

  /** Why a new turn is refused now (the last sample was over the limit), or null: admitted. */
  Overloaded refusal() {
    if (backlog > maxBacklog) {
      return new Overloaded(
          "the queue holds "
              + backlog
              + " waiting turns, over its limit of "
              + maxBacklog
              + "; retry shortly");
    }
    return null;
  }

  static final class Overloaded extends RuntimeException {
    Overloaded(String message) {
      super(message, null, false, false);
    }
  }
}
