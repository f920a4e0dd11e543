package io.swapflex.optimizer.contract;

import java.time.OffsetDateTime;

/**
 * The planning horizon: {@code slots} consecutive slots of {@code slotMinutes} minutes from {@code start}
 * (RFC 3339 with offset). Slot t covers [start + t·Δ, start + (t+1)·Δ), Δ = slotMinutes / 60 hours.
 *
 * <p>Fields are boxed so that a missing field reaches {@link ProblemValidator}, which names it.
 */
public record Horizon(String start, Integer slotMinutes, Integer slots) {

    /** Slot length Δ in hours. */
    public double slotHours() {
        return slotMinutes / 60.0;
    }

    public OffsetDateTime startTime() {
        return OffsetDateTime.parse(start);
    }
}
