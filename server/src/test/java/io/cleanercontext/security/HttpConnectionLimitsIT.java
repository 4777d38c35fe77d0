package io.cleanercontext.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The HTTP port against slow, idle and too many connections, over real sockets. */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class HttpConnectionLimitsIT {
  private static final String GET = "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  private TestApp app;

  @BeforeAll
  void start(Vertx vertx) {
    JsonObject config = TestApp.config("memory");
    config
        .getJsonObject("security")
        .put("http_idle_timeout_ms", 2000)
        .put("http_header_read_timeout_ms", 1000)
        .put("max_http_connections_per_address", 3);
    app = TestApp.start(vertx, config).await();
  }

  @AfterAll
  void stop() {
    app.stop().await();
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket("127.0.0.1", app.port());
    socket.setSoTimeout(200);
    return socket;
  }

  /**
   * Everything the server sends until it closes the connection or {@code millis} pass; null if
   * still open.
   */
  private static String readUntilClosed(Socket socket, long millis, Runnable meanwhile)
      throws IOException {
    InputStream in = socket.getInputStream();
    StringBuilder text = new StringBuilder();
    long deadline = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < deadline) {
      try {
        int b = in.read();
        if (b < 0) {
          return text.toString();
        }
        text.append((char) b);
      } catch (SocketTimeoutException e) {
        meanwhile.run();
      } catch (java.net.SocketException e) {
        return text.toString(); // reset
      }
    }
    return null;
  }

  /** One whole response: its headers, then as many body bytes as its content-length says. */
  private static String wholeResponse(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    StringBuilder text = new StringBuilder();
    long deadline = System.currentTimeMillis() + 5_000;
    int bodyLeft = -1;
    while (System.currentTimeMillis() < deadline && bodyLeft != 0) {
      try {
        int b = in.read();
        if (b < 0) {
          break;
        }
        text.append((char) b);
        if (bodyLeft > 0) {
          bodyLeft--;
        } else if (bodyLeft < 0 && text.toString().endsWith("\r\n\r\n")) {
          Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(text.toString());
          bodyLeft = length.find() ? Integer.parseInt(length.group(1)) : 0;
        }
      } catch (SocketTimeoutException e) {
        // keep reading until the deadline
      }
    }
    return text.toString();
  }

  /** Sends one header byte every 200 ms (never idle, never done) until the server closes. */
  private static String trickleUntilClosed(Socket socket, OutputStream out) throws IOException {
    return readUntilClosed(
        socket,
        6_000,
        () -> {
          try {
            out.write('X');
            out.flush();
          } catch (IOException e) {
            // closed by the server: the next read says so
          }
        });
  }

  private static String response(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    StringBuilder text = new StringBuilder();
    long deadline = System.currentTimeMillis() + 5_000;
    while (System.currentTimeMillis() < deadline
        && !text.toString().matches("(?s).*\r\n\r\n.*\\}")) {
      try {
        int b = in.read();
        if (b < 0) {
          break;
        }
        text.append((char) b);
      } catch (SocketTimeoutException e) {
        // keep reading until the deadline
      }
    }
    return text.toString();
  }

  @Test
  void aSlowHeaderSenderIsClosed() throws IOException {
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(
          "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      String answer = trickleUntilClosed(socket, out);
      assertThat(answer).as("the server closed the slow connection").isNotNull();
    }
  }

  /**
   * The header deadline covers a connection's first request; a later request whose headers trickle
   * in is closed by the idle timeout, since bytes of an unfinished request line or header are not
   * activity to it.
   */
  @Test
  void aSlowHeaderSenderOnAKeptAliveConnectionIsClosed() throws IOException {
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(GET.getBytes(StandardCharsets.UTF_8));
      assertThat(wholeResponse(socket)).startsWith("HTTP/1.1 200");
      // the next request's headers, one byte every 200 ms: never idle, never done
      out.write(
          "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      String answer = trickleUntilClosed(socket, out);
      assertThat(answer).as("the server closed the slow second request").isNotNull();
    }
  }

  @Test
  void aKeptAliveConnectionServesRequestsSentInTime() throws IOException {
    try (Socket socket = connect()) {
      for (int i = 0; i < 3; i++) {
        socket.getOutputStream().write(GET.getBytes(StandardCharsets.UTF_8));
        assertThat(wholeResponse(socket)).as("request " + i).startsWith("HTTP/1.1 200");
      }
    }
  }

  @Test
  void anIdleConnectionIsClosed() throws IOException {
    try (Socket socket = connect()) {
      socket.getOutputStream().write(GET.getBytes(StandardCharsets.UTF_8));
      assertThat(response(socket)).startsWith("HTTP/1.1 200");
      assertThat(readUntilClosed(socket, 6_000, () -> {}))
          .as("the server closed the idle connection")
          .isNotNull();
    }
  }

  @Test
  void connectionsPerAddressAreCapped() throws IOException {
    List<Socket> open = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        Socket socket = connect();
        open.add(socket);
        socket.getOutputStream().write(GET.getBytes(StandardCharsets.UTF_8));
        assertThat(response(socket)).startsWith("HTTP/1.1 200");
      }
      try (Socket fourth = connect()) {
        fourth.getOutputStream().write(GET.getBytes(StandardCharsets.UTF_8));
        String answer = readUntilClosed(fourth, 5_000, () -> {});
        assertThat(answer)
            .startsWith("HTTP/1.1 429")
            .contains("too many connections from this address (at most 3)");
      }
      open.remove(0).close();
      io.cleanercontext.support.Subscription.sleep(500); // the server sees the close
      try (Socket again = connect()) {
        again.getOutputStream().write(GET.getBytes(StandardCharsets.UTF_8));
        assertThat(response(again)).startsWith("HTTP/1.1 200");
      }
    } finally {
      for (Socket socket : open) {
        socket.close();
      }
    }
  }
}
