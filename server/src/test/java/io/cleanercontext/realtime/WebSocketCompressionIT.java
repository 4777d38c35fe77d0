package io.cleanercontext.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.support.Api;
import io.cleanercontext.support.Subscription;
import io.cleanercontext.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * permessage-deflate costs a zlib deflater and inflater per socket: browsers and Gatling offer it,
 * and the server declines unless {@code realtime.websocket_compression} is set. Turns flow either
 * way. HTTP response compression, whose handler stays in every upgraded socket's pipeline, is
 * likewise off unless {@code http.compression}.
 */
@ExtendWith(VertxExtension.class)
@Timeout(120)
class WebSocketCompressionIT {
  private static final WebSocketClientOptions OFFERS_DEFLATE =
      new WebSocketClientOptions().setTryUsePerMessageCompression(true);

  @Test
  void compressionOfferedByTheClientIsDeclinedByDefault(Vertx vertx) {
    TestApp app = TestApp.start(vertx, TestApp.config("memory")).await();
    String negotiated = extensionsAfterOneTurn(vertx, app);
    assertThat(negotiated).isNull();
    app.stop().await();
  }

  @Test
  void compressionIsNegotiatedWhenConfigured(Vertx vertx) {
    JsonObject config = TestApp.config("memory");
    config.getJsonObject("realtime").put("websocket_compression", true);
    TestApp app = TestApp.start(vertx, config).await();
    String negotiated = extensionsAfterOneTurn(vertx, app);
    assertThat(negotiated).startsWith("permessage-deflate");
    app.stop().await();
  }

  @Test
  void httpResponsesAreCompressedOnlyWhenConfigured(Vertx vertx) {
    for (boolean on : new boolean[] {false, true}) {
      JsonObject config = TestApp.config("memory");
      config.getJsonObject("http").put("compression", on);
      TestApp app = TestApp.start(vertx, config).await();
      var response =
          app.client().get("/openapi.json").putHeader("Accept-Encoding", "gzip").send().await();
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.getHeader("Content-Encoding")).isEqualTo(on ? "gzip" : null);
      app.stop().await();
    }
  }

  private static String extensionsAfterOneTurn(Vertx vertx, TestApp app) {
    Api api = new Api(app.client());
    String id = api.createConversation("compression");
    Subscription subscriber = Subscription.open(vertx, app.port(), id, null, OFFERS_DEFLATE);
    api.realtime(id, "User", "so um the the invoice is late").await();
    subscriber.awaitTurns(1, 30);
    assertThat(subscriber.turnSeqs()).containsExactly(1L);
    String negotiated = subscriber.socket().headers().get("Sec-WebSocket-Extensions");
    subscriber.close().await();
    return negotiated;
  }
}
