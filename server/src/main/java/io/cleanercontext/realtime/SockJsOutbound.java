package io.cleanercontext.realtime;

import io.cleanercontext.contract.EventTypes;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * What the SockJS bridge writes to its sockets, bounded per socket: vertx-web's bridge writes every
 * delivery straight to the socket, so a client that never reads grew its backlog in the heap (the
 * attack run: 30 -> 213 MB in a minute). Every delivery goes through here instead: once {@code
 * realtime.max_outbound_queue} writes wait for a socket (or its write queue is full), the socket is
 * closed with 4008 "slow consumer", as a WebSocket subscriber is. A write waits until Netty has
 * handed it to the kernel, so the count covers framed SockJS sessions too, whose own write queue
 * empties into their WebSocket at once. Confined to the event loop of the bridge's verticle.
 */
final class SockJsOutbound {
  private final int maxPending;

  /** Writes not yet handed to the kernel, per socket; -1 once closed as slow. */
  private final Map<SockJSSocket, int[]> pending = new HashMap<>();

  SockJsOutbound(int maxPending) {
    this.maxPending = maxPending;
  }

  /** Writes the frame unless the socket cannot keep up: then closes it and returns false. */
  boolean write(SockJSSocket socket, String text) {
    int[] count = pending.computeIfAbsent(socket, s -> new int[1]);
    if (count[0] < 0) {
      return false;
    }
    if (count[0] >= maxPending || socket.writeQueueFull()) {
      String reason = "slow consumer: more than " + count[0] + " messages not yet sent";
      count[0] = -1;
      socket.close(EventTypes.Close.SLOW_CONSUMER, reason);
      return false;
    }
    count[0]++;
    socket
        .write(text)
        .onComplete(
            ar -> {
              if (count[0] > 0) {
                count[0]--;
              }
            });
    return true;
  }

  /** Whether the socket was closed as slow, or would be by its next write. */
  boolean full(SockJSSocket socket) {
    int[] count = pending.get(socket);
    return count != null && (count[0] < 0 || count[0] >= maxPending) || socket.writeQueueFull();
  }

  /** The socket closed. */
  void closed(SockJSSocket socket) {
    pending.remove(socket);
  }
}
