package io.cleanercontext.batch;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns many single requests into few batched round trips (PostgreSQL statements in one
 * transaction, pipelined Redis commands) without making anyone wait for a timer.
 *
 * <p>A request is queued and a flush is scheduled behind the tasks already waiting on the event
 * loop, so the requests that arrive in one burst leave together. At most {@code maxInFlight}
 * batches are outstanding; while they are, new requests gather and leave as the next batch (up to
 * {@code maxBatch} each) as soon as one returns. At low load a request leaves alone after one
 * event-loop turn; under load batches grow by themselves, which is what keeps the round trips per
 * turn falling as the rate rises.
 *
 * <p>A coalescer may {@linkplain #lingering linger}: a batch then leaves at most once per linger
 * time, so requests that are not on anyone's critical path (acknowledgements of jobs already
 * delivered) gather into a few large batches instead of many small ones.
 *
 * <p>When a batch of more than one request fails, each of its requests is sent again on its own, in
 * order, so one bad request (a duplicate key, say) fails alone. The batch function must therefore
 * be all-or-nothing (one transaction) or idempotent.
 *
 * <p>A batch that has not returned after {@code timeoutMs} fails all its requests (they are retried
 * by their callers: a job goes back to the queue, an HTTP caller gets 503) and frees its slot, so
 * one lost reply cannot hold up every later request behind it.
 *
 * <p>Not thread-safe: use it from the one context (verticle) that created it.
 *
 * @param <I> a request
 * @param <O> its result
 */
public final class Coalescer<I, O> {
  private static final Logger LOG = LoggerFactory.getLogger(Coalescer.class);

  /** Default time a batch may take before its requests fail. */
  public static final long DEFAULT_TIMEOUT_MS = 10_000;

  private final String name;
  private final long timeoutMs;
  private final Context context;
  private final int maxBatch;
  private final int maxInFlight;

  /** Sends a batch; its result list has one entry per request, in the same order. */
  private final Function<List<I>, Future<List<O>>> send;

  /** Told of every batch done (metrics). */
  private final Observer observer;

  private final ArrayDeque<Pending<I, O>> waiting = new ArrayDeque<>();
  private int inFlight;
  private boolean flushScheduled;
  private long lingerMs;

  private record Pending<I, O>(I request, Promise<O> promise, long queuedAtNanos) {}

  /** What a coalescer tells about each batch once it is done (answered, failed or timed out). */
  @FunctionalInterface
  public interface Observer {
    /**
     * @param size requests in the batch
     * @param waitedNanos how long its oldest request waited before the batch left (for the batch in
     *     flight and the event loop)
     * @param roundTripNanos from leaving to done, including any one-by-one retries
     */
    void batchDone(int size, long waitedNanos, long roundTripNanos);
  }

  /**
   * @param name what is batched ({@code insert}, {@code ack}, ...), for logs
   */
  public Coalescer(
      String name,
      Context context,
      int maxBatch,
      int maxInFlight,
      long timeoutMs,
      Observer observer,
      Function<List<I>, Future<List<O>>> send) {
    if (maxBatch < 1 || maxInFlight < 1) {
      throw new IllegalArgumentException("maxBatch and maxInFlight must be at least 1");
    }
    this.name = name;
    this.timeoutMs = timeoutMs;
    this.context = context;
    this.maxBatch = maxBatch;
    this.maxInFlight = maxInFlight;
    this.observer = observer;
    this.send = send;
  }

  /**
   * Makes a batch wait until its oldest request has waited {@code ms} (a full batch leaves at
   * once): for requests whose callers lose nothing by the wait. Call before the first request.
   *
   * @return this coalescer
   */
  public Coalescer<I, O> lingering(long ms) {
    if (ms < 0) {
      throw new IllegalArgumentException("linger must not be negative");
    }
    this.lingerMs = ms;
    return this;
  }

  /** Queues the request; the future completes with its own result when its batch returns. */
  public Future<O> submit(I request) {
    Promise<O> promise = Promise.promise();
    waiting.add(new Pending<>(request, promise, System.nanoTime()));
    if (lingerMs > 0 && waiting.size() >= maxBatch) {
      flush();
    } else {
      scheduleFlush(lingerMs);
    }
    return promise.future();
  }

  /** A flush after {@code delayMs}, or behind the tasks already waiting on the event loop. */
  private void scheduleFlush(long delayMs) {
    if (flushScheduled) {
      return;
    }
    flushScheduled = true;
    if (delayMs <= 0) {
      context.runOnContext(v -> scheduledFlush());
    } else {
      ((ContextInternal) context).setTimer(delayMs, id -> scheduledFlush());
    }
  }

  private void scheduledFlush() {
    flushScheduled = false;
    flush();
  }

  private void flush() {
    while (inFlight < maxInFlight && !waiting.isEmpty()) {
      List<Pending<I, O>> batch = new ArrayList<>(Math.min(maxBatch, waiting.size()));
      while (batch.size() < maxBatch && !waiting.isEmpty()) {
        batch.add(waiting.poll());
      }
      inFlight++;
      sendBatch(batch)
          .onComplete(
              ar -> {
                inFlight--;
                afterBatch();
              });
    }
  }

  /** A batch is back: the next leaves now, or once its oldest request has lingered. */
  private void afterBatch() {
    if (lingerMs == 0 || waiting.isEmpty()) {
      flush();
      return;
    }
    long waitedMs = (System.nanoTime() - waiting.peek().queuedAtNanos()) / 1_000_000;
    if (waitedMs >= lingerMs || waiting.size() >= maxBatch) {
      flush();
    } else {
      scheduleFlush(lingerMs - waitedMs);
    }
  }

  /** Sends the batch; completes when every request of it has its answer, never fails. */
  private Future<Void> sendBatch(List<Pending<I, O>> batch) {
    long sentAt = System.nanoTime();
    Runnable observe =
        () ->
            observer.batchDone(
                batch.size(), sentAt - batch.get(0).queuedAtNanos(), System.nanoTime() - sentAt);
    List<I> input = new ArrayList<>(batch.size());
    batch.forEach(p -> input.add(p.request()));
    return call(input)
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .transform(
            ar -> {
              if (ar.succeeded() && ar.result().size() == batch.size()) {
                observe.run(); // before the answers, whose callers may already look at the metrics
                for (int i = 0; i < batch.size(); i++) {
                  batch.get(i).promise().tryComplete(ar.result().get(i));
                }
                return Future.succeededFuture();
              }
              Throwable cause =
                  ar.succeeded()
                      ? new IllegalStateException(
                          "batch of "
                              + batch.size()
                              + " returned "
                              + ar.result().size()
                              + " results")
                      : ar.cause();
              if (cause instanceof TimeoutException) {
                // No answer is not a bad request: fail them all, do not send each again.
                LOG.warn(
                    "A batch of {} {} request(s) got no answer within {} ms; they fail and are retried",
                    batch.size(),
                    name,
                    timeoutMs);
                observe.run();
                batch.forEach(p -> p.promise().tryFail(cause));
                return Future.succeededFuture();
              }
              if (batch.size() == 1) {
                observe.run();
                batch.get(0).promise().tryFail(cause);
                return Future.succeededFuture();
              }
              // Isolate the bad request: each goes again on its own (the failed batch changed
              // nothing),
              // one after the other so that they keep their order.
              Future<Void> chain = Future.succeededFuture();
              for (Pending<I, O> p : batch) {
                chain = chain.transform(ignored -> sendAlone(p, cause));
              }
              return chain.onComplete(done -> observe.run());
            });
  }

  private Future<Void> sendAlone(Pending<I, O> p, Throwable batchCause) {
    return call(List.of(p.request()))
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .transform(
            single -> {
              if (single.succeeded() && single.result().size() == 1) {
                p.promise().tryComplete(single.result().get(0));
              } else {
                p.promise().tryFail(single.succeeded() ? batchCause : single.cause());
              }
              return Future.succeededFuture();
            });
  }

  private Future<List<O>> call(List<I> input) {
    try {
      return send.apply(input);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
