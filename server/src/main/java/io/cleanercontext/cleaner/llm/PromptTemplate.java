package io.cleanercontext.cleaner.llm;

import io.cleanercontext.cleaner.engine.ContextTurn;
import io.cleanercontext.contract.CleaningLevel;
import io.cleanercontext.contract.Speaker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chat prompt for cleaning one user turn, read from a text file so it can be tuned without a
 * build. The file has a {@code [system]} section and a {@code [user]} section (each marker alone on
 * its line); anything before the first marker is a note for whoever edits the file and is not sent.
 * The placeholders {@code {conversation_context}}, {@code {raw_text}} and {@code {cleaning_level}}
 * are replaced in one pass, so a turn that itself contains {@code {raw_text}} is sent verbatim.
 */
public final class PromptTemplate {
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\{(conversation_context|raw_text|cleaning_level)}");
  private static final String SYSTEM = "[system]";
  private static final String USER = "[user]";

  private final String system;
  private final String user;

  private PromptTemplate(String system, String user) {
    this.system = system;
    this.user = user;
  }

  /**
   * Parses a template's text.
   *
   * @throws IllegalArgumentException when a section is missing or the user section lacks {@code
   *     {raw_text}}
   */
  public static PromptTemplate parse(String text) {
    StringBuilder system = null;
    StringBuilder user = null;
    StringBuilder current = null;
    for (String line : text.split("\r?\n", -1)) {
      String marker = line.strip();
      if (marker.equals(SYSTEM)) {
        current = system = new StringBuilder();
      } else if (marker.equals(USER)) {
        current = user = new StringBuilder();
      } else if (current != null) {
        current.append(line).append('\n');
      }
    }
    if (system == null || user == null) {
      throw new IllegalArgumentException(
          "a prompt template needs a " + SYSTEM + " and a " + USER + " section");
    }
    if (!user.toString().contains("{raw_text}")) {
      throw new IllegalArgumentException(
          "the " + USER + " section of a prompt template must contain {raw_text}");
    }
    return new PromptTemplate(system.toString().strip(), user.toString().strip());
  }

  /**
   * Reads the template named in the config: an absolute path, or a path relative to the config
   * directory ({@code CC_CONFIG_DIR}, else the {@code cc.config.dir} property, else {@code
   * ./config}, else the copy bundled in the jar), the same places the profiles are read from.
   */
  public static Future<PromptTemplate> load(Vertx vertx, String name) {
    List<String> candidates = new ArrayList<>();
    if (Path.of(name).isAbsolute()) {
      candidates.add(name);
    } else {
      String dir = System.getenv("CC_CONFIG_DIR");
      if (dir == null) {
        dir = System.getProperty("cc.config.dir");
      }
      if (dir != null) {
        candidates.add(Path.of(dir).resolve(name).toString());
      }
      // Vert.x resolves a relative path against the working directory, then the classpath (the
      // jar).
      candidates.add("config/" + name);
    }
    return readFirst(vertx, candidates, 0)
        .recover(
            e ->
                Future.failedFuture(
                    new IllegalArgumentException(
                        "prompt template " + name + " not found (looked at " + candidates + ")")))
        .map(
            text -> {
              try {
                return parse(text);
              } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                    "prompt template " + name + ": " + e.getMessage(), e);
              }
            });
  }

  private static Future<String> readFirst(Vertx vertx, List<String> paths, int i) {
    return vertx
        .fileSystem()
        .readFile(paths.get(i))
        .map(buffer -> buffer.toString(StandardCharsets.UTF_8))
        .recover(
            e -> i + 1 < paths.size() ? readFirst(vertx, paths, i + 1) : Future.failedFuture(e));
  }

  /** The chat-completions {@code messages}: the system prompt and the filled-in user prompt. */
  public JsonArray messages(List<ContextTurn> window, String rawText, CleaningLevel level) {
    Map<String, String> values =
        Map.of(
            "conversation_context", renderContext(window),
            "raw_text", rawText,
            "cleaning_level", level.wireName());
    return new JsonArray()
        .add(new JsonObject().put("role", "system").put("content", fill(system, values)))
        .add(new JsonObject().put("role", "user").put("content", fill(user, values)));
  }

  /** One {@code Speaker: text} line per turn of the cleaned window, oldest first. */
  static String renderContext(List<ContextTurn> window) {
    if (window.isEmpty()) {
      return "(no earlier turns)";
    }
    StringBuilder out = new StringBuilder();
    for (ContextTurn turn : window) {
      if (out.length() > 0) {
        out.append('\n');
      }
      // A turn's own line breaks would read as new turns.
      String text = turn.cleanedText().replaceAll("\\s*\\R\\s*", " ");
      out.append(turn.speaker() == Speaker.AI ? "AI: " : "User: ").append(text);
    }
    return out.toString();
  }

  private static String fill(String template, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(values.get(m.group(1))));
    }
    m.appendTail(out);
    return out.toString();
  }
}
