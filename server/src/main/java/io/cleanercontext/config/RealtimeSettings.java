package io.cleanercontext.config;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The {@code realtime} section: WebSockets, the SockJS bridge and the TCP event-bus bridge.
 *
 * @param maxOutboundQueue writes not yet flushed after which a slow socket is closed (4008)
 * @param websocketCompression whether permessage-deflate is accepted
 * @param pingIntervalMs how often sockets are pinged
 * @param idleTimeoutMs no frame or pong for this long closes a socket (4000)
 * @param closeGraceMs how long a closing socket may take to flush
 * @param tcpBridgePort the TCP event-bus bridge's port, -1 for none ({@code CC_TCP_BRIDGE_PORT})
 * @param allowedOrigins origins allowed besides {@code security.allowed_origins}
 */
public record RealtimeSettings(
    int maxOutboundQueue,
    boolean websocketCompression,
    long pingIntervalMs,
    long idleTimeoutMs,
    long closeGraceMs,
    int tcpBridgePort,
    List<String> allowedOrigins) {

  public static RealtimeSettings from(JsonObject section) {
    SectionReader s = new SectionReader("realtime", section);
    return new RealtimeSettings(
        s.integer("max_outbound_queue", 1024, 1, 1_000_000),
        s.bool("websocket_compression", false),
        s.longValue("ping_interval_ms", 15_000L, 1, Long.MAX_VALUE),
        s.longValue("idle_timeout_ms", 60_000L, 1, Long.MAX_VALUE),
        s.longValue("close_grace_ms", 2_000L, 0, Long.MAX_VALUE),
        s.integer("tcp_bridge_port", -1, -1, 65535),
        s.strings("allowed_origins", List.of()));
  }

  public boolean tcpBridge() {
    return tcpBridgePort >= 0;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("max_outbound_queue", maxOutboundQueue)
        .put("websocket_compression", websocketCompression)
        .put("ping_interval_ms", pingIntervalMs)
        .put("idle_timeout_ms", idleTimeoutMs)
        .put("close_grace_ms", closeGraceMs)
        .put("tcp_bridge_port", tcpBridgePort)
        .put("allowed_origins", allowedOrigins);
  }
}
