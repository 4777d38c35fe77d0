package io.cleanercontext.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis for integration tests: {@code CC_TEST_REDIS_URL}, else 127.0.0.1:6379 when it
 * answers, else a {@code redis-server} binary on PATH started on a free port for this JVM.
 */
public final class TestRedis {
  private static String url;
  private static Process process;

  private TestRedis() {}

  public static synchronized String url() {
    if (url != null) {
      return url;
    }
    String given = System.getenv("CC_TEST_REDIS_URL");
    if (given != null && !given.isBlank()) {
      url = given;
    } else if (answers("127.0.0.1", 6379)) {
      url = "redis://127.0.0.1:6379";
    } else {
      url = startServer();
    }
    return url;
  }

  private static String startServer() {
    try (ServerSocket socket = new ServerSocket(0)) {
      int port = socket.getLocalPort();
      socket.close();
      process =
          new ProcessBuilder(
                  "redis-server",
                  "--port",
                  Integer.toString(port),
                  "--bind",
                  "127.0.0.1",
                  "--save",
                  "",
                  "--appendonly",
                  "no",
                  "--dir",
                  Files.createTempDirectory("cc-test-redis").toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> process.destroy()));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline) {
        if (answers("127.0.0.1", port)) {
          return "redis://127.0.0.1:" + port;
        }
        Thread.sleep(50);
      }
      throw new IllegalStateException("redis-server did not answer on port " + port);
    } catch (IOException e) {
      throw new IllegalStateException("no Redis: set CC_TEST_REDIS_URL or install redis-server", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean answers(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new java.net.InetSocketAddress(host, port), 500);
      s.setSoTimeout(1000);
      OutputStream out = s.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[7];
      int n = in.read(buf);
      return n > 0 && new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }
}
