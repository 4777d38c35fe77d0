package io.cleanercontext.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.support.Api;
import io.cleanercontext.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A WebSocket client that never reads, over a real socket: once the server has given up on it
 * (4008), the TCP connection itself must go, not stay established with megabytes queued for it.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class SlowClientIT {
  private TestApp app;
  private Api api;

  @BeforeAll
  void start(Vertx vertx) {
    JsonObject config = TestApp.config("memory");
    config.getJsonObject("realtime").put("max_outbound_queue", 16).put("close_grace_ms", 500);
    app = TestApp.start(vertx, config).await();
    api = new Api(app.client());
  }

  @AfterAll
  void stop() {
    app.stop().await();
  }

  @Test
  void aClientThatNeverReadsIsDisconnected() throws IOException {
    String id = api.createConversation("never reads");
    try (Socket socket = new Socket()) {
      socket.setReceiveBufferSize(4096);
      socket.connect(new InetSocketAddress("127.0.0.1", app.port()));
      socket
          .getOutputStream()
          .write(
              ("GET /ws/conversations/"
                      + id
                      + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                      + "Sec-WebSocket-Version: 13\r\n\r\n")
                  .getBytes(StandardCharsets.UTF_8));
      // from here on the client reads nothing while the server has megabytes to send it
      String text = "word ".repeat(1_900);
      for (int batch = 0; batch < 48; batch++) {
        JsonArray turns = new JsonArray();
        for (int i = 0; i < 20; i++) {
          turns.add(new JsonObject().put("speaker", "AI").put("raw_text", text + batch + " " + i));
        }
        assertThat(
                api.post(
                        "/api/v1/conversations/" + id + "/turns/realtime/batch",
                        new JsonObject().put("turns", turns))
                    .statusCode())
            .isEqualTo(202);
      }
      long settle = System.currentTimeMillis() + 120_000;
      while (api.get("/api/v1/conversations/" + id + "/queue/status").getLong("pending", 1L) > 0
          && System.currentTimeMillis() < settle) {
        io.cleanercontext.support.Subscription.sleep(100);
      }
      io.cleanercontext.support.Subscription.sleep(1_500); // past the close grace period
      // Now read what the kernel holds: a server that closed the connection ends the stream.
      socket.setSoTimeout(3_000);
      InputStream in = socket.getInputStream();
      byte[] chunk = new byte[65_536];
      boolean ended = false;
      String head = null;
      long total = 0;
      long deadline = System.currentTimeMillis() + 8_000;
      try {
        while (System.currentTimeMillis() < deadline) {
          int n = in.read(chunk);
          if (head == null && n > 0) {
            head = new String(chunk, 0, Math.min(n, 120), StandardCharsets.ISO_8859_1);
          }
          total += Math.max(n, 0);
          if (n < 0) {
            ended = true;
            break;
          }
        }
      } catch (SocketTimeoutException e) {
        ended = false; // still open: the server is waiting for a close handshake that never comes
      } catch (java.net.SocketException e) {
        ended = true; // reset by the server
      }
      assertThat(ended)
          .as(
              "the server closed the TCP connection of the client that never read; it began "
                  + head
                  + " read "
                  + total)
          .isTrue();
    }
  }
}
