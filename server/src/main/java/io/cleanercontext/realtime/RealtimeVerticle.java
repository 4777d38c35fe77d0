package io.cleanercontext.realtime;

import io.cleanercontext.config.SecuritySettings;
import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.Shutdown;
import io.cleanercontext.security.Authenticator;
import io.cleanercontext.security.BridgeGuard;
import io.cleanercontext.security.ConnectionLimiter;
import io.cleanercontext.security.InternalKey;
import io.cleanercontext.store.ConversationStore;
import io.cleanercontext.store.Database;
import io.cleanercontext.store.TurnStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServerOptions;
import io.vertx.ext.bridge.BridgeOptions;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The realtime side that is not tied to the HTTP port: the TCP event-bus bridge for non-browser
 * clients (every frame authorized by the {@link BridgeGuard}: token in the frame's {@code
 * authorization} header), and the once-a-second queue status feed that dashboards subscribe to.
 */
public final class RealtimeVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(RealtimeVerticle.class);

  private final JsonObject config;
  private final InternalKey internalKey;
  private final ConnectionLimiter bridgeConnections;
  private TcpBridge bridge;
  private Pool pool;
  private BridgeGuard guard;

  /**
   * @param config the realtime slice plus {@code host}, and {@code security} and {@code
   *     database_url}
   * @param internalKey the process's key for the built-in diagnostics' tokens
   * @param bridgeConnections the process's TCP bridge connections per client address
   */
  public RealtimeVerticle(
      JsonObject config, InternalKey internalKey, ConnectionLimiter bridgeConnections) {
    this.config = config;
    this.internalKey = internalKey;
    this.bridgeConnections = bridgeConnections;
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(1000, t -> publishQueueStatus());
    int port = config.getInteger("tcp_bridge_port", -1);
    if (port < 0) {
      return Future.succeededFuture();
    }
    SecuritySettings security =
        SecuritySettings.from(
            new JsonObject().put("security", config.getJsonObject("security", new JsonObject())));
    pool = Database.pool(vertx, config.getString("database_url"), 2, "pg-bridge");
    ConversationStore conversations = new ConversationStore(pool);
    Authenticator authenticator = Authenticator.create(vertx, security, internalKey);
    guard =
        new BridgeGuard(
            authenticator, (tenant, id) -> conversations.find(tenant, id).map(c -> c != null));
    guard.closeOnExpiry(
        vertx,
        (socket, reason) -> {
          io.vertx.core.net.NetSocket net = (io.vertx.core.net.NetSocket) socket;
          TcpBridge.writeFrame(
                  net,
                  TcpBridge.err(io.cleanercontext.contract.ErrorCode.UNAUTHORIZED, null, reason))
              .eventually(net::close);
        });
    String host = config.getString("host", "127.0.0.1");
    bridge =
        new TcpBridge(
                vertx,
                BridgePermissions.apply(new BridgeOptions()),
                guard,
                new TcpBridge.Limits(
                    security.maxBridgeFrameBytes(),
                    security.bridgeAuthTimeoutMs(),
                    security.bridgeUnauthenticatedMaxBytes()),
                bridgeConnections)
            .withResume(
                authenticator, new TurnStore(pool), config.getInteger("max_outbound_queue", 1024));
    NetServerOptions options =
        new NetServerOptions()
            .setHost(host)
            .setPort(port)
            .setIdleTimeout((int) (config.getLong("idle_timeout_ms", 60_000L) / 1000));
    return Shutdown.participate(vertx, this::shutdownPhase)
        .compose(v -> bridge.listen(options))
        .recover(
            e ->
                Future.failedFuture(
                    "TCP event-bus bridge on "
                        + host
                        + ":"
                        + port
                        + ": "
                        + e.getMessage()
                        + " (set CC_TCP_BRIDGE_PORT to another port, or -1 to turn the bridge off)"))
        .onSuccess(b -> LOG.info("TCP event-bus bridge on {}:{}", host, port));
  }

  private void publishQueueStatus() {
    vertx
        .eventBus()
        .<JsonObject>request(
            Addresses.QUEUE_STATUS, new JsonObject(), new DeliveryOptions().setSendTimeout(900))
        .onSuccess(reply -> vertx.eventBus().publish(Addresses.QUEUE_STATUS_FEED, reply.body()));
  }

  /**
   * Bridge clients keep receiving what the queue drains; on CLOSE_SOCKETS each is told why it is
   * being disconnected, then its socket is closed.
   */
  private Future<Void> shutdownPhase(Shutdown.Phase phase) {
    if (phase != Shutdown.Phase.CLOSE_SOCKETS) {
      return Future.succeededFuture();
    }
    byte[] frame =
        new JsonObject()
            .put("type", "err")
            .put("status", 503)
            .put("message", Shutdown.REASON)
            .encode()
            .getBytes(StandardCharsets.UTF_8);
    for (Object socket : guard.openSockets()) {
      if (socket instanceof io.vertx.core.net.NetSocket net) {
        net.write(Buffer.buffer().appendInt(frame.length).appendBytes(frame))
            .eventually(net::close);
      }
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    Future<Void> closed = bridge == null ? Future.succeededFuture() : bridge.close();
    return closed.eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
