package io.cleanercontext.queue;

import io.cleanercontext.queue.client.Delivery;
import io.cleanercontext.queue.client.JobQueue;
import io.cleanercontext.telemetry.ProductMetrics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's reading: one blocking read at a time from its partitions, up to its free in-flight
 * slots, each job handed to the {@link ConversationDispatcher}. Stopping (a drain) ends reading and
 * completes once the outstanding read has returned and every job it holds is done; starting
 * resumes. Used on the worker's event loop.
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
  private final ConversationDispatcher dispatcher;

  private boolean running;
  private boolean reading;
  private Promise<Void> drained;

  /**
   * @param handler processes jobs of one conversation together; its future never fails
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
    this.dispatcher = new ConversationDispatcher(handler, this::afterJobs);
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

  /** A job for this worker, read here or taken over from another consumer. */
  void dispatch(Delivery delivery) {
    metrics.queueWait(System.currentTimeMillis() - delivery.job().enqueuedAt());
    dispatcher.dispatch(delivery);
  }

  boolean holds(String deliveryId) {
    return dispatcher.holds(deliveryId);
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
    return dispatcher.inFlight();
  }

  long processed() {
    return dispatcher.processed();
  }

  private void read() {
    int inFlight = dispatcher.inFlight();
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
                ar.result().forEach(this::dispatch);
                checkDrained();
                read();
              } else {
                LOG.warn("Queue read failed, retrying in 1 s: {}", ar.cause().getMessage());
                vertx.setTimer(1000, t -> read());
              }
            });
  }

  private void afterJobs() {
    checkDrained();
    read();
  }

  private void checkDrained() {
    if (!running && !reading && dispatcher.inFlight() == 0 && drained != null) {
      drained.tryComplete();
    }
  }
}
