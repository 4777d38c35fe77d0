package io.cleanercontext.integrations;

import io.cleanercontext.contract.RecognizedWord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Deepgram live transcription messages, as a relay forwards them from Deepgram's WebSocket (schema:
 * https://developers.deepgram.com/reference/speech-to-text/listen-streaming,
 * https://developers.deepgram.com/docs/understand-endpointing-interim-results and
 * https://developers.deepgram.com/docs/utterance-end). A speaker's utterance arrives as several
 * {@code Results} with {@code is_final}, segments Deepgram will not revise; the utterance ends at
 * the segment with {@code speech_final} (endpointing), at an {@code UtteranceEnd} of its channel
 * ({@code utterance_end_ms}) or when the stream closes (its last message is {@code Metadata}). So a
 * final segment is held (its line is its channel) and the end of the utterance joins the line's
 * held segments into one turn; interim results are partial. The speaker is {@code speaker:N} when
 * diarization gave the words a speaker, else {@code channel:N}. The call is the relay's {@code
 * call_id}, else the stream's {@code request_id} (which an {@code UtteranceEnd} does not carry, so
 * a relay that sends those must name the call); a segment is identified by its stream, channel,
 * audio start and duration.
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
    return switch (type) {
      case "Results" -> results(request, body);
      case "UtteranceEnd" -> utteranceEnd(request, body);
      case "Metadata" -> streamEnd(request, body);
      default -> PlatformMessage.ignored(type); // SpeechStarted, ...
    };
  }

  /** The end of every utterance of the line, through its last word. */
  private static PlatformMessage utteranceEnd(HookRequest request, JsonObject body) {
    if (request.callId() == null) {
      throw Payloads.bad(
          "an UtteranceEnd names no stream: send the call's call_id query parameter", "call_id");
    }
    JsonArray channel = Payloads.array(body, "channel", "channel");
    if (channel.isEmpty() || !(channel.getValue(0) instanceof Number index)) {
      throw Payloads.bad("channel[0] must be a number", "channel[0]");
    }
    Double lastWordEnd = Payloads.number(body, "last_word_end", "last_word_end", false);
    // A segment starting at or after the last word's end is the next utterance's.
    Double through = lastWordEnd == null ? null : Math.nextDown(lastWordEnd);
    return PlatformMessage.segments(
        "UtteranceEnd",
        request.callId(),
        List.of(),
        List.of(new PlatformMessage.UtteranceEnd("channel:" + index.intValue(), through)));
  }

  /** Deepgram's last message of a stream: every held segment of the call ends its utterance. */
  private static PlatformMessage streamEnd(HookRequest request, JsonObject body) {
    String callId =
        request.callId() != null
            ? request.callId()
            : Payloads.nonBlank(body, "request_id", "request_id");
    return PlatformMessage.segments(
        "Metadata", callId, List.of(), List.of(new PlatformMessage.UtteranceEnd(null, null)));
  }

  private static PlatformMessage results(HookRequest request, JsonObject body) {
    String type = "Results";
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
    boolean speechFinal = Payloads.bool(body, "speech_final", "speech_final", false);
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
    String line = "channel:" + channel.intValue();
    List<PlatformMessage.UtteranceEnd> ends =
        isFinal && speechFinal ? List.of(new PlatformMessage.UtteranceEnd(line, start)) : List.of();
    if (transcript.isBlank()) {
      // Deepgram sends empty results for silence: nothing was said (but an endpoint may be).
      return PlatformMessage.segments(type, callId, List.of(), ends);
    }
    String speakerKey = speaker instanceof Number n ? "speaker:" + n.intValue() : line;
    String messageId = requestId + ":" + channel.intValue() + ":" + start + "+" + duration;
    PlatformTurn.Segment segment = isFinal ? new PlatformTurn.Segment(line, start) : null;
    return PlatformMessage.segments(
        type,
        callId,
        List.of(new PlatformTurn(speakerKey, transcript, isFinal, words, messageId, segment)),
        ends);
  }
}
