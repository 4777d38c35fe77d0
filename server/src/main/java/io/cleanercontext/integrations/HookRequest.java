package io.cleanercontext.integrations;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * A platform's request as an adapter reads it.
 *
 * @param url the URL the platform called, as configured there (Twilio signs it)
 * @param headers the request's headers
 * @param body the raw body (signatures are over its exact bytes)
 * @param callId the {@code call_id} query parameter, or null: a relay forwarding a speech-to-text
 *     stream (Deepgram, AssemblyAI) names the call with it
 * @param options the integration's options (e.g. {@code format_turns} for AssemblyAI), never null
 * @param nowMs when the request arrived, epoch milliseconds (signature freshness)
 */
public record HookRequest(
    String url, MultiMap headers, Buffer body, String callId, JsonObject options, long nowMs) {}
