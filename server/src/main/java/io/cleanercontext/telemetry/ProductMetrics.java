package io.cleanercontext.telemetry;

import io.cleanercontext.batch.Coalescer;
import io.cleanercontext.contract.Speaker;
import io.cleanercontext.contract.StoredTurn;
import io.cleanercontext.contract.TurnStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.backends.BackendRegistries;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The product's own meters, registered in the Vert.x Micrometer registry beside the HTTP, event bus
 * and pool metrics. Tags have bounded values only (role, status, level, reason): never a
 * conversation or turn id.
 */
public final class ProductMetrics {
  private static final double[] PERCENTILES = {0.5, 0.95, 0.99};

  private final MeterRegistry registry;
  private final Duration window;
  private final Timer queueWait;
  private final Timer delivery;
  private final Timer endToEnd;
  private final Counter retried;
  private final Counter deadLettered;
  private final Counter reclaimed;
  private final Counter slowClients;
  private final AtomicInteger webSockets = new AtomicInteger();
  private final AtomicInteger bridgeSockets = new AtomicInteger();
  private final TurnMeters turns;

  /**
   * Tagged meters of the per-turn path by their tag values: the registry's own lookup builds an id
   * and sorts tags on every call, which is measurable at thousands of turns a second.
   */
  private final Map<String, Meter> tagged = new ConcurrentHashMap<>();

  /** Per kind of coalesced round trip, its batches' timers, in kind order for the snapshot. */
  private final Map<String, BatchTimers> batchTimers = new ConcurrentSkipListMap<>();

  private record BatchTimers(Timer waits, Timer roundTrips) {}

  private ProductMetrics(MeterRegistry registry, Duration window) {
    this.registry = registry;
    this.window = window;
    this.turns = new TurnMeters(registry, PERCENTILES, window);
    this.queueWait = timer("cc.queue.wait", "Time from enqueue to a worker taking the job");
    this.delivery =
        timer("cc.delivery", "Post-to-delivery: from the HTTP request to the send to a subscriber");
    this.endToEnd = timer("cc.turn.end_to_end", "Time from the HTTP request to the stored result");
    this.retried =
        Counter.builder("cc.queue.retried")
            .description("Failed attempts handed back to the queue")
            .register(registry);
    this.deadLettered =
        Counter.builder("cc.queue.dead_lettered")
            .description("Jobs given up on")
            .register(registry);
    this.reclaimed =
        Counter.builder("cc.queue.reclaimed")
            .description("Stalled jobs taken over")
            .register(registry);
    this.slowClients =
        Counter.builder("cc.realtime.slow_client_disconnects")
            .description("Subscribers cut off for not keeping up")
            .register(registry);
    registry.gauge("cc.realtime.connections", List.of(Tag.of("kind", "websocket")), webSockets);
    registry.gauge("cc.realtime.connections", List.of(Tag.of("kind", "bridge")), bridgeSockets);
  }

  /**
   * The product's meters, built once per process by the main verticle and handed to the verticles
   * that record them: in the Vert.x Micrometer registry when metrics are enabled, else in a
   * registry of their own (tests, tools). Percentiles cover the last {@code window}.
   */
  public static ProductMetrics create(Duration window) {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    return new ProductMetrics(registry != null ? registry : new SimpleMeterRegistry(), window);
  }

  public MeterRegistry registry() {
    return registry;
  }

  private Timer timer(String name, String description, String... tags) {
    return Timer.builder(name)
        .description(description)
        .tags(tags)
        .publishPercentiles(PERCENTILES)
        .distributionStatisticExpiry(window)
        .register(registry);
  }

  public void accepted(String role) {
    cached("accepted|" + role, () -> registry.counter("cc.turns.accepted", "role", role))
        .increment();
  }

  public void queueWait(long ms) {
    queueWait.record(Math.max(0, ms), TimeUnit.MILLISECONDS);
  }

  public void retried() {
    retried.increment();
  }

  public void deadLettered() {
    deadLettered.increment();
  }

  public void reclaimed(int count) {
    reclaimed.increment(count);
  }

  /** A submission answered again for its Idempotency-Key (a client's retry): nothing stored. */
  public void idempotentReplay() {
    cached("idempotent_replay", () -> registry.counter("cc.turns.idempotent_replays")).increment();
  }

  public void slowClientDisconnected() {
    slowClients.increment();
  }

  /**
   * Observes one kind of coalesced round trip ({@code insert}, {@code pending_read}, {@code
   * complete}, {@code enqueue}, {@code ack}): {@code cc_batch_size} sum/count is the mean number of
   * requests sharing a statement or a Redis write; {@code cc_batch_wait} is how long a batch's
   * oldest request waited before it left, {@code cc_batch_round_trip} how long the batch then took.
   * Together they bound a turn's time in that step.
   */
  public Coalescer.Observer batches(String kind) {
    DistributionSummary sizes = registry.summary("cc.batch.size", "kind", kind);
    BatchTimers timers =
        batchTimers.computeIfAbsent(
            kind,
            k ->
                new BatchTimers(
                    timer(
                        "cc.batch.wait",
                        "Time the oldest request of a coalesced batch waited before it left",
                        "kind",
                        k),
                    timer(
                        "cc.batch.round_trip",
                        "Time a coalesced batch took from leaving to done",
                        "kind",
                        k)));
    return (size, waitedNanos, roundTripNanos) -> {
      sizes.record(size);
      timers.waits().record(waitedNanos, TimeUnit.NANOSECONDS);
      timers.roundTrips().record(roundTripNanos, TimeUnit.NANOSECONDS);
    };
  }

  /** Per kind of coalesced round trip seen so far: its batches' wait and round trip percentiles. */
  public JsonObject batchLatency() {
    JsonObject json = new JsonObject();
    batchTimers.forEach(
        (kind, timers) ->
            json.put(
                kind,
                new JsonObject()
                    .put("wait", Percentiles.of(timers.waits()))
                    .put("round_trip", Percentiles.of(timers.roundTrips()))));
    return json;
  }

  public AtomicInteger webSockets() {
    return webSockets;
  }

  public AtomicInteger bridgeSockets() {
    return bridgeSockets;
  }

  /** A turn event written to a subscriber, whose request arrived at {@code receivedAtMillis}. */
  public void delivered(long receivedAtMillis) {
    delivery.record(
        Math.max(0, System.currentTimeMillis() - receivedAtMillis), TimeUnit.MILLISECONDS);
  }

  /** A stored result: counts by status/role/level, processing time, stage times and corrections. */
  public void turnCompleted(StoredTurn turn, Instant receivedAt) {
    turns.record(turn);
    endToEnd.record(
        Math.max(0, System.currentTimeMillis() - receivedAt.toEpochMilli()), TimeUnit.MILLISECONDS);
  }

  private DistributionSummary processing(Speaker role) {
    return turns.processing(role);
  }

  /** The meter registered under {@code key}, created by {@code create} the first time. */
  @SuppressWarnings("unchecked")
  private <M extends Meter> M cached(String key, Supplier<M> create) {
    return (M) tagged.computeIfAbsent(key, k -> create.get());
  }

  public double count(String name, String... tags) {
    return registry.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
  }

  /** Counters and percentiles for the queue status. */
  public JsonObject queueStatus() {
    String failed = TurnStatus.FAILED.wireName();
    JsonObject processing = new JsonObject();
    for (Speaker role : List.of(Speaker.USER, Speaker.AI)) {
      processing.put(
          role.wireName(), Percentiles.of(processing(role).takeSnapshot().percentileValues()));
    }
    return new JsonObject()
        .put("processed", count("cc.turns.completed"))
        .put(failed, count("cc.turns.completed", "status", failed))
        .put("retried", retried.count())
        .put("reclaimed", reclaimed.count())
        .put("queue_wait_ms", Percentiles.of(queueWait))
        .put("processing_ms", processing);
  }

  public Timer queueWaitTimer() {
    return queueWait;
  }

  public Timer deliveryTimer() {
    return delivery;
  }

  public Timer endToEndTimer() {
    return endToEnd;
  }

  public DistributionSummary processingSummary(Speaker role) {
    return processing(role);
  }
}
