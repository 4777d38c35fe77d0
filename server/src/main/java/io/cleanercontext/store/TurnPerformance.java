package io.cleanercontext.store;

/** A conversation's turns of one status and role: how many, and how long they took (ms). */
public record TurnPerformance(
    String status,
    String role,
    long turns,
    Double avgProcessingMs,
    Double maxProcessingMs,
    Double avgEndToEndMs,
    Double p99EndToEndMs) {}
