package io.cleanercontext.transcript;

import io.cleanercontext.contract.RecognizedWord;
import io.cleanercontext.contract.StoredTurn;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * A conversation's transcript as a file: JSON, plain text, Markdown, SRT or WebVTT, with the
 * cleaned text, the raw text or both. A turn with no text of the chosen kind (a skipped turn has an
 * empty cleaned text; a pending or failed turn has none yet) is left out of the text formats and
 * kept, with its status, in JSON. Captions (SRT, WebVTT) use the {@link TimedTurn} timeline; WebVTT
 * and the text formats say which timing it is, SRT has no comments (the HTTP response says it).
 */
public final class TranscriptExport {

  public enum Format {
    JSON("application/json", "json"),
    TXT("text/plain; charset=utf-8", "txt"),
    MD("text/markdown; charset=utf-8", "md"),
    SRT("application/x-subrip; charset=utf-8", "srt"),
    VTT("text/vtt; charset=utf-8", "vtt");

    public final String contentType;
    public final String extension;

    Format(String contentType, String extension) {
      this.contentType = contentType;
      this.extension = extension;
    }

    /** The format named, or null. */
    public static Format named(String name) {
      for (Format f : values()) {
        if (f.extension.equals(name.toLowerCase(Locale.ROOT))) {
          return f;
        }
      }
      return null;
    }
  }

  /** Which text of each turn the file carries. */
  public enum Content {
    CLEANED,
    RAW,
    BOTH;

    public static Content named(String name) {
      for (Content c : values()) {
        if (c.name().equalsIgnoreCase(name)) {
          return c;
        }
      }
      return null;
    }
  }

  private TranscriptExport() {}

  public static String render(
      String title,
      String conversationId,
      TimedTurn.Timeline timeline,
      Format format,
      Content content) {
    return switch (format) {
      case JSON -> json(conversationId, title, timeline, content).encodePrettily();
      case TXT -> text(title, timeline, content, false);
      case MD -> text(title, timeline, content, true);
      case SRT -> captions(timeline, content, false);
      case VTT -> captions(timeline, content, true);
    };
  }

  static JsonObject json(String id, String title, TimedTurn.Timeline timeline, Content content) {
    JsonArray turns = new JsonArray();
    for (TimedTurn timed : timeline.turns()) {
      StoredTurn t = timed.turn();
      JsonObject item =
          new JsonObject()
              .put("seq", t.seq())
              .put("speaker", t.speaker())
              .put("role", t.role().wireName())
              .put("status", t.status().wireName())
              .put("start_ms", timed.startMs())
              .put("end_ms", timed.endMs());
      if (content != Content.RAW) {
        item.put("cleaned_text", t.cleanedText());
      }
      if (content != Content.CLEANED) {
        item.put("raw_text", t.rawText());
      }
      if (!t.words().isEmpty()) {
        item.put("words", RecognizedWord.toJson(t.words()));
      }
      turns.add(item);
    }
    return new JsonObject()
        .put("conversation_id", id)
        .put("name", title)
        .put("content", content.name().toLowerCase(Locale.ROOT))
        .put("timing", timeline.timing().wireName())
        .put("turns", turns);
  }

  private static String text(
      String title, TimedTurn.Timeline timeline, Content content, boolean markdown) {
    StringBuilder out = new StringBuilder();
    out.append(markdown ? "# " : "").append(title).append("\n\n");
    out.append(markdown ? "_" : "")
        .append("Text: ")
        .append(content.name().toLowerCase(Locale.ROOT))
        .append(". Times: ")
        .append(timingNote(timeline.timing()))
        .append(markdown ? "._" : ".")
        .append("\n\n");
    for (TimedTurn timed : timeline.turns()) {
      String cleaned = nonEmpty(timed.turn().cleanedText());
      String raw = nonEmpty(timed.turn().rawText());
      String main = content == Content.RAW ? raw : cleaned;
      if (main == null) {
        continue;
      }
      String clock = clock(timed.startMs(), ':', false);
      String speaker = timed.turn().speaker();
      if (markdown) {
        out.append("**").append(speaker).append("** (").append(clock).append("): ").append(main);
      } else {
        out.append('[').append(clock).append("] ").append(speaker).append(": ").append(main);
      }
      out.append('\n');
      if (content == Content.BOTH && raw != null && !raw.equals(cleaned)) {
        out.append(markdown ? "> raw: " : "    raw: ").append(raw).append('\n');
      }
      if (markdown) {
        out.append('\n');
      }
    }
    return out.toString();
  }

  private static String captions(TimedTurn.Timeline timeline, Content content, boolean vtt) {
    StringBuilder out = new StringBuilder();
    if (vtt) {
      out.append("WEBVTT\n\nNOTE times: ").append(timingNote(timeline.timing())).append("\n\n");
    }
    int cue = 0;
    for (TimedTurn timed : timeline.turns()) {
      String cleaned = nonEmpty(timed.turn().cleanedText());
      String raw = nonEmpty(timed.turn().rawText());
      String main = content == Content.RAW ? raw : cleaned;
      if (main == null) {
        continue;
      }
      cue++;
      if (!vtt) {
        out.append(cue).append('\n');
      }
      char fraction = vtt ? '.' : ',';
      out.append(clock(timed.startMs(), fraction, true))
          .append(" --> ")
          .append(clock(Math.max(timed.endMs(), timed.startMs() + 1), fraction, true))
          .append('\n');
      String speaker = timed.turn().speaker();
      out.append(vtt ? "<v " + cueSafe(speaker) + ">" + cueSafe(main) : speaker + ": " + main)
          .append('\n');
      if (content == Content.BOTH && raw != null && !raw.equals(cleaned)) {
        out.append("(raw: ").append(vtt ? cueSafe(raw) : raw).append(")\n");
      }
      out.append('\n');
    }
    return out.toString();
  }

  static String timingNote(TimedTurn.Timing timing) {
    return timing == TimedTurn.Timing.SOURCE
        ? "from the speech recogniser's word timings"
        : "from when each turn arrived (the source gave no word timings)";
  }

  /** hh:mm:ss with milliseconds after {@code fraction} when {@code millis}, else mm:ss. */
  static String clock(long ms, char fraction, boolean millis) {
    long h = ms / 3_600_000;
    long m = (ms / 60_000) % 60;
    long s = (ms / 1000) % 60;
    if (!millis) {
      return h > 0 ? String.format("%d:%02d:%02d", h, m, s) : String.format("%02d:%02d", m, s);
    }
    return String.format("%02d:%02d:%02d%c%03d", h, m, s, fraction, ms % 1000);
  }

  /** WebVTT cue text may not contain "-->" nor unescaped '<' and '&'. */
  private static String cueSafe(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String nonEmpty(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  /** For the completed event: the turns with their text and times (same shape as the JSON file). */
  public static JsonArray turns(TimedTurn.Timeline timeline) {
    return json(null, null, timeline, Content.BOTH).getJsonArray("turns");
  }
}
