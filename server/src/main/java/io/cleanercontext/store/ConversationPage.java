package io.cleanercontext.store;

import java.util.List;

/** One page of a tenant's conversations, with how many there are in all. */
public record ConversationPage(List<ConversationRow> items, long total, int limit, int offset) {}
