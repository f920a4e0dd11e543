package io.swapflex.cluster;

import java.io.Serial;
import java.io.Serializable;

/**
 * What a member sends back for one station solve.
 *
 * @param station    the station's index in the fleet
 * @param planJson   the plan (contract-v1 JSON), null when the solve failed
 * @param member     the address of the member that solved it
 * @param solveNanos the member's wall time in the solve itself
 * @param cpuNanos   the solve's CPU time on the member (0 where the JVM does not measure it)
 * @param codecNanos the member's wall time reading the problem and warm start and writing the plan (JSON)
 * @param error      why the solve failed, else null
 */
record StationResult(int station, String planJson, String member, long solveNanos, long cpuNanos, long codecNanos,
                     String error)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
}
