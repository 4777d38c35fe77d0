package io.cleanercontext.queue;

import io.cleanercontext.contract.Speaker;
import io.cleanercontext.contract.TurnJob;
import io.cleanercontext.queue.client.Delivery;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The in-memory queue's state: per partition the jobs waiting (user turns before AI turns) and the
 * deliveries in flight by consumer, plus the dead-letter count. Plain fields, used only on the
 * event loop of {@link InMemoryQueueVerticle}.
 */
final class MemoryPartitions {
  private final Partition[] partitions;
  private long nextId;
  private long deadLettered;

  MemoryPartitions(int count) {
    partitions = new Partition[count];
    for (int i = 0; i < count; i++) {
      partitions[i] = new Partition();
    }
  }

  private static final class Partition {
    final ArrayDeque<Delivery> user = new ArrayDeque<>();
    final ArrayDeque<Delivery> ai = new ArrayDeque<>();
    final Map<String, InFlight> inFlight = new LinkedHashMap<>();

    Delivery poll() {
      Delivery next = user.poll();
      return next != null ? next : ai.poll();
    }
  }

  private record InFlight(Delivery delivery, String consumer, long since) {}

  /** A new job, never delivered yet. */
  Delivery add(TurnJob job) {
    Delivery delivery = new Delivery(Long.toString(++nextId), job, 0);
    add(delivery);
    return delivery;
  }

  /** Waiting again: a delivery handed back. */
  void add(Delivery delivery) {
    Partition p = partitions[delivery.job().partition()];
    (delivery.job().role() == Speaker.AI ? p.ai : p.user).add(delivery);
  }

  /** Up to {@code max} waiting jobs, round-robin over the partitions so no lane starves another. */
  List<Delivery> take(String consumer, List<Integer> wanted, int max) {
    List<Delivery> out = new ArrayList<>();
    long now = System.currentTimeMillis();
    boolean progress = true;
    while (out.size() < max && progress) {
      progress = false;
      for (int index : wanted) {
        Partition p = partitions[index];
        Delivery next = p.poll();
        if (next != null) {
          Delivery handed = new Delivery(next.id(), next.job(), next.deliveries() + 1);
          p.inFlight.put(handed.id(), new InFlight(handed, consumer, now));
          out.add(handed);
          progress = true;
          if (out.size() == max) {
            break;
          }
        }
      }
    }
    return out;
  }

  /** Releases the delivery; false if it was no longer in flight. */
  boolean release(Delivery delivery) {
    return partitions[delivery.job().partition()].inFlight.remove(delivery.id()) != null;
  }

  void deadLetter(Delivery delivery) {
    release(delivery);
    deadLettered++;
  }

  /** Deliveries in flight for at least {@code idleMs}, handed to {@code consumer} again. */
  List<Delivery> reclaim(String consumer, List<Integer> wanted, long idleMs, int max) {
    List<Delivery> out = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (int index : wanted) {
      Map<String, InFlight> inFlight = partitions[index].inFlight;
      for (InFlight f : List.copyOf(inFlight.values())) {
        if (out.size() < max && now - f.since() >= idleMs) {
          Delivery again =
              new Delivery(f.delivery().id(), f.delivery().job(), f.delivery().deliveries() + 1);
          inFlight.put(again.id(), new InFlight(again, consumer, now));
          out.add(again);
        }
      }
    }
    return out;
  }

  JsonObject status(int partition) {
    Partition p = partitions[partition];
    return new JsonObject()
        .put("partition", partition)
        .put("length", p.user.size() + p.ai.size())
        .put("in_flight", p.inFlight.size());
  }

  long deadLettered() {
    return deadLettered;
  }
}
