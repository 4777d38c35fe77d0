package io.cleanercontext.integrations;

import io.cleanercontext.contract.RecognizedWord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Deepgram live transcription {@code Results} messages, as a relay forwards them from Deepgram's
 * WebSocket (schema: https://developers.deepgram.com/reference/speech-to-text/listen-streaming and
 * https://developers.deepgram.com/docs/understand-endpointing-interim-results). {@code is_final}
 * marks a segment Deepgram will not revise: each such segment is a final turn; interim results are
 * partial. The speaker is {@code speaker:N} when diarization gave the words a speaker, else {@code
 * channel:N} (multichannel). The call is the relay's {@code call_id}, else the stream's {@code
 * metadata.request_id}; a segment is identified by its channel and audio start and duration.
 */
final class DeepgramAdapter implements Adapter {

  @Override
  public void verify(HookRequest request, String secret) {
    Signatures.sharedSecret(request, secret);
  }

  @Override
  public PlatformMessage parse(HookRequest request) {
    JsonObject body = Payloads.json(request.body());
    String type = Payloads.string(body, "type", "type");
    if (!"Results".equals(type)) {
      return PlatformMessage.ignored(type); // Metadata, SpeechStarted, UtteranceEnd
    }
    JsonObject metadata = Payloads.object(body, "metadata", "metadata");
    String requestId = Payloads.nonBlank(metadata, "request_id", "metadata.request_id");
    String callId = request.callId() != null ? request.callId() : requestId;
    JsonArray channelIndex = Payloads.optionalArray(body, "channel_index", "channel_index");
    Object channelValue = channelIndex.isEmpty() ? 0 : channelIndex.getValue(0);
    if (!(channelValue instanceof Number channel)) {
      throw Payloads.bad("channel_index[0] must be a number", "channel_index[0]");
    }
    double start = Payloads.number(body, "start", "start", true);
    double duration = Payloads.number(body, "duration", "duration", true);
    boolean isFinal = Payloads.bool(body, "is_final", "is_final", false);
    JsonArray alternatives =
        Payloads.array(
            Payloads.object(body, "channel", "channel"), "alternatives", "channel.alternatives");
    if (alternatives.isEmpty()) {
      throw Payloads.bad("channel.alternatives must not be empty", "channel.alternatives");
    }
    JsonObject best = Payloads.element(alternatives, 0, "channel.alternatives");
    String transcript = Payloads.string(best, "transcript", "channel.alternatives[0].transcript");
    JsonArray wordArray = Payloads.optionalArray(best, "words", "channel.alternatives[0].words");
    List<RecognizedWord> words = new ArrayList<>(wordArray.size());
    Object speaker = null;
    for (int i = 0; i < wordArray.size(); i++) {
      String at = "channel.alternatives[0].words";
      JsonObject word = Payloads.element(wordArray, i, at);
      String path = at + "[" + i + "]";
      String text =
          word.getValue("punctuated_word") instanceof String punctuated
              ? punctuated
              : Payloads.string(word, "word", path + ".word");
      words.add(
          new RecognizedWord(
              text,
              Payloads.number(word, "confidence", path + ".confidence", false),
              Payloads.number(word, "start", path + ".start", false),
              Payloads.number(word, "end", path + ".end", false)));
      if (speaker == null) {
        speaker = word.getValue("speaker");
      }
    }
    if (transcript.isBlank()) {
      // Deepgram sends empty results for silence: nothing was said.
      return PlatformMessage.turns(type, callId, List.of());
    }
    String speakerKey =
        speaker instanceof Number n ? "speaker:" + n.intValue() : "channel:" + channel.intValue();
    String messageId = requestId + ":" + channel.intValue() + ":" + start + "+" + duration;
    return PlatformMessage.turns(
        type, callId, List.of(new PlatformTurn(speakerKey, transcript, isFinal, words, messageId)));
  }
}
