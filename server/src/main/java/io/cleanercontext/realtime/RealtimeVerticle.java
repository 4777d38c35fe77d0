package io.cleanercontext.realtime;

import io.cleanercontext.contract.Addresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServerOptions;
import io.vertx.ext.bridge.BridgeOptions;
import io.vertx.ext.eventbus.bridge.tcp.TcpEventBusBridge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The realtime side that is not tied to the HTTP port: the TCP event-bus bridge for non-browser
 * clients, and the once-a-second queue status feed that dashboards subscribe to.
 */
public final class RealtimeVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(RealtimeVerticle.class);

  private final JsonObject config;
  private TcpEventBusBridge bridge;

  /** @param config the realtime slice plus {@code host} */
  public RealtimeVerticle(JsonObject config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(1000, t -> publishQueueStatus());
    int port = config.getInteger("tcp_bridge_port", -1);
    if (port < 0) {
      return Future.succeededFuture();
    }
    String host = config.getString("host", "127.0.0.1");
    bridge = TcpEventBusBridge.create(vertx, BridgePermissions.apply(new BridgeOptions()),
        new NetServerOptions().setHost(host).setIdleTimeout((int) (config.getLong("idle_timeout_ms", 60_000L) / 1000)));
    return bridge.listen(port, host)
        .recover(e -> Future.failedFuture("TCP event-bus bridge on " + host + ":" + port + ": " + e.getMessage()
            + " (set CC_TCP_BRIDGE_PORT to another port, or -1 to turn the bridge off)"))
        .onSuccess(b -> LOG.info("TCP event-bus bridge on {}:{}", host, port));
  }

  private void publishQueueStatus() {
    vertx.eventBus().<JsonObject>request(Addresses.QUEUE_STATUS, new JsonObject(), new DeliveryOptions().setSendTimeout(900))
        .onSuccess(reply -> vertx.eventBus().publish(Addresses.QUEUE_STATUS_FEED, reply.body()));
  }

  @Override
  public Future<?> stop() {
    return bridge == null ? Future.succeededFuture() : bridge.close();
  }
}
