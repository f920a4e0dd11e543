package io.swapflex.cluster;

import java.io.Serial;
import java.io.Serializable;

/**
 * What a member sends back for one scenario.
 *
 * @param index    the run's index in the study
 * @param planJson the plan (contract-v1 JSON), null when the solve failed
 * @param kpisJson the plan's figures as the member computed them ({@code Kpis}, JSON), null when the solve failed
 * @param member   the address of the member that ran it
 * @param error    why the solve failed, else null
 */
record ScenarioResult(int index, String planJson, String kpisJson, String member, String error)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
}
