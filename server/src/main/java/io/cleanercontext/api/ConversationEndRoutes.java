package io.cleanercontext.api;

import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.ServiceException;
import io.cleanercontext.security.Scope;
import io.cleanercontext.store.ConversationCompletions;
import io.cleanercontext.store.Transcripts;
import io.cleanercontext.transcript.TimedTurn;
import io.cleanercontext.transcript.TranscriptExport;
import io.cleanercontext.transcript.TranscriptExport.Content;
import io.cleanercontext.transcript.TranscriptExport.Format;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/**
 * The end of a call and what it leaves: {@code POST .../complete} ends the conversation (its {@code
 * conversation.completed} webhook fires once every turn accepted before it has a result; the
 * utterances a voice pipeline's calls still hold are made turns first), {@code GET .../transcript}
 * downloads the transcript as JSON, text, Markdown, SRT or WebVTT.
 */
final class ConversationEndRoutes {
  /** The most turns a download carries; more is said in {@code X-Transcript-Truncated}. */
  static final int MAX_EXPORT_TURNS = 20_000;

  private final ConversationCompletions completions;
  private final Transcripts transcripts;
  private final HeldUtterances held;

  ConversationEndRoutes(
      ConversationCompletions completions, Transcripts transcripts, HeldUtterances held) {
    this.completions = completions;
    this.transcripts = transcripts;
    this.held = held;
  }

  void mount(Router api) {
    api.post("/conversations/:id/complete")
        .handler(Access.require(Scope.WRITE))
        .handler(this::complete);
    api.get("/conversations/:id/transcript")
        .handler(Access.require(Scope.READ))
        .handler(this::transcript);
  }

  private void complete(RoutingContext ctx) {
    UUID id = Access.conversation(ctx, Requests.uuidParam(ctx, "id"));
    String tenant = Access.tenant(ctx);
    // A voice pipeline's utterances still held (Deepgram segments) become turns before the end.
    held.endConversation(tenant, id)
        .compose(v -> completions.request(tenant, id, ConversationCompletions.BY_REQUEST))
        .map(state -> ConversationRoutes.found(state, id))
        .onSuccess(state -> Responses.json(ctx, 202, state))
        .onFailure(ctx::fail);
  }

  private void transcript(RoutingContext ctx) {
    UUID id = Access.conversation(ctx, Requests.uuidParam(ctx, "id"));
    String formatName = ctx.queryParams().get("format");
    Format format = formatName == null ? Format.JSON : Format.named(formatName);
    if (format == null) {
      throw new ServiceException(
          ErrorCode.BAD_REQUEST, "format must be one of json, txt, md, srt, vtt", "format");
    }
    String contentName = ctx.queryParams().get("content");
    Content content = contentName == null ? Content.CLEANED : Content.named(contentName);
    if (content == null) {
      throw new ServiceException(
          ErrorCode.BAD_REQUEST, "content must be one of cleaned, raw, both", "content");
    }
    transcripts
        .read(Access.tenant(ctx), id, Long.MAX_VALUE, MAX_EXPORT_TURNS)
        .map(t -> ConversationRoutes.found(t, id))
        .onSuccess(
            t -> {
              TimedTurn.Timeline timeline = TimedTurn.place(t.turns(), t.words());
              String file =
                  TranscriptExport.render(
                      t.conversation().name(), id.toString(), timeline, format, content);
              ctx.response()
                  .putHeader("Content-Type", format.contentType)
                  .putHeader(
                      "Content-Disposition",
                      "attachment; filename=\"conversation-" + id + "." + format.extension + "\"")
                  .putHeader("X-Transcript-Timing", timeline.timing().wireName())
                  .putHeader("X-Transcript-Truncated", Boolean.toString(t.truncated()))
                  .end(file);
            })
        .onFailure(ctx::fail);
  }
}
