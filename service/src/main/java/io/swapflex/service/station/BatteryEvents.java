package io.swapflex.service.station;

import io.swapflex.optimizer.contract.InvalidProblemException;

import java.util.ArrayList;
import java.util.List;

/** What a battery event does to its bay, or why it is refused. */
final class BatteryEvents {

    private BatteryEvents() {
    }

    /**
     * The bay's state after the event.
     *
     * @throws InvalidProblemException a malformed event (path-named: {@code kind}, {@code bayId}, {@code socFraction})
     * @throws ConflictException       an event that contradicts the bay's state (a pack into an occupied bay, a pack
     *                                 out of or a SOC for an empty bay)
     */
    static BayState next(Station station, BatteryEvent event) {
        List<String> errors = new ArrayList<>();
        if (event.kind() == null) {
            errors.add("kind is required (PACK_IN, PACK_OUT or SOC)");
        }
        BayState bay = null;
        if (event.bayId() == null || event.bayId().isBlank()) {
            errors.add("bayId is required");
        } else {
            bay = station.bay(event.bayId());
            if (bay == null) {
                errors.add("bayId '" + event.bayId() + "' is not a bay of station " + station.id());
            }
        }
        boolean needsSoc = event.kind() == BatteryEvent.Kind.PACK_IN || event.kind() == BatteryEvent.Kind.SOC;
        if (needsSoc && event.socFraction() == null) {
            errors.add("socFraction is required for " + event.kind());
        } else if (event.socFraction() != null && !(event.socFraction() >= 0 && event.socFraction() <= 1)) {
            errors.add("socFraction must be in [0, 1], is " + event.socFraction());
        }
        if (!errors.isEmpty()) {
            throw new InvalidProblemException(errors);
        }
        return switch (event.kind()) {
            case PACK_IN -> {
                if (bay.packPresent()) {
                    throw new ConflictException("bay " + bay.bayId() + " already holds a pack");
                }
                yield bay.withPack(event.socFraction());
            }
            case PACK_OUT -> {
                if (!bay.packPresent()) {
                    throw new ConflictException("bay " + bay.bayId() + " holds no pack to take out");
                }
                yield bay.empty();
            }
            case SOC -> {
                if (!bay.packPresent()) {
                    throw new ConflictException("bay " + bay.bayId() + " holds no pack to report a SOC for");
                }
                yield bay.withPack(event.socFraction());
            }
        };
    }
}
