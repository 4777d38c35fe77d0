package io.cleanercontext.cleaner.engine;

import java.util.List;

/**
 * AI turns and level NONE: voice tags removed and whitespace collapsed, nothing else (AI text is
 * perfect; NONE is the caller asking for the words as heard).
 */
final class VerbatimStage implements TextStage {

  @Override
  public String name() {
    return "normalize";
  }

  @Override
  public Kind kind() {
    return Kind.TIDY;
  }

  @Override
  public String apply(String text, List<Correction> out) {
    return Normalizer.tidyWhitespace(Normalizer.stripVoiceTags(text));
  }
}
