package io.cleanercontext.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The HTTP port below the router, over real sockets. The header-read timeout applies to every
 * connection whose first request has not arrived, however little it sent: the attack run held
 * connections that sent nothing, one byte, a request line or part of the headers until the idle
 * timeout (120 s). Here the idle timeout is 60 s and the header timeout 1 s, so only the header
 * timeout can close them within the test's 10 s. Request framing that Netty accepts leniently is
 * refused 400 and the connection closed; cleartext HTTP/2 is off.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class HttpFrontIT {
  private TestApp app;

  @BeforeAll
  void start(Vertx vertx) {
    JsonObject config = TestApp.config("memory");
    config
        .getJsonObject("security")
        .put("http_idle_timeout_ms", 60_000)
        .put("http_header_read_timeout_ms", 1000);
    app = TestApp.start(vertx, config).await();
  }

  @AfterAll
  void stop() {
    app.stop().await();
  }

  /** Whether the server closed the connection within {@code millis}, after {@code sent}. */
  private boolean closedAfterSending(String sent, long millis) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", app.port())) {
      socket.setSoTimeout(200);
      if (!sent.isEmpty()) {
        socket.getOutputStream().write(sent.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
      }
      InputStream in = socket.getInputStream();
      long deadline = System.currentTimeMillis() + millis;
      while (System.currentTimeMillis() < deadline) {
        try {
          if (in.read() < 0) {
            return true;
          }
        } catch (SocketTimeoutException e) {
          // still open: keep waiting
        } catch (SocketException e) {
          return true; // reset
        }
      }
      return false;
    }
  }

  @Test
  void connectionsThatNeverFinishTheirHeadersAreClosed() throws IOException {
    Map<String, String> sends = new LinkedHashMap<>();
    sends.put("nothing", "");
    sends.put("one byte", "G");
    sends.put("the first byte of the HTTP/2 preface", "P");
    sends.put("a request line", "GET /health HTTP/1.1\r\n");
    sends.put("partial headers", "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: ");
    sends.put("part of the HTTP/2 preface", "PRI * HTTP/2.0\r\n");
    for (Map.Entry<String, String> send : sends.entrySet()) {
      assertThat(closedAfterSending(send.getValue(), 10_000))
          .as("a connection that sent " + send.getKey() + " is closed")
          .isTrue();
    }
  }

  /** Sends {@code request}; everything the server answers until it closes (null: still open). */
  private String answerThenClose(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", app.port())) {
      socket.setSoTimeout(200);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      StringBuilder text = new StringBuilder();
      long deadline = System.currentTimeMillis() + 5_000;
      while (System.currentTimeMillis() < deadline) {
        try {
          int b = in.read();
          if (b < 0) {
            return text.toString();
          }
          text.append((char) b);
        } catch (SocketTimeoutException e) {
          // keep reading
        } catch (SocketException e) {
          return text.toString();
        }
      }
      return null;
    }
  }

  @Test
  void ambiguousFramingIsRefusedAndTheConnectionClosed() throws IOException {
    String post =
        "POST /api/v1/conversations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
    String both = "both Content-Length and Transfer-Encoding";
    // {request, what the answer names}
    String[][] requests = {
      {post + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", both},
      // the attack run's shape: xchunked with a Content-Length was read as a fixed-length body
      {post + "Transfer-Encoding: xchunked\r\nContent-Length: 2\r\n\r\n{}", both},
      {post + "Transfer-Encoding: xchunked\r\n\r\n{}", "Transfer-Encoding 'xchunked'"},
      {post + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", "'gzip, chunked'"},
      {
        "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\n\r\n",
        "more than one Host header"
      }
    };
    for (String[] request : requests) {
      String answer = answerThenClose(request[0] + "GET /health/live HTTP/1.1\r\nHost: a\r\n\r\n");
      assertThat(answer).as(request[1] + ": closed after the answer").isNotNull();
      assertThat(answer)
          .as(request[1])
          .startsWith("HTTP/1.1 400")
          .contains("application/problem+json")
          .contains(request[1])
          .doesNotContain("HTTP/1.1 200");
    }
  }

  @Test
  void cleartextHttp2IsNotServed() throws IOException {
    String preface = answerThenClose("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
    assertThat(preface).as("prior knowledge").startsWith("HTTP/1.1 505");
    String upgrade =
        answerThenClose(
            "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\nConnection: close\r\n\r\n");
    assertThat(upgrade).as("h2c upgrade: answered in HTTP/1.1").startsWith("HTTP/1.1 200");
  }
}
