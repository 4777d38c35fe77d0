package io.cleanercontext.cleaner.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cleanercontext.contract.CleaningLevel;
import io.cleanercontext.contract.Speaker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * {@link EngineAB}'s work, loaded once per engine under test (each in a class loader of its own):
 * the gold files' user turns, each against the window that preceded it (like {@link EngineCpuTime}
 * and the JMH {@code userTurn}), and the steady state of 100 long-lived conversations, an AI turn
 * then a user turn each step (the JMH {@code aiThenUserTurn}). Each pass returns a hash of the
 * cleaned texts, so the two engines' outputs are compared as they are timed.
 */
public final class EngineWorkload {
  final CleaningEngine engine;
  final List<String> turns = new ArrayList<>(), aiTurns = new ArrayList<>();
  final List<ConversationContext> contexts = new ArrayList<>();
  ConversationContext[] steady;
  Random random;

  public EngineWorkload(String goldDir) throws Exception {
    engine = new CleaningEngine(Lexicon.builtIn());
    List<Path> files = new ArrayList<>();
    try (var ds = Files.newDirectoryStream(Path.of(goldDir), "*.gold.json")) {
      ds.forEach(files::add);
    }
    files.sort(null);
    ObjectMapper json = new ObjectMapper();
    for (Path f : files) {
      JsonNode g = json.readTree(f.toFile());
      ConversationContext ctx = new ConversationContext(ConversationContext.DEFAULT_WINDOW);
      List<String> k = new ArrayList<>();
      g.path("keyterms").forEach(x -> k.add(x.asText()));
      ctx.setKeyterms(k);
      for (JsonNode t : g.path("turns")) {
        Speaker sp = Speaker.fromLabel(t.path("speaker").asText()).orElseThrow();
        String raw = t.path("raw_text").asText();
        if (sp == Speaker.AI) aiTurns.add(raw);
        if (sp == Speaker.USER) {
          ConversationContext before = new ConversationContext(ConversationContext.DEFAULT_WINDOW);
          before.setKeyterms(k);
          ctx.window().forEach(ct -> before.add(ct.speaker(), ct.cleanedText()));
          turns.add(raw);
          contexts.add(before);
        }
        ctx.add(sp, engine.clean(sp, raw, CleaningLevel.FULL, ctx).cleanedText());
      }
    }
  }

  /** How many user turns one pass cleans. */
  public int userTurns() {
    return turns.size();
  }

  /** Cleans every user turn {@code passes} times; a hash of the cleaned texts. */
  public long userPass(int passes) {
    long h = 0;
    for (int p = 0; p < passes; p++)
      for (int i = 0; i < turns.size(); i++)
        h =
            h * 31
                + engine
                    .clean(Speaker.USER, turns.get(i), CleaningLevel.FULL, contexts.get(i))
                    .cleanedText()
                    .hashCode();
    return h;
  }

  /** Fresh conversations, windows filled (not timed), the same random draws every time. */
  public void preparePairs() {
    random = new Random(1);
    steady = new ConversationContext[100];
    for (int c = 0; c < steady.length; c++)
      steady[c] = new ConversationContext(ConversationContext.DEFAULT_WINDOW);
    pairs(steady.length * ConversationContext.DEFAULT_WINDOW);
  }

  /** {@code steps} AI turn + user turn pairs; a hash of the cleaned texts. */
  public long pairs(int steps) {
    long h = 0;
    for (int k = 0; k < steps; k++) {
      ConversationContext context = steady[k % steady.length];
      String ai = aiTurns.get(random.nextInt(aiTurns.size()));
      String a = engine.clean(Speaker.AI, ai, CleaningLevel.FULL, context).cleanedText();
      context.add(Speaker.AI, a);
      String user = turns.get(random.nextInt(turns.size()));
      String u = engine.clean(Speaker.USER, user, CleaningLevel.FULL, context).cleanedText();
      context.add(Speaker.USER, u);
      h = h * 31 + a.hashCode() * 17 + u.hashCode();
    }
    return h;
  }
}
