package io.cleanercontext.cleaner.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cleanercontext.cleaner.engine.ContextTurn;
import io.cleanercontext.contract.CleaningLevel;
import io.cleanercontext.contract.Speaker;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class LlmPromptTemplateTest {

  @Test
  void placeholdersAreFilledOnceAndTheNoteIsNotSent() {
    PromptTemplate template =
        PromptTemplate.parse(
            """
        A note for people editing the prompt.
        [system]
        Clean at {cleaning_level}.
        [user]
        {conversation_context}
        ---
        {raw_text}
        """);
    JsonArray messages =
        template.messages(
            List.of(
                new ContextTurn(Speaker.AI, "Hello\nthere."), new ContextTurn(Speaker.USER, "Hi.")),
            "literally {cleaning_level}",
            CleaningLevel.LIGHT);

    assertThat(messages.getJsonObject(0).getString("content")).isEqualTo("Clean at light.");
    assertThat(messages.getJsonObject(1).getString("content"))
        .isEqualTo("AI: Hello there.\nUser: Hi.\n---\nliterally {cleaning_level}");
  }

  @Test
  void aTemplateWithoutItsSectionsIsRefused() {
    assertThatThrownBy(() -> PromptTemplate.parse("Clean this: {raw_text}"))
        .hasMessageContaining("[system]");
    assertThatThrownBy(() -> PromptTemplate.parse("[system]\nx\n[user]\nno turn here"))
        .hasMessageContaining("{raw_text}");
  }

  @Test
  void theShippedTemplateLoadsFromTheConfigDirectory(Vertx vertx) {
    PromptTemplate template = PromptTemplate.load(vertx, "prompts/clean-turn.txt").await();
    JsonArray messages = template.messages(List.of(), "um hello", CleaningLevel.FULL);
    assertThat(messages.getJsonObject(0).getString("content"))
        .startsWith("You clean speech-to-text transcripts");
    assertThat(messages.getJsonObject(1).getString("content"))
        .contains("(no earlier turns)")
        .endsWith("um hello");
  }

  @Test
  void aMissingTemplateFailsWithItsName(Vertx vertx) {
    assertThatThrownBy(() -> PromptTemplate.load(vertx, "prompts/nope.txt").await())
        .hasMessageContaining("prompts/nope.txt");
  }
}
