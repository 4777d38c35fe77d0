package io.cleanercontext.realtime;

import io.cleanercontext.config.DatabaseSettings;
import io.cleanercontext.config.RealtimeSettings;
import io.cleanercontext.config.SecuritySettings;
import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.EventTypes;
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
import io.vertx.core.net.NetSocket;
import io.vertx.ext.bridge.BridgeOptions;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The realtime side that is not tied to the HTTP port: the TCP event-bus bridge for non-browser
 * clients (every frame authorized by the {@link BridgeGuard}: token in the frame's {@code
 * authorization} header), and the once-a-second queue status feed that dashboards subscribe to.
 */
public final class RealtimeVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(RealtimeVerticle.class);

  private final RealtimeSettings config;
  private final String host;
  private final SecuritySettings security;
  private final DatabaseSettings database;
  private final InternalKey internalKey;
  private final ConnectionLimiter bridgeConnections;
  private TcpBridge bridge;
  private Pool pool;
  private BridgeGuard guard;

  /**
   * @param config the realtime section
   * @param host the address to bind the TCP bridge to ({@code http.host})
   * @param security the bridge's authentication and limits
   * @param database the database as running, for resumed registrations
   * @param internalKey the process's key for the built-in diagnostics' tokens
   * @param bridgeConnections the process's TCP bridge connections per client address
   */
  public RealtimeVerticle(
      RealtimeSettings config,
      String host,
      SecuritySettings security,
      DatabaseSettings database,
      InternalKey internalKey,
      ConnectionLimiter bridgeConnections) {
    this.config = config;
    this.host = host;
    this.security = security;
    this.database = database;
    this.internalKey = internalKey;
    this.bridgeConnections = bridgeConnections;
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(1000, t -> publishQueueStatus());
    if (!config.tcpBridge()) {
      return Future.succeededFuture();
    }
    int port = config.tcpBridgePort();
    pool = Database.pool(vertx, database.url(), 2, "pg-bridge");
    ConversationStore conversations = new ConversationStore(pool);
    Authenticator authenticator = Authenticator.create(vertx, security, internalKey);
    guard =
        new BridgeGuard(
            authenticator, (tenant, id) -> conversations.find(tenant, id).map(c -> c != null));
    guard.closeOnExpiry(
        vertx,
        (socket, reason) -> {
          NetSocket net = (NetSocket) socket;
          BridgeFrames.write(net, BridgeFrames.err(ErrorCode.UNAUTHORIZED, null, reason))
              .eventually(net::close);
        });
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
            .withResume(authenticator, new TurnStore(pool), config.maxOutboundQueue());
    NetServerOptions options =
        new NetServerOptions()
            .setHost(host)
            .setPort(port)
            .setIdleTimeout((int) (config.idleTimeoutMs() / 1000));
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
    Buffer frame =
        BridgeFrames.encode(
            new JsonObject()
                .put("type", EventTypes.ERR)
                .put("status", 503)
                .put("message", Shutdown.REASON));
    for (Object socket : guard.openSockets()) {
      if (socket instanceof NetSocket net) {
        net.write(frame.copy()).eventually(net::close);
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
