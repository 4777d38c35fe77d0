package io.cleanercontext.queue;

import io.cleanercontext.contract.TurnJob;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Shareable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The single-node queue: the same semantics as the Redis backend (in flight until acked, reclaim
 * after an idle timeout, retry, dead letter) held in this JVM. One instance per Vert.x instance,
 * shared by the ingest and worker verticles through Vert.x local shared data; it is touched from
 * several event loops, hence the monitor. Jobs lost with the process are re-enqueued at start-up
 * from the pending turns in PostgreSQL.
 */
public final class InMemoryJobQueue implements JobQueue, Shareable {
  private static final String SHARED_MAP = "cc.queue";

  private final Vertx vertx;
  private final Partition[] partitions;
  private final List<Waiter> waiters = new ArrayList<>();
  private final AtomicLong ids = new AtomicLong();
  private long deadLettered;

  private InMemoryJobQueue(Vertx vertx, int partitionCount) {
    this.vertx = vertx;
    this.partitions = new Partition[partitionCount];
    for (int i = 0; i < partitionCount; i++) {
      partitions[i] = new Partition();
    }
  }

  /** The queue of this Vert.x instance, created on first use. */
  public static InMemoryJobQueue shared(Vertx vertx, int partitionCount) {
    return (InMemoryJobQueue)
        vertx
            .sharedData()
            .getLocalMap(SHARED_MAP)
            .computeIfAbsent("queue", k -> new InMemoryJobQueue(vertx, partitionCount));
  }

  private static final class Partition {
    final ArrayDeque<Delivery> user = new ArrayDeque<>();
    final ArrayDeque<Delivery> ai = new ArrayDeque<>();
    final Map<String, InFlight> inFlight = new LinkedHashMap<>();

    Delivery poll() {
      Delivery next = user.poll();
      return next != null ? next : ai.poll();
    }

    int length() {
      return user.size() + ai.size();
    }
  }

  private record InFlight(Delivery delivery, String consumer, long since) {}

  private record Waiter(
      List<Integer> partitions,
      String consumer,
      int max,
      Promise<List<Delivery>> promise,
      Context context) {}

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public Future<Void> enqueue(TurnJob job) {
    add(new Delivery(Long.toString(ids.incrementAndGet()), job, 0));
    return Future.succeededFuture();
  }

  private void add(Delivery delivery) {
    Waiter served = null;
    List<Delivery> handed = null;
    synchronized (this) {
      Partition p = partitions[delivery.job().partition()];
      ("ai".equals(delivery.job().role()) ? p.ai : p.user).add(delivery);
      for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
        Waiter w = it.next();
        if (w.partitions().contains(delivery.job().partition())) {
          it.remove();
          served = w;
          handed = take(w.consumer(), w.partitions(), w.max());
          break;
        }
      }
    }
    if (served != null) {
      complete(served, handed);
    }
  }

  @Override
  public Future<List<Delivery>> read(String consumer, List<Integer> wanted, int max, long blockMs) {
    Waiter waiter;
    synchronized (this) {
      List<Delivery> now = take(consumer, wanted, max);
      if (!now.isEmpty() || blockMs <= 0) {
        return Future.succeededFuture(now);
      }
      Context context = vertx.getOrCreateContext();
      waiter = new Waiter(wanted, consumer, max, Promise.promise(), context);
      waiters.add(waiter);
    }
    waiter
        .context()
        .runOnContext(
            v ->
                vertx.setTimer(
                    blockMs,
                    t -> {
                      boolean expired;
                      synchronized (this) {
                        expired = waiters.remove(waiter);
                      }
                      if (expired) {
                        waiter.promise().tryComplete(List.of());
                      }
                    }));
    return waiter.promise().future();
  }

  private List<Delivery> take(String consumer, List<Integer> wanted, int max) {
    List<Delivery> out = new ArrayList<>();
    long now = System.currentTimeMillis();
    boolean progress = true;
    // Round-robin over the partitions so one busy lane cannot starve the others.
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

  private void complete(Waiter waiter, List<Delivery> handed) {
    waiter.context().runOnContext(v -> waiter.promise().tryComplete(handed));
  }

  @Override
  public Future<Void> ack(Delivery delivery) {
    synchronized (this) {
      partitions[delivery.job().partition()].inFlight.remove(delivery.id());
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> retry(Delivery delivery, long delayMs) {
    Runnable requeue =
        () -> {
          boolean stillOurs;
          synchronized (this) {
            stillOurs =
                partitions[delivery.job().partition()].inFlight.remove(delivery.id()) != null;
          }
          if (stillOurs) {
            add(delivery);
          }
        };
    if (delayMs <= 0) {
      requeue.run();
    } else {
      vertx.setTimer(delayMs, t -> requeue.run());
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> deadLetter(Delivery delivery, String reason) {
    synchronized (this) {
      partitions[delivery.job().partition()].inFlight.remove(delivery.id());
      deadLettered++;
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<List<Delivery>> reclaim(
      String consumer, List<Integer> wanted, long idleMs, int max) {
    List<Delivery> out = new ArrayList<>();
    long now = System.currentTimeMillis();
    synchronized (this) {
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
    }
    return Future.succeededFuture(out);
  }

  @Override
  public synchronized Future<JsonObject> partitionStatus(int partition) {
    Partition p = partitions[partition];
    return Future.succeededFuture(
        new JsonObject()
            .put("partition", partition)
            .put("length", p.length())
            .put("in_flight", p.inFlight.size()));
  }

  @Override
  public synchronized Future<Long> deadLetterCount() {
    return Future.succeededFuture(deadLettered);
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
