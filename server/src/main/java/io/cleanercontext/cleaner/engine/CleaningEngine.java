package io.cleanercontext.cleaner.engine;

import io.cleanercontext.contract.CleaningLevel;
import io.cleanercontext.contract.Speaker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The deterministic cleaner. Each user turn runs through small stages (artifacts at LIGHT, then
 * fillers and contextual correction at FULL) and the result records what every stage changed and
 * how long it took. AI turns are perfect text: only their voice tags are removed.
 *
 * <p>Thread-safe and immutable after construction: one instance serves every conversation. The
 * per-conversation state lives in the {@link ConversationContext} passed to each call, which must
 * be used by one thread at a time.
 */
public final class CleaningEngine {

  /** The {@link CleaningResult#model()} of results from this engine. */
  public static final String MODEL = "deterministic-v1";

  private static final List<TextStage> ARTIFACT_STAGES =
      List.of(
          new NoiseTagStage(),
          new ForeignScriptStage(),
          new EchoStage(),
          new StutterStage(),
          new EdgeFragmentStage());

  private final Lexicon lexicon;
  private final Normalizer normalizer = new Normalizer();
  private final FillerStage fillers = new FillerStage();
  private final ConfusionStage confusions = new ConfusionStage();
  private final ContextualCorrectionStage contextual = new ContextualCorrectionStage();
  private final KnownNameStage knownNames = new KnownNameStage();
  private final EvidenceStage evidence = new EvidenceStage();
  private final EvidenceScorer scorer;
  private final Consumer<EvidenceStage.Considered> observer;

  /** An engine correcting against {@code lexicon} (use {@link Lexicon#empty()} for none). */
  /**
   * Loads the process's lexical resources ({@link EnglishDictionary}, {@link KnownNames}) on the
   * first engine built, so no user turn waits for them.
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
    this.scorer = Objects.requireNonNull(scorer, "scorer");
    this.observer = observer;
    KnownNames.get(); // reads EnglishDictionary's automata as it builds
    Pronunciations.get(); // and the language model, as it builds
    ConfusionSets.get();
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
    long start = System.nanoTime();
    String raw = rawText == null ? "" : rawText;
    Map<String, Double> timings = new LinkedHashMap<>();
    if (speaker == Speaker.AI || level == CleaningLevel.NONE) {
      String text = Normalizer.tidyWhitespace(Normalizer.stripVoiceTags(raw));
      timings.put(normalizer.name(), millisSince(start));
      String label = speaker == Speaker.AI ? "ai_response" : "passthrough";
      return new CleaningResult(
          text,
          CleaningLevel.NONE,
          false,
          Confidence.HIGH,
          List.of(),
          label,
          MODEL,
          millisSince(start),
          timings);
    }
    List<Correction> corrections = new ArrayList<>();
    long t = System.nanoTime();
    String text = normalizer.apply(raw, corrections);
    timings.put(normalizer.name(), millisSince(t));
    for (TextStage stage : ARTIFACT_STAGES) {
      t = System.nanoTime();
      text = stage.apply(text, corrections);
      timings.put(stage.name(), millisSince(t));
    }
    int artifacts = corrections.size();
    CleaningLevel applied = level == CleaningLevel.LIGHT ? CleaningLevel.LIGHT : CleaningLevel.FULL;
    if (!Normalizer.isEmptyOfWords(text) && level != CleaningLevel.LIGHT) {
      t = System.nanoTime();
      boolean full = level == CleaningLevel.FULL || FillerStage.hasFiller(text);
      if (full) {
        text = fillers.apply(text, corrections);
      }
      timings.put(fillers.name(), millisSince(t));
      if (full) {
        t = System.nanoTime();
        text = confusions.apply(text, corrections);
        timings.put(confusions.name(), millisSince(t));
      }
      int beforeContext = corrections.size();
      if (!Normalizer.isEmptyOfWords(text)) {
        t = System.nanoTime();
        TermIndex vocabulary = context == null ? TermIndex.EMPTY : context.vocabulary(lexicon);
        text = contextual.apply(text, vocabulary, lexicon.index(), corrections);
        timings.put(ContextualCorrectionStage.NAME, millisSince(t));
        t = System.nanoTime();
        text = knownNames.apply(text, corrections);
        timings.put(knownNames.name(), millisSince(t));
        if (full) {
          t = System.nanoTime();
          text = evidence.apply(text, said(context), null, scorer, corrections, observer);
          timings.put(EvidenceStage.NAME, millisSince(t));
        }
      }
      if (level == CleaningLevel.AUTO && !full && corrections.size() == beforeContext) {
        applied = CleaningLevel.LIGHT; // nothing beyond artifacts was needed
      }
    }
    return result(raw, text, applied, corrections, artifacts, start, timings);
  }

  /** Words said earlier in the call (the context window) and the keyterms' words. */
  private static Map<String, String> said(ConversationContext context) {
    if (context == null) {
      return Map.of();
    }
    List<String> texts = new ArrayList<>(context.keyterms());
    context.window().forEach(turn -> texts.add(turn.cleanedText()));
    return EvidenceStage.wordsOf(texts);
  }

  private static CleaningResult result(
      String raw,
      String text,
      CleaningLevel applied,
      List<Correction> corrections,
      int artifacts,
      long start,
      Map<String, Double> timings) {
    if (Normalizer.isEmptyOfWords(text)) {
      if (corrections.isEmpty() && !raw.isBlank()) {
        corrections.add(new Correction(raw.strip(), "", Confidence.HIGH, "garbage"));
      }
      return new CleaningResult(
          "",
          CleaningLevel.SKIP,
          true,
          Confidence.HIGH,
          corrections,
          "garbage",
          MODEL,
          millisSince(start),
          timings);
    }
    Confidence confidence = Confidence.HIGH;
    boolean entity = false;
    boolean filler = false;
    for (int i = 0; i < corrections.size(); i++) {
      Correction c = corrections.get(i);
      confidence = confidence.min(c.confidence());
      if (i >= artifacts) {
        entity |= !c.reason().equals("filler");
        filler |= c.reason().equals("filler");
      }
    }
    String label =
        entity
            ? "entity_correction"
            : filler ? "fillers_removed" : artifacts > 0 ? "artifacts_removed" : "clean";
    return new CleaningResult(
        text,
        applied,
        !corrections.isEmpty(),
        confidence,
        corrections,
        label,
        MODEL,
        millisSince(start),
        timings);
  }

  private static double millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000.0;
  }
}
