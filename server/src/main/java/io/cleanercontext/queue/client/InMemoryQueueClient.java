package io.cleanercontext.queue.client;

import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.TurnJob;
import io.cleanercontext.queue.client.MemoryQueueMessages.DeadLetter;
import io.cleanercontext.queue.client.MemoryQueueMessages.Deliveries;
import io.cleanercontext.queue.client.MemoryQueueMessages.Read;
import io.cleanercontext.queue.client.MemoryQueueMessages.Reclaim;
import io.cleanercontext.queue.client.MemoryQueueMessages.Retry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * {@link JobQueue} over the event bus to this process's {@link InMemoryQueueVerticle}: one local
 * request per operation, bodies passed by reference. An ack is a plain send: it needs no answer,
 * and the event bus keeps one sender's messages in order, so a later read, reclaim or status of the
 * same caller sees it.
 */
final class InMemoryQueueClient implements JobQueue {
  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);

  private final EventBus bus;

  InMemoryQueueClient(Vertx vertx) {
    this.bus = vertx.eventBus();
  }

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public Future<Void> enqueue(TurnJob job) {
    return request(Addresses.MEMORY_QUEUE_ENQUEUE, job, LOCAL).mapEmpty();
  }

  @Override
  public Future<List<Delivery>> read(
      String consumer, List<Integer> partitions, int max, long blockMs) {
    // The queue answers by blockMs; the timeout only covers a queue that is gone.
    DeliveryOptions options =
        new DeliveryOptions()
            .setLocalOnly(true)
            .setSendTimeout(blockMs + DeliveryOptions.DEFAULT_TIMEOUT);
    return request(
            Addresses.MEMORY_QUEUE_READ, new Read(consumer, partitions, max, blockMs), options)
        .map(InMemoryQueueClient::deliveries);
  }

  @Override
  public Future<Void> ack(Delivery delivery) {
    try {
      bus.send(Addresses.MEMORY_QUEUE_ACK, delivery, LOCAL);
      return Future.succeededFuture();
    } catch (IllegalArgumentException noCodec) {
      return notRunning(noCodec);
    }
  }

  @Override
  public Future<Void> retry(Delivery delivery, long delayMs) {
    return request(Addresses.MEMORY_QUEUE_RETRY, new Retry(delivery, delayMs), LOCAL).mapEmpty();
  }

  @Override
  public Future<Void> deadLetter(Delivery delivery, String reason) {
    return request(Addresses.MEMORY_QUEUE_DEAD_LETTER, new DeadLetter(delivery, reason), LOCAL)
        .mapEmpty();
  }

  @Override
  public Future<List<Delivery>> reclaim(
      String consumer, List<Integer> partitions, long idleMs, int max) {
    return request(
            Addresses.MEMORY_QUEUE_RECLAIM, new Reclaim(consumer, partitions, idleMs, max), LOCAL)
        .map(InMemoryQueueClient::deliveries);
  }

  @Override
  public Future<JsonObject> partitionStatus(int partition) {
    return request(Addresses.MEMORY_QUEUE_PARTITION_STATUS, partition, LOCAL)
        .map(m -> (JsonObject) m.body());
  }

  @Override
  public Future<Long> deadLetterCount() {
    return request(Addresses.MEMORY_QUEUE_DEAD_LETTER_COUNT, null, LOCAL).map(m -> (Long) m.body());
  }

  @Override
  public Future<QueueProbe> probe() {
    long started = System.nanoTime();
    return request(Addresses.MEMORY_QUEUE_PROBE, null, LOCAL)
        .map(m -> QueueProbe.since(name(), started));
  }

  /** The queue belongs to its verticle: nothing to release here. */
  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }

  private Future<Message<Object>> request(String address, Object body, DeliveryOptions options) {
    try {
      return bus.request(address, body, options);
    } catch (IllegalArgumentException noCodec) {
      return notRunning(noCodec);
    }
  }

  /**
   * The queue's codecs live as long as its verticle: without them it is not deployed (any more).
   */
  private static <T> Future<T> notRunning(IllegalArgumentException noCodec) {
    return Future.failedFuture(
        new IllegalStateException("the in-memory queue is not running", noCodec));
  }

  private static List<Delivery> deliveries(Message<Object> reply) {
    return ((Deliveries) reply.body()).list();
  }
}
