package io.cleanercontext.api;

import io.cleanercontext.contract.Addresses;
import io.cleanercontext.lifecycle.GracefulShutdown;
import io.cleanercontext.realtime.EventBusBridgeRoutes;
import io.cleanercontext.realtime.WebSocketGateway;
import io.cleanercontext.security.Authenticator;
import io.cleanercontext.security.BridgeGuard;
import io.cleanercontext.security.ConnectionLimiter;
import io.cleanercontext.security.HttpConnectionGuard;
import io.cleanercontext.security.OriginPolicy;
import io.cleanercontext.security.RedisLimits;
import io.cleanercontext.security.SecurityHeaders;
import io.cleanercontext.security.SecuritySettings;
import io.cleanercontext.security.TenantRateLimiter;
import io.cleanercontext.store.ConversationStore;
import io.cleanercontext.store.Database;
import io.cleanercontext.store.TurnStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP port: REST API, dashboard, WebSocket {@code /ws/conversations/{id}} and the SockJS
 * event-bus bridge {@code /eventbus}, so a browser needs one origin. Several instances share the
 * port. It reads conversations and turns itself; turn writes go over the event bus to ingest.
 */
public final class ApiVerticle extends VerticleBase implements GracefulShutdown.Participant {
  private static final Logger LOG = LoggerFactory.getLogger(ApiVerticle.class);

  private final ApiDeployment config;
  private final int shards;
  private final String instanceId = UUID.randomUUID().toString();
  private Pool pool;
  private HttpServer server;
  private WebSocketGateway gateway;
  private BridgeGuard bridgeGuard;
  private long shutdownDrainMs;
  private Future<Void> serverShutdown;
  private Router router;

  /**
   * @param config the sections this HTTP port serves, as running (database URL, port resolved)
   */
  public ApiVerticle(ApiDeployment config, int shards) {
    this.config = config;
    this.shards = shards;
  }

  /** The routes this instance serves, once started (the route contract test reads them). */
  Router router() {
    return router;
  }

  @Override
  public Future<?> start() {
    pool =
        Database.pool(
            vertx,
            config.database().url(),
            config.database().poolSize(),
            "pg-api-" + instanceId.substring(0, 8));
    ConversationStore conversations = new ConversationStore(pool);
    TurnStore turns = new TurnStore(pool);
    SyncResults results = new SyncResults(vertx);
    String resultsAddress = Addresses.turnResults(instanceId);
    // Cluster-wide: the worker that cleans the turn may run on another node.
    var resultsConsumer =
        vertx.eventBus().<JsonObject>consumer(resultsAddress, msg -> results.complete(msg.body()));

    SecuritySettings security = config.security();
    Authenticator authenticator = Authenticator.create(vertx, security);
    // Cluster-wide counts in Redis when the deployment shares one (RedisLimits.forDeployment).
    RedisLimits sharedLimits = RedisLimits.forDeployment(vertx, security, config.queue());
    TurnValidation validation =
        new TurnValidation(config.api(), TenantRateLimiter.of(vertx, security, sharedLimits));
    List<String> allowedOrigins = new ArrayList<>(security.allowedOrigins());
    allowedOrigins.addAll(config.realtime().allowedOrigins());
    OriginPolicy origins = new OriginPolicy(allowedOrigins);

    router = Router.router(vertx);
    router.route().handler(SecurityHeaders::handle);
    Router api = Router.router(vertx);
    if (!security.allowedOrigins().isEmpty()) {
      api.route()
          .handler(
              CorsHandler.create()
                  .addOrigins(security.allowedOrigins())
                  .allowedMethods(
                      Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE))
                  .allowedHeaders(
                      Set.of("Authorization", "Content-Type", "Accept", IdempotencyHeaders.KEY))
                  .exposedHeaders(Set.of("Location", "Retry-After", IdempotencyHeaders.REPLAYED))
                  .maxAgeSeconds(600));
    }
    api.route().handler(new Access(authenticator)::handle);
    api.route().handler(BodyHandler.create(false).setBodyLimit(config.http().maxBodyBytes()));
    new ConversationRoutes(conversations, turns, config).mount(api);
    new TurnRoutes(vertx, config, conversations, turns, results, resultsAddress, validation)
        .mount(api);
    new QueueRoutes(vertx, conversations, turns).mount(api);
    new DiagnosticsRoutes(vertx, config.diagnostics()).mount(api);
    SystemRoutes system = new SystemRoutes(vertx, pool, shards, config.metrics().prometheusPath());
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
    gateway =
        new WebSocketGateway(
            vertx,
            config.realtime(),
            conversations,
            turns,
            authenticator,
            origins,
            ConnectionLimiter.of(vertx, security, sharedLimits));
    gateway.mount(router);
    bridgeGuard =
        new BridgeGuard(
            authenticator,
            (tenant, id) -> conversations.lastSeq(tenant, id).map(seq -> seq != null));
    // SockJS's non-WebSocket transports (xhr_send, ...) read their frames from a buffered body
    router.post("/eventbus/*").handler(BodyHandler.create(false).setBodyLimit(65_536));
    router
        .route("/eventbus/*")
        .subRouter(
            EventBusBridgeRoutes.create(
                vertx, config.realtime(), security, bridgeGuard, origins, authenticator, turns));
    router
        .route("/*")
        .handler(
            StaticHandler.create("webroot").setIndexPage("index.html").setCachingEnabled(true));
    router.route().failureHandler(Problems::handle);
    for (int status : new int[] {404, 405, 413, 500}) {
      router.errorHandler(status, Problems::handle);
    }

    HttpServerOptions options = HttpServerFront.options(config.http(), config.realtime(), security);
    HttpConnectionGuard connectionGuard = new HttpConnectionGuard(vertx, security);
    server =
        vertx
            .createHttpServer(options)
            .connectionHandler(connectionGuard::connected)
            .invalidRequestHandler(HttpServerFront::invalidRequest)
            .requestHandler(
                request -> {
                  if (!connectionGuard.admit(request)) {
                    return;
                  }
                  if (HttpServerFront.hostMissing(request)) {
                    return;
                  }
                  router.handle(request);
                });
    var bridgeConsumer =
        new BridgeSubmissions(vertx, validation, config.api().maxBatchTurns()).register();
    shutdownDrainMs = security.shutdownDrainMs();
    GracefulShutdown.of(vertx).register(this);
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
    return Future.all(listening, resultsConsumer.completion(), bridgeConsumer.completion())
        .onSuccess(
            v ->
                LOG.debug(
                    "API instance {} listening on {}:{}",
                    instanceId,
                    options.getHost(),
                    server.actualPort()));
  }

  @Override
  public Future<?> stop() {
    GracefulShutdown.of(vertx).unregister(this);
    return server.close().compose(v -> pool.close());
  }

  @Override
  public Future<Void> stopAccepting() {
    // Graceful: no new connections; requests in flight finish; WebSockets stay open until
    // closeSockets.
    return onContext(
        () -> {
          serverShutdown = server.shutdown(shutdownDrainMs + 5_000L, TimeUnit.MILLISECONDS);
          return Future.succeededFuture();
        });
  }

  @Override
  public Future<Void> closeSockets(String reason) {
    return onContext(
        () -> {
          for (Object socket : bridgeGuard.openSockets()) {
            if (socket instanceof SockJSSocket sockJs) {
              sockJs.close(1001, reason);
            }
          }
          Future<Void> closed = gateway.closeAll(reason);
          return serverShutdown == null ? closed : closed.eventually(() -> serverShutdown);
        });
  }

  private Future<Void> onContext(Supplier<Future<Void>> action) {
    Promise<Void> promise = Promise.promise();
    context.runOnContext(v -> action.get().onComplete(promise));
    return promise.future();
  }
}
