package io.cleanercontext.queue.client;

import io.cleanercontext.batch.Coalescer;
import io.cleanercontext.contract.TurnJob;
import io.cleanercontext.telemetry.ProductMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The per-job writes of the Redis queue, coalesced: the {@code XADD}s of jobs enqueued at the same
 * time go in one pipelined write, and so do their acknowledgements, with one {@code XACK} and one
 * {@code XDEL} per stream for many entries. Both are idempotent (a duplicate job finds nothing
 * pending; acks repeat harmlessly), so a batch can be retried whole.
 *
 * <p>Acknowledgements go one batch at a time, and a batch lingers until its oldest has waited
 * {@link #ACK_LINGER_MS}: they come after the turn is delivered, so the wait costs no turn any
 * latency, and the jobs answered meanwhile (each shard answers its jobs one by one, as their
 * results are stored) leave together. Without the linger, at 4,500 turns/s the acknowledgements
 * left in about 23 round trips per 100 turns (docs/PERFORMANCE.md, thirteenth round). A job whose
 * acknowledgement a crash loses is delivered again and answered at once (its turn is stored).
 */
final class PipelinedWrites {
  /**
   * Acknowledgement batches outstanding at once: off the delivery path, so one gathers the rest.
   */
  static final int ACKS_IN_FLIGHT = 1;

  /** How long the oldest acknowledgement of a batch waits for others to join it. */
  static final long ACK_LINGER_MS = 5;

  private final Redis client;
  private final IntFunction<String> stream;
  private final Coalescer<TurnJob, Void> adds;
  private final Coalescer<Delivery, Void> acks;

  /**
   * @param stream the stream key of a partition
   * @param inFlight {@code XADD} batches outstanding at once (the connection pool's size)
   */
  PipelinedWrites(
      Vertx vertx, Redis client, IntFunction<String> stream, int inFlight, ProductMetrics metrics) {
    this.client = client;
    this.stream = stream;
    adds =
        new Coalescer<>(
            "enqueue",
            vertx.getOrCreateContext(),
            256,
            inFlight,
            Coalescer.DEFAULT_TIMEOUT_MS,
            metrics.batches("enqueue"),
            this::addAll);
    acks =
        new Coalescer<>(
                "ack",
                vertx.getOrCreateContext(),
                256,
                ACKS_IN_FLIGHT,
                Coalescer.DEFAULT_TIMEOUT_MS,
                metrics.batches("ack"),
                this::ackAll)
            .lingering(ACK_LINGER_MS);
  }

  Future<Void> add(TurnJob job) {
    return adds.submit(job);
  }

  Future<Void> ack(Delivery delivery) {
    return acks.submit(delivery);
  }

  private Future<List<Void>> addAll(List<TurnJob> jobs) {
    List<Request> requests = new ArrayList<>(jobs.size());
    for (TurnJob job : jobs) {
      requests.add(
          Request.cmd(Command.XADD)
              .arg(stream.apply(job.partition()))
              .arg("*")
              .arg(StreamEntries.JOB_FIELD)
              .arg(job.toJson().encode()));
    }
    return client.batch(requests).map(responses -> Collections.nCopies(jobs.size(), null));
  }

  /** Per stream, one XACK then one XDEL of all the entries: deleted only once acknowledged. */
  private Future<List<Void>> ackAll(List<Delivery> deliveries) {
    Map<String, List<String>> idsByStream = new LinkedHashMap<>();
    deliveries.forEach(
        d ->
            idsByStream
                .computeIfAbsent(stream.apply(d.job().partition()), k -> new ArrayList<>())
                .add(d.id()));
    List<Request> requests = new ArrayList<>();
    idsByStream.forEach(
        (key, ids) -> {
          Request ack = Request.cmd(Command.XACK).arg(key).arg(RedisJobQueue.GROUP);
          Request del = Request.cmd(Command.XDEL).arg(key);
          ids.forEach(
              id -> {
                ack.arg(id);
                del.arg(id);
              });
          requests.add(ack);
          requests.add(del);
        });
    return client.batch(requests).map(responses -> Collections.nCopies(deliveries.size(), null));
  }
}
