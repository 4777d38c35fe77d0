package io.cleanercontext.queue.client;

import io.cleanercontext.contract.LocalCodecs;
import io.cleanercontext.contract.TurnJob;
import io.vertx.core.eventbus.EventBus;
import java.util.List;

/**
 * The bodies of the in-memory queue's requests and replies ({@code Addresses.MEMORY_QUEUE_*}):
 * immutable records passed by reference ({@link LocalCodecs#byReference}). An enqueue sends the
 * {@link TurnJob} itself (its codec is {@link TurnJob#register}'s, which the queue workers and
 * shards share), an ack the {@link Delivery}.
 */
public final class MemoryQueueMessages {
  private static final List<Class<?>> TYPES =
      List.of(
          Delivery.class,
          Read.class,
          Retry.class,
          DeadLetter.class,
          Reclaim.class,
          Deliveries.class);

  private MemoryQueueMessages() {}

  public record Read(String consumer, List<Integer> partitions, int max, long blockMs) {}

  public record Retry(Delivery delivery, long delayMs) {}

  public record DeadLetter(Delivery delivery, String reason) {}

  public record Reclaim(String consumer, List<Integer> partitions, long idleMs, int max) {}

  /** The reply to a read or a reclaim. */
  public record Deliveries(List<Delivery> list) {}

  /** By the in-memory queue verticle, before its consumers; once per event bus. */
  public static void register(EventBus bus) {
    TYPES.forEach(type -> registerOne(bus, type));
  }

  private static <T> void registerOne(EventBus bus, Class<T> type) {
    bus.registerDefaultCodec(type, LocalCodecs.byReference(type));
  }

  public static void unregister(EventBus bus) {
    TYPES.forEach(bus::unregisterDefaultCodec);
  }
}
