package io.cleanercontext.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * WebSocket subscribers for a load that something else generates (scripts/steady-state drives it
 * with wrk, which costs far less CPU than Gatling): a few hundred sockets on the JDK's own client,
 * every frame stamped on arrival and accounted in a {@link DeliveryLedger}.
 *
 * <pre>
 *   java -cp ... io.cleanercontext.load.DeliveryProbe BASE_URL CONVERSATIONS_FILE SUBSCRIBERS DRAIN_S RESULTS_DIR
 * </pre>
 *
 * Subscribers are spread round-robin over the conversations (one id per line) and subscribe from
 * seq 0, so each must receive every turn of its conversation, once and in order. Once all are
 * connected it prints {@code ready}, then follows commands on standard input: {@code mark} starts
 * the window whose post-to-delivery latencies are reported, {@code stop} ends it. After {@code
 * stop} it reads each conversation's {@code last_seq}, waits up to DRAIN_S seconds for every
 * subscriber to reach it, prints the ledger and exits 0 if nothing was missing, duplicated or out
 * of order. Bounded: at most 20,000 subscribers, and it exits by itself after an hour.
 */
public final class DeliveryProbe {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_SUBSCRIBERS = 20_000;

  private DeliveryProbe() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      System.err.println(
          "usage: DeliveryProbe BASE_URL CONVERSATIONS_FILE SUBSCRIBERS DRAIN_S RESULTS_DIR");
      System.exit(2);
    }
    String base = args[0];
    String host = URI.create(base).getHost();
    if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
      throw new IllegalArgumentException(
          "the probe only connects to this machine (loopback), got " + base);
    }
    List<String> conversations =
        Files.readAllLines(Path.of(args[1])).stream().filter(l -> !l.isBlank()).toList();
    int count = Integer.parseInt(args[2]);
    int drainSeconds = Integer.parseInt(args[3]);
    if (count < 1
        || count > MAX_SUBSCRIBERS
        || drainSeconds < 0
        || drainSeconds > 600
        || conversations.isEmpty()) {
      throw new IllegalArgumentException(
          "subscribers must be in [1, " + MAX_SUBSCRIBERS + "], drain in [0, 600] s");
    }
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(TimeUnit.HOURS.toMillis(1));
              } catch (InterruptedException e) {
                return;
              }
              System.err.println("probe: an hour has passed, giving up");
              System.exit(3);
            });
    watchdog.setDaemon(true);
    watchdog.start();

    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    DeliveryLedger ledger = new DeliveryLedger();
    ledger.measureFrom(
        Long.MAX_VALUE); // no latency samples before "mark": the warm-up is not measured
    List<CompletableFuture<WebSocket>> sockets = new ArrayList<>(count);
    List<String> subscribedTo = new ArrayList<>(count);
    String wsBase = base.replaceFirst("^http", "ws");
    for (int i = 0; i < count; i++) {
      String conversation = conversations.get(i % conversations.size());
      long id = i;
      ledger.subscribed(id, conversation);
      subscribedTo.add(conversation);
      sockets.add(
          client
              .newWebSocketBuilder()
              .connectTimeout(Duration.ofSeconds(30))
              .buildAsync(
                  URI.create(wsBase + "/ws/conversations/" + conversation + "?since=0"),
                  new Listener(ledger, id))
              .toCompletableFuture());
      if (i % 200 == 199) {
        CompletableFuture.allOf(sockets.toArray(CompletableFuture[]::new))
            .exceptionally(e -> null)
            .join();
      }
    }
    for (CompletableFuture<WebSocket> socket : sockets) {
      try {
        socket.join();
      } catch (RuntimeException e) {
        ledger.connectFailures.incrementAndGet();
      }
    }
    System.out.println(
        "ready: " + (count - ledger.connectFailures.get()) + " subscribers connected");
    System.out.flush();

    BufferedReader commands =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = commands.readLine(); line != null; line = commands.readLine()) {
      if (line.strip().equals("mark")) {
        ledger.measureFrom(System.currentTimeMillis());
      } else if (line.strip().equals("stop")) {
        break;
      }
    }
    ledger.measureUntil(System.currentTimeMillis());

    // Every seq up to each conversation's last_seq was accepted: seqs are given in the same
    // transaction that stores the turn, so they have no gaps.
    java.util.Map<String, Long> lastSeqs = new java.util.HashMap<>();
    for (String conversation : conversations) {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/api/v1/conversations/" + conversation))
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      long lastSeq = JSON.readTree(response.body()).path("last_seq").asLong();
      lastSeqs.put(conversation, lastSeq);
      for (long seq = 1; seq <= lastSeq; seq++) {
        ledger.accepted(conversation, seq);
      }
    }
    long drainUntil = System.currentTimeMillis() + drainSeconds * 1000L;
    while (System.currentTimeMillis() < drainUntil
        && !allCaughtUp(ledger, subscribedTo, lastSeqs)) {
      Thread.sleep(100);
    }
    var summary =
        ledger.summarize(
            "DeliveryProbe",
            "baseUrl="
                + base
                + " subscribers="
                + count
                + " conversations="
                + conversations.size()
                + " drain="
                + drainSeconds
                + "s",
            args[4]);
    System.out.println(DeliveryLedger.render(summary));
    for (CompletableFuture<WebSocket> socket : sockets) {
      if (!socket.isCompletedExceptionally()) {
        socket.join().sendClose(WebSocket.NORMAL_CLOSURE, "probe done");
      }
    }
    System.exit(summary.get("ok").asBoolean() ? 0 : 1);
  }

  private static boolean allCaughtUp(
      DeliveryLedger ledger, List<String> subscribedTo, java.util.Map<String, Long> lastSeqs) {
    for (int i = 0; i < subscribedTo.size(); i++) {
      if (ledger.lastSeq(i) < lastSeqs.get(subscribedTo.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Reassembles a text message from its parts and hands it to the ledger with its arrival time. */
  private static final class Listener implements WebSocket.Listener {
    private final DeliveryLedger ledger;
    private final long id;
    private final StringBuilder partial = new StringBuilder();

    Listener(DeliveryLedger ledger, long id) {
      this.ledger = ledger;
      this.id = id;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      if (!last || partial.length() > 0) {
        partial.append(data);
      }
      if (last) {
        long arrived = System.currentTimeMillis();
        String frame = partial.length() > 0 ? partial.toString() : data.toString();
        partial.setLength(0);
        ledger.received(id, arrived, frame);
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket socket, java.nio.ByteBuffer message) {
      socket.request(1);
      return null; // the JDK answers the ping with a pong itself
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      System.err.println("probe: subscriber " + id + " failed: " + error);
    }
  }
}
