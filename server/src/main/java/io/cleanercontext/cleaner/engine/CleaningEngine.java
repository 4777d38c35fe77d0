package io.cleanercontext.cleaner.engine;

import io.cleanercontext.contract.CleaningLevel;
import io.cleanercontext.contract.RecognizedWord;
import io.cleanercontext.contract.Speaker;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The deterministic cleaner. Each user turn runs through the {@link Pipeline} of its level
 * (declared in {@link Pipelines}) and the result records what every stage changed and how long it
 * took. AI turns are perfect text: only their voice tags are removed.
 *
 * <p>Thread-safe and immutable after construction: one instance serves every conversation. The
 * per-conversation state lives in the {@link ConversationContext} passed to each call, which must
 * be used by one thread at a time.
 */
public final class CleaningEngine {

  /** The {@link CleaningResult#model()} of results from this engine. */
  public static final String MODEL = "deterministic-v1";

  private final Lexicon lexicon;
  private final Pipelines pipelines;

  /**
   * An engine correcting against {@code lexicon} (use {@link Lexicon#empty()} for none). Loads the
   * process's lexical resources ({@link EnglishDictionary}, {@link KnownNames}) on the first engine
   * built, so no user turn waits for them.
   */
  public CleaningEngine(Lexicon lexicon) {
    this(lexicon, EvidenceScorer.fitted(), null);
  }

  /**
   * An engine deciding word corrections with {@code scorer}; {@code observer} (or null) sees every
   * candidate the evidence stage weighs (the fitting tool's hook).
   */
  CleaningEngine(
      Lexicon lexicon, EvidenceScorer scorer, Consumer<EvidenceStage.Considered> observer) {
    this.lexicon = Objects.requireNonNull(lexicon, "lexicon");
    this.pipelines = new Pipelines(new EvidenceStage(scorer, observer));
    KnownNames.get(); // reads EnglishDictionary's automata as it builds
  }

  /**
   * Cleans one turn against the conversation's context. Does not add the turn to the context: the
   * caller adds {@code result.cleanedText()} (skipped turns come back empty and are ignored by
   * {@link ConversationContext#add}).
   *
   * @param level NONE, LIGHT, FULL or AUTO; SKIP is treated as AUTO
   */
  public CleaningResult clean(
      Speaker speaker, String rawText, CleaningLevel level, ConversationContext context) {
    return clean(speaker, rawText, level, context, List.of());
  }

  /**
   * {@link #clean(Speaker, String, CleaningLevel, ConversationContext)} with the speech
   * recogniser's words of the turn: the evidence stage takes each word's confidence as the
   * recogniser's doubt about it (see {@link StageInput#confidences}).
   */
  public CleaningResult clean(
      Speaker speaker,
      String rawText,
      CleaningLevel level,
      ConversationContext context,
      List<RecognizedWord> words) {
    try {
      return cleanTurn(speaker, rawText, level, context, words);
    } finally {
      Tokens.forget();
    }
  }

  private CleaningResult cleanTurn(
      Speaker speaker,
      String rawText,
      CleaningLevel level,
      ConversationContext context,
      List<RecognizedWord> words) {
    long start = System.nanoTime();
    String raw = rawText == null ? "" : rawText;
    Pipeline pipeline = pipelineOf(speaker, level);
    StageInput input = new StageInput(context, lexicon, words);
    Map<String, Double> timings = new LinkedHashMap<>();
    List<Correction> corrections = new ArrayList<>();
    Set<Stage.Kind> changed = EnumSet.noneOf(Stage.Kind.class);
    String text = raw;
    for (Pipeline.Step step : pipeline.steps()) {
      if (!step.runsOn(text, changed)) {
        continue;
      }
      long t = System.nanoTime();
      int before = corrections.size();
      text = step.stage().apply(text, input, corrections);
      timings.put(step.stage().name(), millisSince(t));
      if (corrections.size() > before) {
        changed.add(step.stage().kind());
      }
    }
    if (pipeline.verbatim()) {
      return new CleaningResult(
          text,
          CleaningLevel.NONE,
          false,
          Confidence.HIGH,
          List.of(),
          pipeline.label().code(),
          MODEL,
          millisSince(start),
          timings);
    }
    if (Normalizer.isEmptyOfWords(text)) {
      return garbage(raw, corrections, start, timings);
    }
    Confidence confidence = Confidence.HIGH;
    for (Correction c : corrections) {
      confidence = confidence.min(c.confidence());
    }
    return new CleaningResult(
        text,
        pipeline.applied(changed),
        !corrections.isEmpty(),
        confidence,
        corrections,
        Label.of(changed).code(),
        MODEL,
        millisSince(start),
        timings);
  }

  private Pipeline pipelineOf(Speaker speaker, CleaningLevel level) {
    return speaker == Speaker.AI ? pipelines.ai() : pipelines.forLevel(level);
  }

  /** Nothing readable is left: the turn is skipped and not added to the context. */
  private static CleaningResult garbage(
      String raw, List<Correction> corrections, long start, Map<String, Double> timings) {
    if (corrections.isEmpty() && !raw.isBlank()) {
      corrections.add(new Correction(raw.strip(), "", Confidence.HIGH, Reason.GARBAGE));
    }
    return new CleaningResult(
        "",
        CleaningLevel.SKIP,
        true,
        Confidence.HIGH,
        corrections,
        Label.GARBAGE.code(),
        MODEL,
        millisSince(start),
        timings);
  }

  private static double millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000.0;
  }
}
