package io.cleanercontext.cleaner.engine;

/**
 * What a stage may consult beyond the turn's text: the conversation so far (may be null: no
 * context) and the domain lexicon. The call's vocabulary is extracted once per turn, and only when
 * a stage asks for it.
 */
final class StageInput {

  private final ConversationContext conversation;
  private final Lexicon lexicon;
  private TermIndex vocabulary;

  StageInput(ConversationContext conversation, Lexicon lexicon) {
    this.conversation = conversation;
    this.lexicon = lexicon;
  }

  /** The conversation so far, or null when the turn is cleaned without context. */
  ConversationContext conversation() {
    return conversation;
  }

  /** The domain lexicon (titles, sales vocabulary, tools). */
  Lexicon lexicon() {
    return lexicon;
  }

  /** Terms the AI said and the caller's keyterms ({@link TermIndex#EMPTY} without context). */
  TermIndex vocabulary() {
    if (vocabulary == null) {
      vocabulary = conversation == null ? TermIndex.EMPTY : conversation.vocabulary(lexicon);
    }
    return vocabulary;
  }
}
