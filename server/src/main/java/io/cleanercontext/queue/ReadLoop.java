package io.cleanercontext.queue;

import io.cleanercontext.queue.client.Delivery;
import io.cleanercontext.queue.client.JobQueue;
import io.cleanercontext.telemetry.ProductMetrics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's reading: one blocking read at a time from its partitions, up to its free in-flight
 * slots, the jobs of each read handed over at once and together (the conversation's shard sequences
 * them). Stopping (a drain) ends reading and completes once the outstanding read has returned and
 * every job it holds is done; starting resumes. Used on the worker's event loop.
 */
final class ReadLoop {
  private static final Logger LOG = LoggerFactory.getLogger(ReadLoop.class);

  /** How a loop reads: batch size, in-flight limit and how long one read waits for a job. */
  record Settings(int batchSize, int maxInFlight, long blockMs) {}

  private final Vertx vertx;
  private final JobQueue queue;
  private final String consumer;
  private final List<Integer> partitions;
  private final Settings settings;
  private final ProductMetrics metrics;
  private final Function<List<Delivery>, Future<Void>> handler;

  /** Deliveries handed over and not yet done (a reclaim must not hand one over twice). */
  private final Set<String> held = new HashSet<>();

  private long processed;

  private boolean running;
  private boolean reading;
  private Promise<Void> drained;

  /**
   * @param handler handles the jobs of one read (at most a batch); its future completes when all of
   *     them are done and never fails
   */
  ReadLoop(
      Vertx vertx,
      JobQueue queue,
      String consumer,
      List<Integer> partitions,
      Settings settings,
      ProductMetrics metrics,
      Function<List<Delivery>, Future<Void>> handler) {
    this.vertx = vertx;
    this.queue = queue;
    this.consumer = consumer;
    this.partitions = partitions;
    this.settings = settings;
    this.metrics = metrics;
    this.handler = handler;
  }

  void start() {
    running = true;
    read();
  }

  /** Stops reading; completes once the outstanding read has returned and its jobs are done. */
  Future<Void> drain() {
    running = false;
    if (drained == null || drained.future().isComplete()) {
      drained = Promise.promise();
    }
    Future<Void> done = drained.future();
    checkDrained();
    return done;
  }

  /**
   * Jobs for this worker, read here or taken over from another consumer, handed over a batch at a
   * time.
   */
  void dispatch(List<Delivery> deliveries) {
    for (int from = 0; from < deliveries.size(); from += settings.batchSize()) {
      handOver(deliveries.subList(from, Math.min(deliveries.size(), from + settings.batchSize())));
    }
  }

  private void handOver(List<Delivery> batch) {
    long now = System.currentTimeMillis();
    for (Delivery delivery : batch) {
      metrics.queueWait(now - delivery.job().enqueuedAt());
      held.add(delivery.id());
    }
    handler
        .apply(batch)
        .onComplete(
            ar -> {
              for (Delivery delivery : batch) {
                held.remove(delivery.id());
              }
              processed += batch.size();
              checkDrained();
              read();
            });
  }

  /** Whether this delivery is being handled here (a reclaim must not run it twice). */
  boolean holds(String deliveryId) {
    return held.contains(deliveryId);
  }

  boolean running() {
    return running;
  }

  /** {@code running}, {@code draining} (stopped, jobs still in flight) or {@code stopped}. */
  String state() {
    boolean draining = !running && drained != null && !drained.future().isComplete();
    return running ? "running" : draining ? "draining" : "stopped";
  }

  int inFlight() {
    return held.size();
  }

  long processed() {
    return processed;
  }

  private void read() {
    int inFlight = held.size();
    if (!running || reading || inFlight >= settings.maxInFlight()) {
      return;
    }
    reading = true;
    int room = Math.min(settings.batchSize(), settings.maxInFlight() - inFlight);
    queue
        .read(consumer, partitions, room, settings.blockMs())
        .onComplete(
            ar -> {
              reading = false;
              if (ar.succeeded()) {
                // A read still outstanding when the worker was stopped delivers here: those jobs
                // are taken, so they are processed; the drain waits for them.
                dispatch(ar.result());
                checkDrained();
                read();
              } else {
                LOG.warn("Queue read failed, retrying in 1 s: {}", ar.cause().getMessage());
                vertx.setTimer(1000, t -> read());
              }
            });
  }

  private void checkDrained() {
    if (!running && !reading && held.isEmpty() && drained != null) {
      drained.tryComplete();
    }
  }
}
