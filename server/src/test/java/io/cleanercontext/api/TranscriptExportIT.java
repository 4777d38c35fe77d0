package io.cleanercontext.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.support.Api;
import io.cleanercontext.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Downloading a cleaned call as a file, in every format, and the problems of a bad request. */
@ExtendWith(VertxExtension.class)
@Timeout(120)
class TranscriptExportIT {

  @Test
  void aCleanedCallDownloadsInEveryFormat(Vertx vertx) {
    TestApp app = TestApp.start(vertx, TestApp.config("memory")).await();
    try {
      Api api = new Api(app.client());
      String id = api.createConversation("Export call");
      api.realtime(id, "AI", "Hi, this is Lumen from Acme.").await();
      api.realtime(id, "User", "um um I I run the the marketing team").await();
      api.awaitSettled(id, 2, 30);
      String base = "/api/v1/conversations/" + id + "/transcript";

      HttpResponse<Buffer> srt = app.client().get(base + "?format=srt").send().await();
      assertThat(srt.statusCode()).isEqualTo(200);
      assertThat(srt.getHeader("Content-Type")).startsWith("application/x-subrip");
      assertThat(srt.getHeader("Content-Disposition"))
          .isEqualTo("attachment; filename=\"conversation-" + id + ".srt\"");
      assertThat(srt.getHeader("X-Transcript-Timing")).isEqualTo("arrival");
      assertThat(srt.bodyAsString()).startsWith("1\n00:00:00,000 --> ").contains("\n\n2\n");
      assertThat(srt.bodyAsString()).contains("User: ").doesNotContain("um um");

      HttpResponse<Buffer> vtt = app.client().get(base + "?format=vtt&content=both").send().await();
      assertThat(vtt.bodyAsString())
          .startsWith("WEBVTT")
          .contains("(raw: um um I I run the the marketing team)");

      HttpResponse<Buffer> txt = app.client().get(base + "?format=txt&content=raw").send().await();
      assertThat(txt.getHeader("Content-Type")).startsWith("text/plain");
      assertThat(txt.bodyAsString()).startsWith("Export call\n").contains("User: um um I I run");

      HttpResponse<Buffer> md = app.client().get(base + "?format=md").send().await();
      assertThat(md.bodyAsString()).startsWith("# Export call");

      JsonObject json = app.client().get(base).send().await().bodyAsJsonObject();
      assertThat(json.getString("content")).isEqualTo("cleaned");
      assertThat(json.getJsonArray("turns")).hasSize(2);

      HttpResponse<Buffer> bad = app.client().get(base + "?format=docx").send().await();
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.bodyAsString()).contains("format");
      HttpResponse<Buffer> badContent = app.client().get(base + "?content=all").send().await();
      assertThat(badContent.statusCode()).isEqualTo(400);
      assertThat(badContent.bodyAsString()).contains("content");
      HttpResponse<Buffer> missing =
          app.client()
              .get("/api/v1/conversations/" + java.util.UUID.randomUUID() + "/transcript")
              .send()
              .await();
      assertThat(missing.statusCode()).isEqualTo(404);
    } finally {
      app.stop().await();
    }
  }
}
