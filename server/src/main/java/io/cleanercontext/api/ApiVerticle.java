package io.cleanercontext.api;

import io.cleanercontext.config.SecuritySettings;
import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.Shutdown;
import io.cleanercontext.http.HttpEndpoints;
import io.cleanercontext.security.Authenticator;
import io.cleanercontext.security.ClientLimits;
import io.cleanercontext.security.HttpConnectionGuard;
import io.cleanercontext.security.InternalKey;
import io.cleanercontext.security.SecurityHeaders;
import io.cleanercontext.store.ConversationStore;
import io.cleanercontext.store.Database;
import io.cleanercontext.store.TurnStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP port: REST API, dashboard, WebSocket {@code /ws/conversations/{id}} and the SockJS
 * event-bus bridge {@code /eventbus}, so a browser needs one origin. Several instances share the
 * port. It reads conversations and turns itself; turn writes go over the event bus to ingest. The
 * WebSocket and SockJS routes are the realtime package's, handed over as {@link HttpEndpoints}.
 */
public final class ApiVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ApiVerticle.class);

  private final JsonObject config;
  private final int shards;
  private final ClientLimits limits;
  private final InternalKey internalKey;
  private final HttpEndpoints endpoints;
  private final String instanceId = UUID.randomUUID().toString();
  private Pool pool;
  private HttpServer server;
  private long shutdownDrainMs;
  private Future<Void> serverShutdown;

  /**
   * @param config the whole configuration plus {@code database_url}
   * @param limits the process's per-client limits, shared by its API instances
   * @param internalKey the process's key for the built-in diagnostics' tokens
   * @param endpoints the other endpoints of the HTTP port (WebSocket, SockJS)
   */
  public ApiVerticle(
      JsonObject config,
      int shards,
      ClientLimits limits,
      InternalKey internalKey,
      HttpEndpoints endpoints) {
    this.config = config;
    this.shards = shards;
    this.limits = limits;
    this.internalKey = internalKey;
    this.endpoints = endpoints;
  }

  @Override
  public Future<?> start() {
    JsonObject http = config.getJsonObject("http");
    pool =
        Database.pool(
            vertx,
            config.getString("database_url"),
            config.getJsonObject("database").getInteger("pool_size", 8),
            "pg-api-" + instanceId.substring(0, 8));
    ConversationStore conversations = new ConversationStore(pool);
    TurnStore turns = new TurnStore(pool);
    SyncResults results = new SyncResults(vertx);
    String resultsAddress = Addresses.turnResults(instanceId);
    // Cluster-wide: the worker that cleans the turn may run on another node.
    var resultsConsumer =
        vertx.eventBus().<JsonObject>consumer(resultsAddress, msg -> results.complete(msg.body()));

    SecuritySettings security = SecuritySettings.from(config);
    Authenticator authenticator = Authenticator.create(vertx, security, internalKey);
    TurnValidation validation = new TurnValidation(config, limits.turnRate());

    Router router = Router.router(vertx);
    router.route().handler(SecurityHeaders::handle);
    Router api = Router.router(vertx);
    if (!security.allowedOrigins().isEmpty()) {
      api.route()
          .handler(
              CorsHandler.create()
                  .addOrigins(security.allowedOrigins())
                  .allowedMethods(
                      java.util.Set.of(
                          HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE))
                  .allowedHeaders(
                      java.util.Set.of(
                          "Authorization", "Content-Type", "Accept", TurnRoutes.IDEMPOTENCY_KEY))
                  .exposedHeaders(
                      java.util.Set.of("Location", "Retry-After", TurnRoutes.IDEMPOTENT_REPLAYED))
                  .maxAgeSeconds(600));
    }
    api.route().handler(new Access(authenticator)::handle);
    api.route()
        .handler(BodyHandler.create(false).setBodyLimit(http.getLong("max_body_bytes", 262_144L)));
    new ConversationRoutes(conversations, turns, config).mount(api);
    new TurnRoutes(vertx, config, conversations, turns, results, resultsAddress, validation)
        .mount(api);
    new QueueRoutes(vertx, conversations, turns).mount(api);
    new DiagnosticsRoutes(vertx, config).mount(api);
    SystemRoutes system =
        new SystemRoutes(
            vertx,
            pool,
            shards,
            config.getJsonObject("metrics").getString("prometheus_path", "/metrics"));
    system.mountApi(api);
    api.route()
        .last()
        .handler(
            ctx ->
                Problems.send(
                    ctx,
                    404,
                    "no such API route: " + ctx.request().method() + " " + ctx.request().path(),
                    null));
    router.route("/api/v1/*").subRouter(api);
    system.mount(router);
    Future<Void> mounted = endpoints.mount(vertx, router, pool, authenticator);
    router
        .route("/*")
        .handler(
            StaticHandler.create("webroot").setIndexPage("index.html").setCachingEnabled(true));
    router.route().failureHandler(Problems::handle);
    for (int status : new int[] {404, 405, 413, 500}) {
      router.errorHandler(status, Problems::handle);
    }

    HttpServerOptions options = serverOptions(http, config.getJsonObject("realtime"), security);
    HttpConnectionGuard connectionGuard =
        new HttpConnectionGuard(vertx, security, limits.httpConnections());
    server =
        vertx
            .createHttpServer(options)
            .connectionHandler(connectionGuard::connected)
            .invalidRequestHandler(ApiVerticle::invalidRequest)
            .requestHandler(
                request -> {
                  if (!connectionGuard.admit(request)) {
                    return;
                  }
                  if (request.version() != io.vertx.core.http.HttpVersion.HTTP_2
                      && request.getHeader("Host") == null) {
                    // Vert.x would throw on the first read of the request's authority (a 500)
                    problem(request, 400, "Bad Request", "the Host header is required");
                    return;
                  }
                  router.handle(request);
                });
    var bridgeConsumer =
        new BridgeSubmissions(
                vertx, validation, config.getJsonObject("api").getInteger("max_batch_turns", 100))
            .register();
    shutdownDrainMs = security.shutdownDrainMs();
    Future<Void> participating = Shutdown.participate(vertx, this::shutdownPhase);
    Future<HttpServer> listening =
        server
            .listen()
            .recover(
                e ->
                    Future.failedFuture(
                        "HTTP on "
                            + options.getHost()
                            + ":"
                            + options.getPort()
                            + ": "
                            + e.getMessage()
                            + " (set CC_HTTP_PORT to another port)"));
    return Future.all(
            List.of(
                listening,
                resultsConsumer.completion(),
                bridgeConsumer.completion(),
                mounted,
                participating))
        .onSuccess(
            v ->
                LOG.debug(
                    "API instance {} listening on {}:{}",
                    instanceId,
                    options.getHost(),
                    server.actualPort()));
  }

  /**
   * Requests Netty could not decode: an unknown HTTP version is 505, the rest as Vert.x answers
   * them.
   */
  private static void invalidRequest(io.vertx.core.http.HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    boolean version =
        request.version() == null
            || (cause != null
                && String.valueOf(cause.getMessage())
                    .toLowerCase(java.util.Locale.ROOT)
                    .contains("version"));
    if (version) {
      problem(
          request,
          505,
          "HTTP Version Not Supported",
          "only HTTP/1.0, HTTP/1.1 and HTTP/2 are supported");
      return;
    }
    io.vertx.core.http.HttpServerRequest.DEFAULT_INVALID_REQUEST_HANDLER.handle(request);
  }

  private static void problem(
      io.vertx.core.http.HttpServerRequest request, int status, String title, String detail) {
    request
        .response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/problem+json")
        .putHeader("Connection", "close")
        .end(
            new JsonObject()
                .put(
                    "type",
                    "https://cleanercontext.dev/problems/"
                        + title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'))
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .encode());
  }

  /**
   * Every request and WebSocket of this server is handled and written on its verticle's event loop,
   * so strict thread mode lets each HTTP/1 connection write directly instead of through a
   * multi-producer queue: that queue (a 1,024-slot chunk, ~4.7 KB) would otherwise stay allocated
   * for every upgraded WebSocket, whose HTTP connection Vert.x keeps. WebSocket compression
   * (permessage-deflate, offered by browsers and Gatling) costs a zlib deflater and inflater per
   * socket for short JSON frames, so it is off unless {@code realtime.websocket_compression}. HTTP
   * response compression is off unless {@code http.compression}: its handler stays in every
   * upgraded socket's pipeline (~0.6 KB each), and a proxy in front usually compresses anyway. A
   * connection with no bytes read or written for {@code security.http_idle_timeout_ms} is closed
   * (WebSockets are pinged more often than that, so only dead ones are).
   */
  static HttpServerOptions serverOptions(
      JsonObject http, JsonObject realtime, SecuritySettings security) {
    boolean wsCompression = realtime.getBoolean("websocket_compression", false);
    return new HttpServerOptions()
        .setHost(http.getString("host", "127.0.0.1"))
        .setPort(http.getInteger("port", 8080))
        .setCompressionSupported(http.getBoolean("compression", false))
        .setStrictThreadMode(true)
        .setPerMessageWebSocketCompressionSupported(wsCompression)
        .setPerFrameWebSocketCompressionSupported(wsCompression)
        .setMaxWebSocketFrameSize(65_536)
        .setMaxWebSocketMessageSize(262_144)
        .setIdleTimeout((int) security.httpIdleTimeoutMs())
        .setIdleTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  @Override
  public Future<?> stop() {
    return server.close().compose(v -> pool.close());
  }

  /**
   * Graceful: on STOP_ACCEPTING no new connections, requests in flight finish; WebSockets stay open
   * until the endpoints close them (CLOSE_SOCKETS), which this instance answers once its server's
   * connections are all closed.
   */
  private Future<?> shutdownPhase(Shutdown.Phase phase) {
    if (phase == Shutdown.Phase.STOP_ACCEPTING) {
      serverShutdown =
          server.shutdown(shutdownDrainMs + 5_000L, java.util.concurrent.TimeUnit.MILLISECONDS);
      return Future.succeededFuture();
    }
    return serverShutdown == null ? Future.succeededFuture() : serverShutdown;
  }
}
