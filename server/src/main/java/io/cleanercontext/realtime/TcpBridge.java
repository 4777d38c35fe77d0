package io.cleanercontext.realtime;

import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.security.Authenticator;
import io.cleanercontext.security.BridgeGuard;
import io.cleanercontext.security.ConnectionLimiter;
import io.cleanercontext.store.TurnStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.bridge.BridgeOptions;

/**
 * The TCP event-bus bridge (the wire protocol of vertx-tcp-eventbus-bridge: a 4-byte big-endian
 * length, then that many bytes of JSON), served by us rather than by that library because a bridge
 * open to the network must refuse before it buffers: the length prefix is checked against {@code
 * max_bridge_frame_bytes} before any body is read ({@link FrameReader}); a connection that has not
 * sent an accepted, authenticated frame within {@code bridge_unauthenticated_timeout_ms} or {@code
 * bridge_unauthenticated_max_bytes} is closed; connections per client address are capped. Every
 * refused frame gets exactly one {@code err} frame naming the reason; frames are never logged
 * (their headers carry bearer tokens). Authorization is the {@link BridgeGuard}'s. One client
 * connection is a {@link TcpBridgeConnection}, its registrations {@link BridgeRegistrations}.
 */
final class TcpBridge {
  /** The limits of one bridge; see docs/SECURITY.md. */
  record Limits(int maxFrameBytes, long unauthenticatedTimeoutMs, long unauthenticatedMaxBytes) {}

  /**
   * What every connection of one bridge uses; {@code authenticator} and {@code turns} serve
   * REGISTER with {@code since} (null: such a REGISTER is refused).
   */
  record Services(
      Vertx vertx,
      BridgeGuard guard,
      Limits limits,
      AddressPermissions permissions,
      Authenticator authenticator,
      TurnStore turns,
      int maxBuffered) {}

  private final Vertx vertx;
  private final ConnectionLimiter perAddress;
  private Services services;
  private NetServer server;

  TcpBridge(
      Vertx vertx,
      BridgeOptions permissions,
      BridgeGuard guard,
      Limits limits,
      ConnectionLimiter perAddress) {
    this.vertx = vertx;
    this.perAddress = perAddress;
    this.services =
        new Services(vertx, guard, limits, new AddressPermissions(permissions), null, null, 0);
  }

  /** Serves REGISTER with {@code since} from the stored turns ({@link BridgeResume}). */
  TcpBridge withResume(Authenticator authenticator, TurnStore turns, int maxBuffered) {
    services =
        new Services(
            vertx,
            services.guard(),
            services.limits(),
            services.permissions(),
            authenticator,
            turns,
            maxBuffered);
    return this;
  }

  Future<NetServer> listen(NetServerOptions options) {
    server = vertx.createNetServer(options).connectHandler(this::connected);
    return server.listen();
  }

  Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  private void connected(NetSocket socket) {
    ConnectionLimiter.Lease lease = perAddress.tryOpen(socket.remoteAddress().hostAddress());
    if (lease == null) {
      BridgeFrames.write(
          socket,
          BridgeFrames.err(
              ErrorCode.TOO_MANY_REQUESTS,
              null,
              "too many bridge connections from this address (at most " + perAddress.max() + ")"));
      socket.close();
      return;
    }
    new TcpBridgeConnection(services, socket, lease).start();
  }
}
