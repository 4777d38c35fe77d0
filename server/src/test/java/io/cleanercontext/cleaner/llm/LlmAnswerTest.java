package io.cleanercontext.cleaner.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cleanercontext.cleaner.engine.Confidence;
import io.cleanercontext.cleaner.engine.Correction;
import org.junit.jupiter.api.Test;

class LlmAnswerTest {
  private static final String RAW = "we use sales force";

  @Test
  void aWellFormedAnswerIsRead() {
    LlmAnswer a =
        LlmAnswer.parse(
            """
        {"cleaned_text": " We use Salesforce. ", "confidence": "medium",
         "corrections": [{"original": "sales force", "corrected": "Salesforce", "confidence": "MEDIUM", "reason": "entity"}]}
        """,
            RAW);
    assertThat(a.cleanedText()).isEqualTo("We use Salesforce.");
    assertThat(a.confidence()).isEqualTo(Confidence.MEDIUM);
    assertThat(a.corrections())
        .containsExactly(new Correction("sales force", "Salesforce", Confidence.MEDIUM, "entity"));
  }

  @Test
  void aCodeFenceAroundTheJsonIsForgiven() {
    LlmAnswer a =
        LlmAnswer.parse(
            "```json\n{\"cleaned_text\": \"We use Salesforce.\", \"corrections\": [], "
                + "\"confidence\": \"HIGH\"}\n```",
            RAW);
    assertThat(a.cleanedText()).isEqualTo("We use Salesforce.");
  }

  @Test
  void anythingElseIsRejectedWithAShortReason() {
    assertRejected("not json at all", "llm malformed json");
    assertRejected("[1, 2]", "llm malformed json");
    assertRejected(
        "{\"corrections\": [], \"confidence\": \"HIGH\"}", "llm invalid answer: cleaned_text");
    assertRejected(
        "{\"cleaned_text\": null, \"corrections\": [], \"confidence\": \"HIGH\"}",
        "llm invalid answer: cleaned_text");
    assertRejected(
        "{\"cleaned_text\": \"  \", \"corrections\": [], \"confidence\": \"HIGH\"}",
        "llm invalid answer: cleaned_text");
    assertRejected(
        "{\"cleaned_text\": \""
            + "x".repeat(2 * RAW.length() + 51)
            + "\", \"corrections\": [], "
            + "\"confidence\": \"HIGH\"}",
        "llm invalid answer: cleaned_text");
    assertRejected(
        "{\"cleaned_text\": \"We use Salesforce.\", \"confidence\": \"HIGH\"}",
        "llm invalid answer: corrections");
    assertRejected(
        "{\"cleaned_text\": \"We use Salesforce.\", \"corrections\": [\"sales force\"], \"confidence\": \"HIGH\"}",
        "llm invalid answer: corrections");
    assertRejected(
        "{\"cleaned_text\": \"We use Salesforce.\", \"corrections\": [{\"original\": \"sales force\", "
            + "\"corrected\": \"Salesforce\", \"confidence\": \"SURE\", \"reason\": \"entity\"}], \"confidence\": \"HIGH\"}",
        "llm invalid answer: corrections");
    assertRejected(
        "{\"cleaned_text\": \"We use Salesforce.\", \"corrections\": [{\"original\": \"sales force\", "
            + "\"corrected\": null, \"confidence\": \"HIGH\", \"reason\": \"entity\"}], \"confidence\": \"HIGH\"}",
        "llm invalid answer: corrections");
    assertRejected(
        "{\"cleaned_text\": \"We use Salesforce.\", \"corrections\": [], \"confidence\": 0.9}",
        "llm invalid answer: confidence");
  }

  private static void assertRejected(String content, String reason) {
    assertThatThrownBy(() -> LlmAnswer.parse(content, RAW))
        .as(content)
        .isInstanceOf(LlmFailure.class)
        .hasMessage(reason);
  }
}
