package io.swapflex.optimizer.fleet;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swapflex.optimizer.contract.Problem;

import java.util.List;

/**
 * A fleet of stations planned together: every station is a contract-v1 problem (all on the same horizon), and the
 * fleet adds constraints on the sum of several stations' meters.
 *
 * @param formatVersion    1
 * @param fleetId          the fleet's name
 * @param stations         the stations' problems; station ids unique; every horizon the same
 * @param feeders          shared grid connections: the summed net import (and export) of their stations is limited
 * @param dispatchRequests a grid operator's firm requests for net export from the whole fleet or a zone of it
 */
public record FleetProblem(Integer formatVersion, String fleetId, List<Problem> stations, List<Feeder> feeders,
                           List<FleetRequest> dispatchRequests) {

    public static final int FORMAT_VERSION = 1;

    public List<Feeder> feederList() {
        return feeders == null ? List.of() : feeders;
    }

    public List<FleetRequest> requestList() {
        return dispatchRequests == null ? List.of() : dispatchRequests;
    }

    /**
     * A feeder (a substation transformer, a shared connection) several stations hang on: in every slot t the sum of
     * their net imports (import − export) is at most min(importLimitKw, importLimitKwBySlot[t]), and the sum of their
     * net exports at most min(exportLimitKw, exportLimitKwBySlot[t]). The per-slot arrays give the headroom the
     * feeder's other loads leave the stations; any of the four may be omitted, one must be given.
     */
    public record Feeder(String id, List<String> stations, Double importLimitKw, Double exportLimitKw,
                         @JsonInclude(JsonInclude.Include.NON_NULL) double[] importLimitKwBySlot,
                         @JsonInclude(JsonInclude.Include.NON_NULL) double[] exportLimitKwBySlot) {

        @JsonCreator
        public Feeder {
        }

        /** A feeder with the same limits in every slot. */
        public Feeder(String id, List<String> stations, Double importLimitKw, Double exportLimitKw) {
            this(id, stations, importLimitKw, exportLimitKw, null, null);
        }
    }

    /**
     * A firm request for the fleet (or the stations named, its zone): in every slot t with fromSlot ≤ t &lt; toSlot,
     * the stations' summed net export (export − import) is at least {@code exportKw}. The fleet earns
     * {@code rewardPerKwh · exportKw · Δ} per slot. Offers the fleet may decline are not part of format 1: a station's
     * own offers are.
     */
    public record FleetRequest(String id, List<String> stations, Integer fromSlot, Integer toSlot, Double exportKw,
                               Double rewardPerKwh) {

        public double reward() {
            return rewardPerKwh == null ? 0.0 : rewardPerKwh;
        }
    }
}
