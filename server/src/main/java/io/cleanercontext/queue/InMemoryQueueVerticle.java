package io.cleanercontext.queue;

import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.Speaker;
import io.cleanercontext.contract.TurnJob;
import io.cleanercontext.queue.client.Delivery;
import io.cleanercontext.queue.client.MemoryQueueMessages;
import io.cleanercontext.queue.client.MemoryQueueMessages.DeadLetter;
import io.cleanercontext.queue.client.MemoryQueueMessages.Deliveries;
import io.cleanercontext.queue.client.MemoryQueueMessages.Read;
import io.cleanercontext.queue.client.MemoryQueueMessages.Reclaim;
import io.cleanercontext.queue.client.MemoryQueueMessages.Retry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The single-node queue: the same semantics as the Redis backend (in flight until acked, reclaim
 * after an idle timeout, retry, dead letter) held in this process. Deployed once per process, it
 * owns the queue's state on its own event loop; ingest and the workers reach it over the local
 * {@code queue.memory.*} addresses through {@code queue.client.InMemoryQueueClient}, one request
 * per operation. Jobs lost with the process are re-enqueued at start-up from the pending turns in
 * PostgreSQL.
 */
public final class InMemoryQueueVerticle extends VerticleBase {
  private static final List<Delivery> NONE = List.of();

  // The queue's state: per partition the jobs waiting (user turns before AI turns) and the
  // deliveries in flight by consumer, plus the dead-letter count. Plain fields: this event loop
  // only.
  private final Partition[] partitions;
  private long nextId;
  private long deadLettered;

  /** Reads waiting for a job, in arrival order. */
  private final List<Waiter> waiters = new ArrayList<>();

  private record Waiter(Read read, Message<Read> message, long timer) {}

  public InMemoryQueueVerticle(int partitions) {
    this.partitions = new Partition[partitions];
    for (int i = 0; i < partitions; i++) {
      this.partitions[i] = new Partition();
    }
  }

  @Override
  public Future<?> start() {
    MemoryQueueMessages.register(vertx.eventBus());
    TurnJob.register(vertx); // the node's, shared with the workers and shards: never unregistered
    return Future.all(
        List.of(
            consume(Addresses.MEMORY_QUEUE_ENQUEUE, this::enqueue),
            consume(Addresses.MEMORY_QUEUE_READ, this::read),
            consume(Addresses.MEMORY_QUEUE_ACK, this::ack),
            consume(Addresses.MEMORY_QUEUE_RETRY, this::retry),
            consume(Addresses.MEMORY_QUEUE_DEAD_LETTER, this::deadLetter),
            consume(Addresses.MEMORY_QUEUE_RECLAIM, this::reclaim),
            consume(Addresses.MEMORY_QUEUE_PARTITION_STATUS, this::partitionStatus),
            consume(Addresses.MEMORY_QUEUE_DEAD_LETTER_COUNT, m -> m.reply(deadLettered)),
            consume(Addresses.MEMORY_QUEUE_PROBE, m -> m.reply(null))));
  }

  @Override
  public Future<?> stop() {
    // Outstanding reads end empty, as a blocking read does when nothing arrives.
    for (Waiter w : waiters) {
      vertx.cancelTimer(w.timer());
      w.message().reply(new Deliveries(NONE));
    }
    waiters.clear();
    MemoryQueueMessages.unregister(vertx.eventBus());
    return Future.succeededFuture();
  }

  private <T> Future<Void> consume(String address, Handler<Message<T>> handler) {
    MessageConsumer<T> consumer =
        vertx
            .eventBus()
            .localConsumer(
                address,
                msg -> {
                  try {
                    handler.handle(msg);
                  } catch (RuntimeException e) {
                    msg.fail(ErrorCode.BAD_REQUEST.code(), String.valueOf(e.getMessage()));
                  }
                });
    return consumer.completion();
  }

  private void enqueue(Message<TurnJob> msg) {
    Delivery added = add(msg.body());
    msg.reply(null);
    serveWaiter(added.job().partition());
  }

  private void read(Message<Read> msg) {
    Read read = msg.body();
    List<Delivery> now = take(read.consumer(), read.partitions(), read.max());
    if (!now.isEmpty() || read.blockMs() <= 0) {
      msg.reply(new Deliveries(now));
      return;
    }
    long timer = vertx.setTimer(read.blockMs(), t -> expire(msg));
    waiters.add(new Waiter(read, msg, timer));
  }

  /** Nothing arrived within the read's {@code blockMs}: it ends empty. */
  private void expire(Message<Read> msg) {
    if (waiters.removeIf(w -> w.message() == msg)) {
      msg.reply(new Deliveries(NONE));
    }
  }

  /** The first read waiting on this partition takes what is there now. */
  private void serveWaiter(int partition) {
    for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
      Waiter w = it.next();
      if (w.read().partitions().contains(partition)) {
        it.remove();
        vertx.cancelTimer(w.timer());
        Read read = w.read();
        w.message().reply(new Deliveries(take(read.consumer(), read.partitions(), read.max())));
        return;
      }
    }
  }

  private void ack(Message<Delivery> msg) {
    release(msg.body());
  }

  private void retry(Message<Retry> msg) {
    Delivery delivery = msg.body().delivery();
    msg.reply(null);
    if (msg.body().delayMs() <= 0) {
      requeue(delivery);
    } else {
      vertx.setTimer(msg.body().delayMs(), t -> requeue(delivery));
    }
  }

  /** Back to waiting, unless it was acked or dead-lettered meanwhile. */
  private void requeue(Delivery delivery) {
    if (release(delivery)) {
      add(delivery);
      serveWaiter(delivery.job().partition());
    }
  }

  private void deadLetter(Message<DeadLetter> msg) {
    deadLetterDelivery(msg.body().delivery());
    msg.reply(null);
  }

  private void reclaim(Message<Reclaim> msg) {
    Reclaim r = msg.body();
    msg.reply(new Deliveries(reclaimIdle(r.consumer(), r.partitions(), r.idleMs(), r.max())));
  }

  private void partitionStatus(Message<Integer> msg) {
    msg.reply(statusOf(msg.body()));
  }

  // The state's operations, on this event loop only.

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
  private Delivery add(TurnJob job) {
    Delivery delivery = new Delivery(Long.toString(++nextId), job, 0);
    add(delivery);
    return delivery;
  }

  /** Waiting again: a delivery handed back. */
  private void add(Delivery delivery) {
    Partition p = partitions[delivery.job().partition()];
    (delivery.job().role() == Speaker.AI ? p.ai : p.user).add(delivery);
  }

  /** Up to {@code max} waiting jobs, round-robin over the partitions so no lane starves another. */
  private List<Delivery> take(String consumer, List<Integer> wanted, int max) {
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
  private boolean release(Delivery delivery) {
    return partitions[delivery.job().partition()].inFlight.remove(delivery.id()) != null;
  }

  private void deadLetterDelivery(Delivery delivery) {
    release(delivery);
    deadLettered++;
  }

  /** Deliveries in flight for at least {@code idleMs}, handed to {@code consumer} again. */
  private List<Delivery> reclaimIdle(String consumer, List<Integer> wanted, long idleMs, int max) {
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

  private JsonObject statusOf(int partition) {
    Partition p = partitions[partition];
    return new JsonObject()
        .put("partition", partition)
        .put("length", p.user.size() + p.ai.size())
        .put("in_flight", p.inFlight.size());
  }
}
