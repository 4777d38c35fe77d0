package io.cleanercontext.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatling.http.action.ws.WsInboundMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fan-out accounting Gatling's WebSocket checks cannot do: which seqs each conversation
 * accepted (from the 202 replies), which each subscriber received, in what order, and how long each
 * delivery took.
 *
 * <p>Latency of one delivery = the frame's arrival time at the subscriber (Gatling stamps every
 * inbound frame with the wall clock when it is read off the socket) minus
 *
 * <ul>
 *   <li>{@code turn.received_at}: when the server received the POST (server clock, microseconds;
 *       the load generator runs on the same machine, so it is the same clock): "post-to-delivery";
 *   <li>the poster's own clock just before it sent the POST: "client send-to-delivery", which adds
 *       the client's queuing and the HTTP request's trip.
 * </ul>
 *
 * Every (subscriber, turn) delivery is one sample. Every subscriber must receive every accepted seq
 * of its conversation exactly once and in increasing order; anything else is counted as missing,
 * duplicate or out of order.
 */
final class DeliveryLedger {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Set<Long>> accepted = new ConcurrentHashMap<>();
  private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
  private final Map<Long, Subscriber> subscribers = new ConcurrentHashMap<>();
  final AtomicLong postsAccepted = new AtomicLong();
  final AtomicLong postsRejected = new AtomicLong();
  final AtomicLong connectFailures = new AtomicLong();

  /**
   * Latency samples are kept only for frames arriving within this window (epoch ms), so a
   * measurement can leave out a warm-up; delivery (missing, duplicate, order) is checked
   * throughout.
   */
  private volatile long windowFrom = Long.MIN_VALUE;

  private volatile long windowTo = Long.MAX_VALUE;

  void accepted(String conversationId, long seq, long clientSentAtMillis) {
    accepted(conversationId, seq);
    sentAt.put(conversationId + ':' + seq, clientSentAtMillis);
  }

  /** An accepted seq whose send time the caller does not know (it did not post it). */
  void accepted(String conversationId, long seq) {
    accepted.computeIfAbsent(conversationId, k -> ConcurrentHashMap.newKeySet()).add(seq);
    postsAccepted.incrementAndGet();
  }

  void measureFrom(long epochMillis) {
    windowFrom = epochMillis;
  }

  void measureUntil(long epochMillis) {
    windowTo = epochMillis;
  }

  /**
   * One text frame of subscriber {@code userId}, read off its socket at {@code arrivedAtMillis}.
   */
  void received(long userId, long arrivedAtMillis, String frame) {
    Subscriber s = subscribers.get(userId);
    if (s != null) {
      s.receive(
          arrivedAtMillis, frame, arrivedAtMillis >= windowFrom && arrivedAtMillis <= windowTo);
    }
  }

  /** The highest seq subscriber {@code userId} has received so far. */
  long lastSeq(long userId) {
    Subscriber s = subscribers.get(userId);
    synchronized (s) {
      return s.lastSeq;
    }
  }

  void subscribed(long userId, String conversationId) {
    subscribers.put(userId, new Subscriber(conversationId));
  }

  void received(long userId, List<WsInboundMessage> messages) {
    Subscriber s = subscribers.get(userId);
    if (s == null) {
      return;
    }
    for (WsInboundMessage m : messages) {
      if (m instanceof WsInboundMessage.Text text) {
        s.receive(
            text.timestamp(),
            text.message(),
            text.timestamp() >= windowFrom && text.timestamp() <= windowTo);
      }
    }
  }

  int subscriberCount() {
    return subscribers.size();
  }

  /** Aggregates every subscriber against what was accepted; prints it and writes it as JSON. */
  ObjectNode summarize(String simulation, LoadConfig config) {
    return summarize(simulation, config.describe(), config.resultsDir);
  }

  ObjectNode summarize(String simulation, String description, String resultsDir) {
    long expected = 0;
    long delivered = 0;
    long missing = 0;
    long duplicates = 0;
    long outOfOrder = 0;
    long failedEvents = 0;
    long subscribersWithLoss = 0;
    long n = 0;
    for (Subscriber s : subscribers.values()) {
      s.matchSendTimes(sentAt);
      synchronized (s) {
        Set<Long> acc = accepted.getOrDefault(s.conversationId, Set.of());
        expected += acc.size();
        delivered += s.delivered;
        duplicates += s.duplicates;
        outOfOrder += s.outOfOrder;
        failedEvents += s.failedEvents;
        long miss = 0;
        for (long seq : acc) {
          if (!s.seen.get((int) seq)) {
            miss++;
          }
        }
        missing += miss;
        subscribersWithLoss += miss > 0 ? 1 : 0;
        n += s.serverLatencyMicros.size;
      }
    }
    long[] server = new long[(int) n];
    long m = 0;
    for (Subscriber s : subscribers.values()) {
      m += s.clientLatencyMicros.size;
    }
    long[] client = new long[(int) m];
    int i = 0;
    int j = 0;
    for (Subscriber s : subscribers.values()) {
      synchronized (s) {
        System.arraycopy(s.serverLatencyMicros.values, 0, server, i, s.serverLatencyMicros.size);
        i += s.serverLatencyMicros.size;
        System.arraycopy(s.clientLatencyMicros.values, 0, client, j, s.clientLatencyMicros.size);
        j += s.clientLatencyMicros.size;
      }
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("simulation", simulation);
    out.put("config", description);
    out.put("finished_at", Instant.now().toString());
    out.put("posts_accepted", postsAccepted.get());
    out.put("posts_rejected", postsRejected.get());
    out.put("subscribers", subscribers.size());
    out.put("subscriber_connect_failures", connectFailures.get());
    out.put("deliveries_expected", expected);
    out.put("deliveries_received", delivered);
    out.put("missing", missing);
    out.put("duplicates", duplicates);
    out.put("out_of_order", outOfOrder);
    out.put("turn_failed_events", failedEvents);
    out.put("subscribers_with_loss", subscribersWithLoss);
    out.set("post_to_delivery_ms", percentiles(server, i));
    out.set("client_send_to_delivery_ms", percentiles(client, j));
    boolean ok = missing == 0 && duplicates == 0 && outOfOrder == 0 && connectFailures.get() == 0;
    out.put("ok", ok);
    try {
      Path dir = Path.of(resultsDir);
      Files.createDirectories(dir);
      Path file = dir.resolve(simulation + "-" + System.currentTimeMillis() + ".json");
      Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out));
      out.put("file", file.toAbsolutePath().toString());
    } catch (IOException e) {
      out.put("file_error", e.toString());
    }
    return out;
  }

  static String render(ObjectNode s) {
    JsonNode p = s.get("post_to_delivery_ms");
    JsonNode c = s.get("client_send_to_delivery_ms");
    return "================================================================================\n"
        + "---- Fan-out delivery ledger ("
        + s.get("simulation").asText()
        + ") ----\n"
        + String.format(
            "> posts accepted (202)              %d (rejected %d)%n",
            s.get("posts_accepted").asLong(), s.get("posts_rejected").asLong())
        + String.format(
            "> subscribers                       %d (connect failures %d)%n",
            s.get("subscribers").asLong(), s.get("subscriber_connect_failures").asLong())
        + String.format(
            "> deliveries expected / received    %d / %d%n",
            s.get("deliveries_expected").asLong(), s.get("deliveries_received").asLong())
        + String.format(
            "> missing / duplicate / out of order %d / %d / %d%n",
            s.get("missing").asLong(), s.get("duplicates").asLong(), s.get("out_of_order").asLong())
        + String.format(
            "> post-to-delivery ms (received_at)  p50 %s  p90 %s  p99 %s  p99.9 %s  max %s  (n=%s)%n",
            p.get("p50"), p.get("p90"), p.get("p99"), p.get("p99_9"), p.get("max"), p.get("count"))
        + (c.get("count").asLong() == 0
            ? "> client send-to-delivery ms         (no samples: the posts were not sent from here)\n"
            : String.format(
                "> client send-to-delivery ms         p50 %s  p90 %s  p99 %s  p99.9 %s  max %s  (n=%s)%n",
                c.get("p50"),
                c.get("p90"),
                c.get("p99"),
                c.get("p99_9"),
                c.get("max"),
                c.get("count")))
        + "> delivery verdict                   "
        + (s.get("ok").asBoolean() ? "OK" : "FAILED")
        + "\n"
        + (s.has("file")
            ? "> ledger written to                  " + s.get("file").asText() + "\n"
            : "")
        + "================================================================================";
  }

  private static ObjectNode percentiles(long[] micros, int size) {
    long[] v = Arrays.copyOf(micros, size);
    Arrays.sort(v);
    ObjectNode node = JSON.createObjectNode();
    node.put("count", size);
    if (size == 0) {
      return node;
    }
    node.put("min", ms(v[0]));
    node.put("p50", ms(at(v, 0.50)));
    node.put("p90", ms(at(v, 0.90)));
    node.put("p99", ms(at(v, 0.99)));
    node.put("p99_9", ms(at(v, 0.999)));
    node.put("max", ms(v[size - 1]));
    double sum = 0;
    for (long x : v) {
      sum += x;
    }
    node.put("mean", ms(Math.round(sum / size)));
    return node;
  }

  private static long at(long[] sorted, double q) {
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static double ms(long micros) {
    return Math.round(micros / 100.0) / 10.0;
  }

  /** One WebSocket subscriber's view; touched by its own virtual user, read at the end. */
  private static final class Subscriber {
    final String conversationId;
    final BitSet seen = new BitSet();
    long lastSeq;
    long delivered;
    long duplicates;
    long outOfOrder;
    long failedEvents;
    final LongList serverLatencyMicros = new LongList();
    final LongList clientLatencyMicros = new LongList();
    final LongList arrivals = new LongList();

    Subscriber(String conversationId) {
      this.conversationId = conversationId;
    }

    synchronized void receive(long arrivedAtMillis, String frame, boolean sample) {
      JsonNode event;
      try {
        event = JSON.readTree(frame);
      } catch (IOException e) {
        return;
      }
      String type = event.path("type").asText();
      if (!type.equals("turn.cleaned") && !type.equals("turn.failed")) {
        return; // hello, replay.complete, feeds
      }
      if (type.equals("turn.failed")) {
        failedEvents++;
      }
      long seq = event.path("seq").asLong();
      if (seen.get((int) seq)) {
        duplicates++;
        return;
      }
      seen.set((int) seq);
      delivered++;
      if (seq < lastSeq) {
        outOfOrder++;
      }
      lastSeq = Math.max(lastSeq, seq);
      if (!sample) {
        return;
      }
      long arrivedMicros = arrivedAtMillis * 1000;
      String receivedAt = event.path("turn").path("received_at").asText(null);
      if (receivedAt != null) {
        Instant t = Instant.parse(receivedAt);
        serverLatencyMicros.add(
            arrivedMicros - (t.getEpochSecond() * 1_000_000 + t.getNano() / 1000));
      }
      // The 202 may reach the poster after the event reaches a subscriber: match send times at the
      // end.
      arrivals.add(seq);
      arrivals.add(arrivedMicros);
    }

    synchronized void matchSendTimes(Map<String, Long> sentAt) {
      clientLatencyMicros.size = 0;
      for (int k = 0; k < arrivals.size; k += 2) {
        Long sent = sentAt.get(conversationId + ':' + arrivals.values[k]);
        if (sent != null) {
          clientLatencyMicros.add(arrivals.values[k + 1] - sent * 1000);
        }
      }
    }
  }

  private static final class LongList {
    long[] values = new long[16];
    int size;

    void add(long v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }
  }
}
