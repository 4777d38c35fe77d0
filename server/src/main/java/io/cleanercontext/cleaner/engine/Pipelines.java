package io.cleanercontext.cleaner.engine;

import static io.cleanercontext.cleaner.engine.Pipeline.Gate.AFTER_FILLER;
import static io.cleanercontext.cleaner.engine.Pipeline.Gate.ALWAYS;
import static io.cleanercontext.cleaner.engine.Pipeline.Gate.WORDS;

import io.cleanercontext.contract.CleaningLevel;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place the stage order of every level is declared. LIGHT removes STT artifacts; FULL adds
 * fillers and word corrections (last, the evidence stage); AUTO is FULL except that confusable
 * words (the evidence stage) are only decided in a turn that had a filler (a hesitant turn), and
 * resolves to LIGHT when nothing beyond artifacts changed. AI turns and NONE are only tidied. Stage
 * instances are immutable and shared.
 */
final class Pipelines {

  private final Pipeline ai;
  private final Pipeline none;
  private final Pipeline light;
  private final Pipeline full;
  private final Pipeline auto;

  /** The pipelines, with word corrections by evidence decided by the fitted scorer. */
  Pipelines() {
    this(new EvidenceStage(EvidenceScorer.fitted(), null));
  }

  /** The pipelines with this evidence stage (its scorer, its observer). */
  Pipelines(EvidenceStage evidence) {
    Stage verbatim = new VerbatimStage();
    List<Pipeline.Step> artifacts =
        steps(
            ALWAYS,
            new Normalizer(),
            new NoiseTagStage(),
            new ForeignScriptStage(),
            new EchoStage(),
            new StutterStage(),
            new EdgeFragmentStage());
    Stage fillers = new FillerStage();
    List<Pipeline.Step> words =
        steps(
            WORDS,
            new SpokenNameStage(),
            new RoadNameStage(),
            new ContextualCorrectionStage(),
            new KnownNameStage(),
            new SplitCompoundStage());
    ai = new Pipeline(CleaningLevel.NONE, true, Label.AI_RESPONSE, steps(ALWAYS, verbatim));
    none = new Pipeline(CleaningLevel.NONE, true, Label.PASSTHROUGH, steps(ALWAYS, verbatim));
    light = new Pipeline(CleaningLevel.LIGHT, false, null, artifacts);
    full =
        new Pipeline(
            CleaningLevel.FULL,
            false,
            null,
            concat(artifacts, steps(WORDS, fillers), words, steps(WORDS, evidence)));
    auto =
        new Pipeline(
            CleaningLevel.AUTO,
            false,
            null,
            concat(artifacts, steps(WORDS, fillers), words, steps(AFTER_FILLER, evidence)));
  }

  /** The pipeline of AI turns: voice tags removed, nothing else. */
  Pipeline ai() {
    return ai;
  }

  /** The pipeline of a user turn at {@code level}; SKIP and null are treated as AUTO. */
  Pipeline forLevel(CleaningLevel level) {
    if (level == null) {
      return auto;
    }
    return switch (level) {
      case NONE -> none;
      case LIGHT -> light;
      case FULL -> full;
      case AUTO, SKIP -> auto;
    };
  }

  private static List<Pipeline.Step> steps(Pipeline.Gate gate, Stage... stages) {
    List<Pipeline.Step> out = new ArrayList<>(stages.length);
    for (Stage s : stages) {
      out.add(new Pipeline.Step(s, gate));
    }
    return out;
  }

  @SafeVarargs
  private static List<Pipeline.Step> concat(List<Pipeline.Step>... parts) {
    List<Pipeline.Step> out = new ArrayList<>();
    for (List<Pipeline.Step> p : parts) {
      out.addAll(p);
    }
    return out;
  }
}
