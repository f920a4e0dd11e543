package io.swapflex.service.plan;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Schedules as sent, kept per station for its current plan version: every controller of a station pulls the same
 * window (from its current slot) until the slot or the plan changes, so the slots are cut from the plan and written
 * as JSON once, not on every pull. A newer plan version replaces a station's entries; a station keeps at most
 * {@value #WINDOWS_PER_STATION} windows (controllers asking odd windows cannot grow it without bound).
 */
public final class RenderedSchedules {

    static final int WINDOWS_PER_STATION = 8;

    /** A schedule written out: the body and its validator. */
    public record Rendered(String etag, byte[] body) {
    }

    private record Entry(long version, Map<Schedule.Window, Rendered> windows) {
    }

    private final Map<String, Entry> stations = new ConcurrentHashMap<>();
    private final Function<Schedule, byte[]> writer;

    /** @param writer writes a schedule as the API sends it (the REST layer's JSON mapper) */
    public RenderedSchedules(Function<Schedule, byte[]> writer) {
        this.writer = writer;
    }

    /** The schedule of the plan over the window, written once per plan version and window. */
    public Rendered of(StoredPlan plan, Schedule.Window window) {
        Entry entry = stations.compute(plan.stationId(), (id, known) ->
                known == null || known.version() < plan.version() ? new Entry(plan.version(), new ConcurrentHashMap<>())
                        : known);
        if (entry.version() != plan.version()) {
            // a pull still holding an older plan than the one cached: answer it without caching
            return render(plan, window);
        }
        Rendered rendered = entry.windows().get(window);
        if (rendered == null) {
            if (entry.windows().size() >= WINDOWS_PER_STATION) {
                entry.windows().clear();
            }
            rendered = entry.windows().computeIfAbsent(window, w -> render(plan, w));
        }
        return rendered;
    }

    private Rendered render(StoredPlan plan, Schedule.Window window) {
        Schedule schedule = Schedule.of(plan, window.from(), window.to());
        return new Rendered(schedule.etag(), writer.apply(schedule));
    }
}
