package io.cleanercontext.realtime;

import io.vertx.core.buffer.Buffer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Cuts a TCP bridge connection's bytes into frames (4-byte big-endian length, then the JSON),
 * checking each length against the limit before any of its body is kept: a frame over it is refused
 * without being buffered.
 */
final class FrameReader {
  private final int maxFrameBytes;
  private Buffer pending = Buffer.buffer();

  /** Where the unread bytes of {@code pending} start. */
  private int at;

  /** Length of the frame being read, or -1 while reading its length prefix. */
  private int expected = -1;

  FrameReader(int maxFrameBytes) {
    this.maxFrameBytes = maxFrameBytes;
  }

  /**
   * Hands every complete frame of {@code data} (with what came before) to {@code frame}; returns
   * null, or why the connection must be refused (an invalid or oversized length). Stops early when
   * {@code stop} says so after a frame.
   */
  String read(Buffer data, Consumer<byte[]> frame, BooleanSupplier stop) {
    if (at > 0) {
      pending = at == pending.length() ? Buffer.buffer() : pending.getBuffer(at, pending.length());
      at = 0;
    }
    pending = pending.length() == 0 ? data : pending.appendBuffer(data);
    while (!stop.getAsBoolean()) {
      if (expected < 0) {
        if (pending.length() - at < 4) {
          break;
        }
        expected = pending.getInt(at);
        at += 4;
        if (expected < 0 || expected > maxFrameBytes) {
          return expected < 0
              ? "invalid frame length " + expected
              : "a frame of "
                  + expected
                  + " bytes is over the limit of "
                  + maxFrameBytes
                  + " bytes";
        }
      }
      if (pending.length() - at < expected) {
        break;
      }
      byte[] bytes = pending.getBytes(at, at + expected);
      // The frame is consumed before it is handed on: if its handler throws, the next read starts
      // after it, never replaying it or reading its body as a length.
      at += expected;
      expected = -1;
      frame.accept(bytes);
    }
    return null;
  }

  /** Drops what was buffered (the connection closed). */
  void clear() {
    pending = Buffer.buffer();
    at = 0;
  }
}
