package io.cleanercontext.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.support.Api;
import io.cleanercontext.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The embedded default: the server starts its own PostgreSQL, and the data outlives a restart. */
@Timeout(180)
class EmbeddedRestartIT {

  @Test
  void dataSurvivesARestartOfTheEmbeddedDefault() throws Exception {
    Path dataDir = Files.createTempDirectory("cc-embedded");
    JsonObject config = TestApp.config("memory");
    config
        .getJsonObject("database")
        .putNull("url")
        .put(
            "embedded",
            new JsonObject()
                .put("data_dir", dataDir.resolve("postgres").toString())
                .put("port", 0));

    Vertx first = Vertx.vertx();
    TestApp app = TestApp.start(first, config).await();
    Api api = new Api(app.client());
    String id = api.createConversation("kept across restarts");
    JsonObject turn =
        api.post(
                "/api/v1/conversations/" + id + "/turns",
                new JsonObject().put("speaker", "User").put("raw_text", "um the the data stays"))
            .bodyAsJsonObject();
    app.stop().await();
    first.close().await();
    assertThat(dataDir.resolve("postgres/PG_VERSION")).exists();

    Vertx second = Vertx.vertx();
    TestApp again = TestApp.start(second, config).await();
    JsonArray turns = new Api(again.client()).turns(id);
    assertThat(turns).hasSize(1);
    assertThat(turns.getJsonObject(0).getString("cleaned_text"))
        .isEqualTo(turn.getString("cleaned_text"));
    again.stop().await();
    second.close().await();
  }
}
