package io.cleanercontext.support;

import io.vertx.core.json.JsonObject;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A push client that subscribes, reads until its subscription is confirmed, then never reads again
 * (a small receive buffer, so the server's writes back up quickly): over the TCP bridge, a raw
 * WebSocket (SockJS's raw transport or {@code /ws/conversations}), or SockJS's framed WebSocket
 * transport. {@link #closedByServer} then tells whether the server gave up on it.
 */
public final class NonReadingPeer implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final DataInputStream in;

  private NonReadingPeer(int port) throws IOException {
    socket = new Socket();
    socket.setReceiveBufferSize(4096);
    socket.connect(new InetSocketAddress("127.0.0.1", port));
    socket.setSoTimeout(15_000);
    out = socket.getOutputStream();
    in = new DataInputStream(socket.getInputStream());
  }

  /**
   * A TCP bridge peer that sent {@code register} and read frames until one contains {@code until}.
   */
  public static NonReadingPeer tcpBridge(int port, JsonObject register, String until)
      throws IOException {
    NonReadingPeer peer = new NonReadingPeer(port);
    byte[] json = register.encode().getBytes(StandardCharsets.UTF_8);
    peer.out.write(ByteBuffer.allocate(4 + json.length).putInt(json.length).put(json).array());
    peer.out.flush();
    for (int i = 0; i < 20; i++) {
      byte[] frame = new byte[peer.in.readInt()];
      peer.in.readFully(frame);
      if (new String(frame, StandardCharsets.UTF_8).contains(until)) {
        return peer;
      }
    }
    throw new IOException("no frame containing " + until);
  }

  /**
   * A WebSocket peer on {@code path} that sent {@code text} (if not null) and read frames until one
   * contains {@code until}.
   */
  public static NonReadingPeer webSocket(int port, String path, String text, String until)
      throws IOException {
    NonReadingPeer peer = new NonReadingPeer(port);
    peer.out.write(
        ("GET "
                + path
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    peer.out.flush();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = peer.in.read();
      if (b < 0) {
        throw new IOException("closed during the upgrade: " + head);
      }
      head.append((char) b);
    }
    if (!head.toString().startsWith("HTTP/1.1 101")) {
      throw new IOException("upgrade refused: " + head);
    }
    if (text != null) {
      peer.sendText(text);
    }
    return peer.readUntil(until);
  }

  /** Reads WebSocket frames until one contains {@code until} (at most 20). */
  public NonReadingPeer readUntil(String until) throws IOException {
    for (int i = 0; i < 20; i++) {
      if (readTextFrame().contains(until)) {
        return this;
      }
    }
    throw new IOException("no frame containing " + until);
  }

  /** One masked text frame (clients must mask; a zero key keeps the bytes as they are). */
  public void sendText(String text) throws IOException {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    ByteBuffer frame = ByteBuffer.allocate(payload.length + 14);
    frame.put((byte) 0x81);
    if (payload.length < 126) {
      frame.put((byte) (0x80 | payload.length));
    } else {
      frame.put((byte) (0x80 | 126)).putShort((short) payload.length);
    }
    frame.putInt(0).put(payload);
    out.write(frame.array(), 0, frame.position());
    out.flush();
  }

  private String readTextFrame() throws IOException {
    in.readUnsignedByte();
    long length = in.readUnsignedByte() & 0x7F;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    byte[] payload = new byte[(int) length];
    in.readFully(payload);
    return new String(payload, StandardCharsets.UTF_8);
  }

  /**
   * Starts reading again: true when the stream ends (or is reset) within {@code millis} after what
   * the kernel held, false when the server still keeps the connection open.
   */
  public boolean closedByServer(long millis) throws IOException {
    socket.setSoTimeout((int) Math.min(millis, 3_000));
    InputStream stream = socket.getInputStream();
    byte[] chunk = new byte[65_536];
    long deadline = System.currentTimeMillis() + millis;
    try {
      while (System.currentTimeMillis() < deadline) {
        if (stream.read(chunk) < 0) {
          return true;
        }
      }
      return false;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true; // reset
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
