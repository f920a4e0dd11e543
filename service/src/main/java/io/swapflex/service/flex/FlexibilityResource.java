package io.swapflex.service.flex;

import io.quarkus.security.identity.SecurityIdentity;
import io.swapflex.service.common.rest.Requests;
import io.swapflex.service.common.security.Roles;
import io.swapflex.service.station.NotReadyException;
import io.swapflex.service.station.Station;
import io.swapflex.service.station.StationService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The grid operator's view of the fleet: what the stations can add to their net export, per window, and at what cost
 * (a station's own: {@code GET /api/v1/stations/{id}/flexibility}).
 */
@Path("/api/v1/flexibility")
@Produces(MediaType.APPLICATION_JSON)
public class FlexibilityResource {

    @Inject
    FlexibilityService flexibility;

    @Inject
    StationService stations;

    @Inject
    SecurityIdentity identity;

    /** The fleet (every station, or {@code ?stations=a,b}): each station's flexibility and the sums per window and slot. */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.ANALYST})
    public Fleet fleet(@QueryParam("stations") String ids) {
        List<String> wanted = Requests.idList(ids, "stations");
        if (wanted == null) {
            wanted = stations.list().stream().map(Station::id).toList();
        } else {
            wanted.forEach(stations::get);
        }
        List<StationFlexibility> each = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        for (String id : wanted) {
            try {
                each.add(flexibility.answer(id));
            } catch (NotReadyException e) {
                pending.add(id);
            }
        }
        return Fleet.of(each, pending);
    }

    /**
     * The fleet's flexibility.
     *
     * @param windows per window (from, to), the sum of the stations' firm net export and of its cost, and how many
     *                stations offer that window
     * @param slots   per slot start, the sums of the stations' reduced import and extra export
     * @param pending stations left out because their first plan is still being made (a planned station without
     *                proven figures is in {@code stations} with basis PHYSICAL_BOUND)
     */
    public record Fleet(List<FleetWindow> windows, List<FleetSlot> slots, List<StationFlexibility> stations,
                        List<String> pending) {

        static Fleet of(List<StationFlexibility> each, List<String> pending) {
            Map<String, double[]> windows = new TreeMap<>();
            Map<String, Instant[]> times = new TreeMap<>();
            Map<Instant, double[]> slots = new TreeMap<>();
            for (StationFlexibility s : each) {
                for (StationFlexibility.Window w : s.windows()) {
                    String key = w.from() + "/" + w.to();
                    times.put(key, new Instant[]{w.from(), w.to()});
                    double[] sum = windows.computeIfAbsent(key, k -> new double[3]);
                    sum[0] += w.exportKw();
                    sum[1] += w.costIncrease() == null ? 0 : w.costIncrease();
                    sum[2] += 1;
                    for (StationFlexibility.Slot slot : w.slots()) {
                        double[] up = slots.computeIfAbsent(slot.start(), k -> new double[2]);
                        up[0] += slot.reducedImportKw();
                        up[1] += slot.extraExportKw();
                    }
                }
            }
            List<FleetWindow> outWindows = new ArrayList<>();
            windows.forEach((key, v) -> outWindows.add(new FleetWindow(times.get(key)[0], times.get(key)[1],
                    round(v[0]), round(v[1]), (int) v[2])));
            outWindows.sort((a, b) -> a.from().compareTo(b.from()));
            List<FleetSlot> outSlots = new ArrayList<>();
            slots.forEach((start, v) -> outSlots.add(new FleetSlot(start, round(v[0]), round(v[1]))));
            return new Fleet(outWindows, outSlots, each, pending);
        }

        private static double round(double v) {
            return Math.round(v * 1e4) / 1e4;
        }
    }

    public record FleetWindow(Instant from, Instant to, double exportKw, double costIncrease, int stations) {
    }

    public record FleetSlot(Instant start, double reducedImportKw, double extraExportKw) {
    }
}
