package io.cleanercontext.realtime;

import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.ServiceException;
import io.cleanercontext.lifecycle.GracefulShutdown;
import io.cleanercontext.metrics.ProductMetrics;
import io.cleanercontext.security.Authenticator;
import io.cleanercontext.security.BridgeGuard;
import io.cleanercontext.security.SecuritySettings;
import io.cleanercontext.store.ConversationStore;
import io.cleanercontext.store.Database;
import io.cleanercontext.store.TurnStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.bridge.BridgeOptions;
import io.vertx.ext.eventbus.bridge.tcp.BridgeEvent;
import io.vertx.ext.eventbus.bridge.tcp.TcpEventBusBridge;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The realtime side that is not tied to the HTTP port: the TCP event-bus bridge for non-browser
 * clients (every frame authorized by the {@link BridgeGuard}: token in the frame's
 * {@code authorization} header), and the once-a-second queue status feed that dashboards subscribe to.
 */
public final class RealtimeVerticle extends VerticleBase implements GracefulShutdown.Participant {
  private static final Logger LOG = LoggerFactory.getLogger(RealtimeVerticle.class);

  private final JsonObject config;
  private TcpEventBusBridge bridge;
  private Pool pool;
  private BridgeGuard guard;
  private Authenticator authenticator;
  private TurnStore turns;
  /** Resuming registrations ({@code since}) per socket and address; touched on this verticle's event loop only. */
  private final Map<NetSocket, Map<String, BridgeResume>> resumes = new HashMap<>();

  /** @param config the realtime slice plus {@code host}, and {@code security} and {@code database_url} */
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
    SecuritySettings security = SecuritySettings.from(new JsonObject().put("security", config.getJsonObject("security", new JsonObject())));
    pool = Database.pool(vertx, config.getString("database_url"), 2, "pg-bridge");
    ConversationStore conversations = new ConversationStore(pool);
    authenticator = Authenticator.create(vertx, security);
    turns = new TurnStore(pool);
    guard = new BridgeGuard(authenticator, (tenant, id) -> conversations.find(tenant, id).map(c -> c != null));
    ProductMetrics metrics = ProductMetrics.of(vertx);
    String host = config.getString("host", "127.0.0.1");
    bridge = TcpEventBusBridge.create(vertx, BridgePermissions.apply(new BridgeOptions()),
        new NetServerOptions().setHost(host).setIdleTimeout((int) (config.getLong("idle_timeout_ms", 60_000L) / 1000)),
        event -> onEvent(event, metrics));
    GracefulShutdown.of(vertx).register(this);
    return bridge.listen(port, host)
        .recover(e -> Future.failedFuture("TCP event-bus bridge on " + host + ":" + port + ": " + e.getMessage()
            + " (set CC_TCP_BRIDGE_PORT to another port, or -1 to turn the bridge off)"))
        .onSuccess(b -> LOG.info("TCP event-bus bridge on {}:{}", host, port));
  }

  private void onEvent(BridgeEvent event, ProductMetrics metrics) {
    NetSocket socket = event.socket();
    if (event.type() == BridgeEventType.SOCKET_CREATED) {
      guard.opened(socket, null);
      event.complete(true);
      return;
    }
    if (event.type() == BridgeEventType.SOCKET_CLOSED) {
      guard.closed(socket);
      event.complete(true);
      return;
    }
    if (event.type() == BridgeEventType.REGISTERED) {
      confirm(socket, event);
      return;
    }
    JsonObject raw = event.getRawMessage();
    String address = raw == null ? null : raw.getString("address");
    if (event.type() == BridgeEventType.REGISTER && address != null
        && (raw.containsKey("since") || sinceHeader(raw) != null)) {
      resume(socket, event, address);
      return;
    }
    if (event.type() == BridgeEventType.UNREGISTER && address != null && resumes.getOrDefault(socket, Map.of()).containsKey(address)) {
      guard.check(socket, event.type(), raw);
      stopResume(socket, address);
      handledHere(event);
      return;
    }
    guard.decide(socket, event, denial -> {
      byte[] frame = denial.encode().getBytes(StandardCharsets.UTF_8);
      socket.write(Buffer.buffer().appendInt(frame.length).appendBytes(frame));
    });
  }

  /**
   * The bridge has registered the client's consumer: tell the client. Confirmed once a probe
   * subscription on the same address is complete (known cluster-wide), so a turn the client sends
   * after reading the confirmation is delivered to it.
   */
  private void confirm(NetSocket socket, BridgeEvent event) {
    String address = event.getRawMessage() == null ? null : event.getRawMessage().getString("address");
    event.complete(true);
    if (address == null) {
      return;
    }
    MessageConsumer<Object> probe = vertx.eventBus().consumer(address, msg -> { });
    probe.completion().onComplete(ar -> {
      probe.unregister();
      socket.write(BridgeConfirmations.registeredFrame(address, -1));
    });
  }

  /**
   * REGISTER with {@code since} (a field of the frame or a header): authorised like any REGISTER,
   * then served by a {@link BridgeResume} instead of the bridge's own consumer (which would send
   * live events the replay also sends, or before it). The frame reaches the bridge as a ping.
   */
  private void resume(NetSocket socket, BridgeEvent event, String address) {
    JsonObject raw = event.getRawMessage();
    Object given = raw.containsKey("since") ? raw.getValue("since") : sinceHeader(raw);
    long since = parseSince(given);
    String conversationId = Addresses.conversationIdOf(address);
    if (since < 0 || conversationId == null) {
      socket.write(BridgeConfirmations.frame(BridgeGuard.denial(raw, new ServiceException(ErrorCode.BAD_REQUEST,
          since < 0 ? "since must be a non-negative integer" : "since is only for conversation addresses"))));
      event.complete(false);
      return;
    }
    JsonObject headers = raw.getValue("headers") instanceof JsonObject h ? h : new JsonObject();
    Object authorization = headers.getValue("authorization", headers.getValue("Authorization"));
    String token = authorization instanceof String text ? Authenticator.bearer(text) : null;
    guard.check(socket, BridgeEventType.REGISTER, raw)
        .compose(ok -> authenticator.authenticate(token))
        .compose(principal -> {
          stopResume(socket, address);
          BridgeResume resume = new BridgeResume(vertx, turns, socket, address, principal.tenant(),
              UUID.fromString(conversationId), since, config.getInteger("max_outbound_queue", 1024));
          Map<String, BridgeResume> ofSocket = resumes.computeIfAbsent(socket, s -> {
            socket.closeHandler(v -> stopResumes(socket));
            return new HashMap<>();
          });
          ofSocket.put(address, resume);
          return resume.start();
        })
        .onComplete(ar -> {
          if (ar.succeeded()) {
            handledHere(event);
          } else {
            stopResume(socket, address);
            socket.write(BridgeConfirmations.frame(BridgeGuard.denial(raw, ar.cause())));
            event.complete(false);
          }
        });
  }

  /** A frame this verticle has handled: the bridge answers it as a ping (a pong frame), nothing more. */
  private static void handledHere(BridgeEvent event) {
    event.setRawMessage(new JsonObject().put("type", "ping"));
    event.complete(true);
  }

  private static Object sinceHeader(JsonObject raw) {
    return raw.getValue("headers") instanceof JsonObject h ? h.getValue("since") : null;
  }

  private static long parseSince(Object value) {
    try {
      long since = value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value).strip());
      return value instanceof Number n && n.doubleValue() != n.longValue() ? -1 : since;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void stopResume(NetSocket socket, String address) {
    Map<String, BridgeResume> ofSocket = resumes.get(socket);
    BridgeResume resume = ofSocket == null ? null : ofSocket.remove(address);
    if (resume != null) {
      resume.stop();
    }
  }

  private void stopResumes(NetSocket socket) {
    Map<String, BridgeResume> ofSocket = resumes.remove(socket);
    if (ofSocket != null) {
      ofSocket.values().forEach(BridgeResume::stop);
    }
  }

  private void publishQueueStatus() {
    vertx.eventBus().<JsonObject>request(Addresses.QUEUE_STATUS, new JsonObject(), new DeliveryOptions().setSendTimeout(900))
        .onSuccess(reply -> vertx.eventBus().publish(Addresses.QUEUE_STATUS_FEED, reply.body()));
  }

  @Override
  public Future<Void> stopAccepting() {
    return Future.succeededFuture(); // bridge clients keep receiving what the queue drains
  }

  /** Tells each bridge client why it is being disconnected, then closes its socket. */
  @Override
  public Future<Void> closeSockets(String reason) {
    if (guard == null) {
      return Future.succeededFuture();
    }
    byte[] frame = new JsonObject().put("type", "err").put("status", 503).put("message", reason).encode()
        .getBytes(StandardCharsets.UTF_8);
    for (Object socket : guard.openSockets()) {
      if (socket instanceof NetSocket net) {
        net.write(Buffer.buffer().appendInt(frame.length).appendBytes(frame)).eventually(net::close);
      }
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    GracefulShutdown.of(vertx).unregister(this);
    Future<Void> closed = bridge == null ? Future.succeededFuture() : bridge.close();
    return closed.eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
