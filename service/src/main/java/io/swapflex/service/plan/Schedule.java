package io.swapflex.service.plan;

import io.swapflex.optimizer.contract.BaySchedule;
import io.swapflex.optimizer.contract.InvalidProblemException;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * What a station's bank controller pulls: the slots of the current plan that overlap a time window, each with the
 * meter flows and every bay's power, SOC at the slot's start and end, and swap-out. Power in kW (+ charging,
 * − discharging to the grid), SOC as a fraction of capacity.
 *
 * @param version the plan version the slots come from
 */
public record Schedule(String stationId, long version, String status, Instant planCreatedAt, int slotMinutes,
                       Instant from, Instant to, List<Slot> slots) {

    public record Slot(int slot, Instant start, Instant end, double importKw, double exportKw, List<BaySlot> bays) {
    }

    public record BaySlot(String bayId, double powerKw, double socStart, double socEnd, boolean swapOut) {
    }

    /**
     * The plan's slots that overlap [from, to).
     *
     * @param from null for the start of the horizon
     * @param to   null for the end of the horizon
     * @throws InvalidProblemException when from is not before to
     */
    public static Schedule of(StoredPlan stored, Instant from, Instant to) {
        Problem problem = stored.problem();
        Plan plan = stored.plan();
        OffsetDateTime start = problem.horizon().startTime();
        int minutes = problem.horizon().slotMinutes();
        int slots = problem.slots();
        Window window = window(stored, from, to);
        Instant windowFrom = window.from();
        Instant windowTo = window.to();
        List<Slot> out = new ArrayList<>();
        for (int t = 0; t < slots; t++) {
            Instant slotStart = start.plusMinutes((long) minutes * t).toInstant();
            Instant slotEnd = start.plusMinutes((long) minutes * (t + 1)).toInstant();
            if (!slotEnd.isAfter(windowFrom) || !slotStart.isBefore(windowTo)) {
                continue;
            }
            List<BaySlot> bays = new ArrayList<>();
            for (BaySchedule bay : plan.bays()) {
                bays.add(new BaySlot(bay.id(), bay.powerKw()[t], bay.soc()[t], bay.soc()[t + 1], bay.swapOut()[t]));
            }
            out.add(new Slot(t, slotStart, slotEnd, plan.grid().importKw()[t], plan.grid().exportKw()[t], bays));
        }
        return new Schedule(stored.stationId(), stored.version(), plan.status().name(), stored.createdAt(), minutes,
                windowFrom, windowTo, out);
    }

    /** The window a schedule of the plan covers: [from, to), each defaulting to the plan's horizon. */
    public record Window(Instant from, Instant to) {
    }

    /**
     * The window a schedule of the plan covers, without building the schedule (a poll answered 304 needs no more).
     *
     * @throws InvalidProblemException when from is not before to
     */
    public static Window window(StoredPlan stored, Instant from, Instant to) {
        Problem problem = stored.problem();
        OffsetDateTime start = problem.horizon().startTime();
        Instant windowFrom = from == null ? start.toInstant() : from;
        Instant windowTo = to == null
                ? start.plusMinutes((long) problem.horizon().slotMinutes() * problem.slots()).toInstant() : to;
        if (!windowFrom.isBefore(windowTo)) {
            throw new InvalidProblemException(List.of("from must be before to (" + windowFrom + " ≥ " + windowTo + ")"));
        }
        return new Window(windowFrom, windowTo);
    }

    /** A strong validator of this representation: the plan version and the window fix its content. */
    public String etag() {
        return etag(version, new Window(from, to));
    }

    /** The validator of the schedule of a plan version over a window (what {@link #etag()} says of it). */
    public static String etag(long version, Window window) {
        return "\"" + version + "-" + Integer.toHexString((window.from() + "/" + window.to()).hashCode()) + "\"";
    }
}
