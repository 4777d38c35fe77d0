package io.cleanercontext.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.contract.Addresses;
import io.cleanercontext.support.Api;
import io.cleanercontext.support.NonReadingPeer;
import io.cleanercontext.support.Subscription;
import io.cleanercontext.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The measurement behind docs/SECURITY.md "Slow readers": six push subscribers that never read
 * (plain WebSocket, SockJS raw WebSocket and TCP bridge, each with and without {@code since}) on
 * one conversation while {@code cc.attack.turns} turns of 7.5 kB are posted, next to one
 * well-behaved WebSocket client. It prints the heap after a full GC before, during and after the
 * attack, the process RSS, which slow peers the server closed, and the well-behaved client's
 * delivery latency (request received -> event read). Not part of the suite (it takes a minute and
 * its figures depend on the machine):
 *
 * <pre>
 * mvn -q -o -B -pl server -Dskip.ui=true test -Dtest=SlowReaderMemoryIT -Dcc.attack=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false [-Dcc.attack.turns=3000]
 * </pre>
 *
 * It asserts only what must hold anywhere: every slow peer is closed, and the well-behaved client
 * received every turn.
 */
@ExtendWith(VertxExtension.class)
@EnabledIfSystemProperty(named = "cc.attack", matches = "true")
@Timeout(600)
class SlowReaderMemoryIT {
  private static final String TEXT = "word ".repeat(1_500); // 7.5 kB

  private static long heapAfterGcMb() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime rt = Runtime.getRuntime();
    return (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
  }

  private static String rss() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .filter(l -> l.startsWith("VmRSS"))
          .findFirst()
          .orElse("VmRSS: ?")
          .replaceAll("\\s+", " ");
    } catch (IOException e) {
      return "VmRSS: ?";
    }
  }

  @Test
  void slowReadersOnEveryPushTransport(Vertx vertx) throws IOException {
    int total = Integer.getInteger("cc.attack.turns", 3_000);
    JsonObject config = TestApp.config("memory");
    int tcpPort = TestApp.withTcpBridge(config);
    TestApp app = TestApp.start(vertx, config).await();
    try {
      Api api = new Api(app.client());
      String id = api.createConversation("slow readers");
      String address = Addresses.conversationTurns(id);
      long before = heapAfterGcMb();
      System.out.printf("[attack] before: heap after GC %d MB, %s%n", before, rss());

      Map<String, NonReadingPeer> slow = new LinkedHashMap<>();
      JsonObject register = new JsonObject().put("type", "register").put("address", address);
      JsonObject registerSince = register.copy().put("since", 0);
      slow.put(
          "websocket",
          NonReadingPeer.webSocket(app.port(), "/ws/conversations/" + id, null, "hello"));
      slow.put(
          "websocket since",
          NonReadingPeer.webSocket(
              app.port(), "/ws/conversations/" + id + "?since=0", null, "replay.complete"));
      slow.put(
          "sockjs",
          NonReadingPeer.webSocket(
              app.port(), "/eventbus/websocket", register.encode(), "registered"));
      slow.put(
          "sockjs since",
          NonReadingPeer.webSocket(
              app.port(), "/eventbus/websocket", registerSince.encode(), "registered"));
      slow.put("tcp", NonReadingPeer.tcpBridge(tcpPort, register, "registered"));
      slow.put("tcp since", NonReadingPeer.tcpBridge(tcpPort, registerSince, "registered"));

      List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
      WebSocket good =
          vertx
              .createWebSocketClient()
              .connect(app.port(), "127.0.0.1", "/ws/conversations/" + id)
              .await();
      good.textMessageHandler(
          text -> {
            JsonObject event = new JsonObject(text);
            Long received = event.getLong("received_at_ms");
            if ("turn.cleaned".equals(event.getString("type")) && received != null) {
              latencies.add(System.currentTimeMillis() - received);
            }
          });

      long peak = before;
      for (int posted = 0; posted < total; posted += 20) {
        JsonArray turns = new JsonArray();
        for (int i = 0; i < 20; i++) {
          turns.add(new JsonObject().put("speaker", "AI").put("raw_text", TEXT + posted + i));
        }
        assertThat(
                api.post(
                        "/api/v1/conversations/" + id + "/turns/realtime/batch",
                        new JsonObject().put("turns", turns))
                    .statusCode())
            .isEqualTo(202);
        if (posted % 1000 == 0 && posted > 0) {
          long now = heapAfterGcMb();
          peak = Math.max(peak, now);
          System.out.printf("[attack] %d posted: heap after GC %d MB, %s%n", posted, now, rss());
        }
      }
      long settle = System.currentTimeMillis() + 300_000;
      while (latencies.size() < total && System.currentTimeMillis() < settle) {
        Subscription.sleep(200);
      }
      long after = heapAfterGcMb();
      System.out.printf(
          "[attack] after: heap after GC %d MB (peak sampled %d), %s%n", after, peak, rss());

      List<Long> sorted = new ArrayList<>(latencies);
      Collections.sort(sorted);
      System.out.printf(
          "[attack] well-behaved client: %d of %d turns, latency p50 %d ms, p99 %d ms, max %d ms%n",
          sorted.size(),
          total,
          sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2),
          sorted.isEmpty() ? -1 : sorted.get((int) (sorted.size() * 0.99)),
          sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1));
      List<String> open = new ArrayList<>();
      for (Map.Entry<String, NonReadingPeer> peer : slow.entrySet()) {
        boolean closed = peer.getValue().closedByServer(12_000);
        System.out.printf("[attack] slow %s: closed by the server %s%n", peer.getKey(), closed);
        if (!closed) {
          open.add(peer.getKey());
        }
        peer.getValue().close();
      }
      good.close().await();
      assertThat(open).as("slow readers the server kept").isEmpty();
      assertThat(sorted).as("turns the well-behaved client read").hasSize(total);
      System.out.println("[attack] " + ManagementFactory.getRuntimeMXBean().getInputArguments());
    } finally {
      app.stop().await();
    }
  }
}
