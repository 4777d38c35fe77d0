package io.cleanercontext.support;

import io.vertx.core.json.JsonObject;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/** A minimal TCP event-bus bridge peer for tests: 4-byte length + JSON frames, blocking. */
public final class TcpBridgePeer implements AutoCloseable {
  private final Socket socket;
  private final DataOutputStream out;
  private final DataInputStream in;

  public TcpBridgePeer(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(15_000);
    out = new DataOutputStream(socket.getOutputStream());
    in = new DataInputStream(socket.getInputStream());
  }

  public void send(JsonObject frame) throws IOException {
    sendBytes(frame.encode().getBytes(StandardCharsets.UTF_8));
  }

  public void sendBytes(byte[] data) throws IOException {
    out.writeInt(data.length);
    out.write(data);
    out.flush();
  }

  public JsonObject read() throws IOException {
    byte[] data = new byte[in.readInt()];
    in.readFully(data);
    return new JsonObject(new String(data, StandardCharsets.UTF_8));
  }

  /** The next frame, or null when the server has closed the connection. */
  public JsonObject readOrEnd() throws IOException {
    try {
      return read();
    } catch (java.io.EOFException | java.net.SocketException e) {
      return null;
    }
  }

  /**
   * Reads the raw byte stream to its end; true when the server closed the connection within the
   * timeout.
   */
  public boolean closedByServer() throws IOException {
    try {
      while (in.read() >= 0) {
        // drain
      }
      return true;
    } catch (java.net.SocketTimeoutException e) {
      return false;
    } catch (java.net.SocketException e) {
      return true; // reset by the server
    }
  }

  public void timeout(int millis) throws IOException {
    socket.setSoTimeout(millis);
  }

  public void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /**
   * Reads frames until one matches (denials may be followed by the bridge's own generic err frame).
   */
  public JsonObject readUntil(Predicate<JsonObject> match) throws IOException {
    for (int i = 0; i < 20; i++) {
      JsonObject frame = read();
      if (match.test(frame)) {
        return frame;
      }
    }
    throw new AssertionError("no matching frame");
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
