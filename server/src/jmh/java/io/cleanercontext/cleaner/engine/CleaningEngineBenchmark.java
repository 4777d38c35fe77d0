package io.cleanercontext.cleaner.engine;

import io.cleanercontext.contract.Speaker;
import io.cleanercontext.contract.CleaningLevel;
import io.cleanercontext.bench.ShortRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of the deterministic engine at FULL on the real transcripts the repository carries
 * ({@code <cc.data.dir>/transcripts}, default {@code src/test/resources/data}).
 *
 * <ul>
 *   <li>{@code userTurn}: one user turn per operation, cleaned against the context window that
 *       precedes it in its conversation (vocabulary already learned, as for every turn but the first
 *       after an AI turn). Score = user turns per second.
 *   <li>{@code conversationReplay}: whole conversations replayed from an empty context, AI turns and
 *       context updates included; the score is normalised to user turns per second.
 *   <li>{@code aiThenUserTurn}: the server's steady state: {@value #CONVERSATIONS} long-lived
 *       conversations with full windows of {@value ConversationContext#DEFAULT_WINDOW}, each
 *       operation an AI turn then a user turn (drawn at random from the transcripts) added to the
 *       next conversation, so the window's vocabulary changes before every user turn. Score = user
 *       turns (each with its AI turn) per second.
 * </ul>
 *
 * Run settings: {@link ShortRun}.
 */
public class CleaningEngineBenchmark extends ShortRun {

  /** A transcript turn. */
  record Turn(Speaker speaker, String text) {}

  private CleaningEngine engine;
  private List<List<Turn>> conversations;
  private List<Turn> userTurns;
  private List<ConversationContext> userTurnContexts;
  private int next;

  static final int CONVERSATIONS = 100;
  private List<Turn> aiTurns;
  private int[] drawAi;
  private int[] drawUser;
  private ConversationContext[] steady;
  private int nextDraw;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    String data = System.getProperty("cc.data.dir", "src/test/resources/data");
    engine = new CleaningEngine(Lexicon.builtIn());
    conversations = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of(data, "transcripts"))) {
      for (Path p : ds) {
        conversations.add(parse(Files.readAllLines(p, StandardCharsets.UTF_8)));
      }
    }
    userTurns = new ArrayList<>();
    userTurnContexts = new ArrayList<>();
    for (List<Turn> conversation : conversations) {
      ConversationContext context = new ConversationContext(ConversationContext.DEFAULT_WINDOW);
      for (Turn t : conversation) {
        if (t.speaker() == Speaker.USER) {
          // a private copy of the window preceding this turn, vocabulary warmed
          ConversationContext before = new ConversationContext(ConversationContext.DEFAULT_WINDOW);
          context.window().forEach(ct -> before.add(ct.speaker(), ct.cleanedText()));
          engine.clean(Speaker.USER, t.text(), CleaningLevel.FULL, before);
          userTurns.add(t);
          userTurnContexts.add(before);
        }
        context.add(t.speaker(), engine.clean(t.speaker(), t.text(), CleaningLevel.FULL, context).cleanedText());
      }
    }
    if (userTurns.isEmpty()) {
      throw new IllegalStateException("no user turns under " + data + "/transcripts");
    }
    aiTurns = new ArrayList<>();
    conversations.forEach(c -> c.stream().filter(t -> t.speaker() == Speaker.AI).forEach(aiTurns::add));
    java.util.Random random = new java.util.Random(1);
    drawAi = random.ints(4096, 0, aiTurns.size()).toArray();
    drawUser = random.ints(4096, 0, userTurns.size()).toArray();
    steady = new ConversationContext[CONVERSATIONS];
    for (int c = 0; c < CONVERSATIONS; c++) {
      steady[c] = new ConversationContext(ConversationContext.DEFAULT_WINDOW);
    }
    for (int k = 0; k < CONVERSATIONS * ConversationContext.DEFAULT_WINDOW; k++) {
      aiThenUserTurn(); // fill every window before measuring
    }
  }

  /** Transcript files: a label line ("AI", "User", ...) followed by the turn's text lines. */
  static List<Turn> parse(List<String> lines) {
    List<Turn> turns = new ArrayList<>();
    Speaker speaker = null;
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      var label = Speaker.fromLabel(line);
      if (label.isPresent()) {
        if (speaker != null && !text.toString().isBlank()) {
          turns.add(new Turn(speaker, text.toString().strip()));
        }
        speaker = label.get();
        text.setLength(0);
      } else if (!line.isBlank()) {
        text.append(text.length() == 0 ? "" : " ").append(line.strip());
      }
    }
    if (speaker != null && !text.toString().isBlank()) {
      turns.add(new Turn(speaker, text.toString().strip()));
    }
    return turns;
  }

  @Benchmark
  public CleaningResult userTurn() {
    int i = next;
    next = i + 1 == userTurns.size() ? 0 : i + 1;
    return engine.clean(Speaker.USER, userTurns.get(i).text(), CleaningLevel.FULL, userTurnContexts.get(i));
  }

  @Benchmark
  public CleaningResult aiThenUserTurn() {
    int d = nextDraw;
    nextDraw = (d + 1) % (drawAi.length * CONVERSATIONS);
    ConversationContext context = steady[d % CONVERSATIONS];
    Turn ai = aiTurns.get(drawAi[d % drawAi.length]);
    context.add(Speaker.AI, engine.clean(Speaker.AI, ai.text(), CleaningLevel.FULL, context).cleanedText());
    Turn user = userTurns.get(drawUser[d % drawUser.length]);
    CleaningResult r = engine.clean(Speaker.USER, user.text(), CleaningLevel.FULL, context);
    context.add(Speaker.USER, r.cleanedText());
    return r;
  }

  @Benchmark
  public void conversationReplay(Blackhole bh) {
    for (List<Turn> conversation : conversations) {
      ConversationContext context = new ConversationContext(ConversationContext.DEFAULT_WINDOW);
      for (Turn t : conversation) {
        CleaningResult r = engine.clean(t.speaker(), t.text(), CleaningLevel.FULL, context);
        context.add(t.speaker(), r.cleanedText());
        bh.consume(r);
      }
    }
  }
}
