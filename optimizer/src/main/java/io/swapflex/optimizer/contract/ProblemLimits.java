package io.swapflex.optimizer.contract;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * How big a document the engine accepts: a problem (bays, slots, bays × slots, pack types, dispatch requests, riders
 * per slot), a fleet (stations, feeders and fleet requests, bays × slots summed over its stations) and any JSON
 * document it parses (nesting depth, number and string lengths, document size, tokens).
 *
 * <p>Why: the solvers' time and memory grow with bays × slots, and a JSON parser with the document, so a document
 * far beyond any real station (100,000 bays, a ten-year horizon of 15-minute slots, a pack type of 2 billion riders
 * a slot, 100,000 nested arrays) must be refused with a message naming the field and the limit, before a solver or a
 * parser allocates for it. The defaults leave room well above what the project plans (the examples; the scheduler
 * benchmark's 400 bays × 96 slots; fleets of 1,000 generated stations), and every limit is a setting:
 * {@code swapflex.limits.*} in the service's application.properties, or, for the service and the command line alike,
 * a system property of that name or its environment variable ({@code SWAPFLEX_LIMITS_MAX_BAYS=5000}).
 *
 * <p>One set of limits holds per process ({@link #current()}, changed by {@link #configure}): the validators are
 * static and called from many places (registration, solves, what-if scenarios, forecasts, fleets), and a process
 * serves one deployment. The JSON limits also apply to every {@link ObjectMapper} registered with {@link #follow}.
 *
 * @param maxBays             most bays of one station ({@code swapflex.limits.max-bays})
 * @param maxSlots            most slots of one horizon ({@code swapflex.limits.max-slots})
 * @param maxBaySlots         most bays × slots of one station ({@code swapflex.limits.max-bay-slots})
 * @param maxPackTypes        most pack types, and rows of swapDemand ({@code swapflex.limits.max-pack-types})
 * @param maxDispatchRequests most dispatch requests of one problem ({@code swapflex.limits.max-dispatch-requests})
 * @param maxSwapsPerSlot     most riders of one pack type in one slot ({@code swapflex.limits.max-swaps-per-slot})
 * @param maxFleetStations    most stations of one fleet ({@code swapflex.limits.max-fleet-stations})
 * @param maxFleetConstraints most feeders plus fleet dispatch requests ({@code swapflex.limits.max-fleet-constraints})
 * @param maxFleetBaySlots    most bays × slots summed over a fleet ({@code swapflex.limits.max-fleet-bay-slots})
 * @param jsonMaxDepth        deepest nesting of objects and arrays ({@code swapflex.limits.json-max-depth})
 * @param jsonMaxNumberLength most characters of one number ({@code swapflex.limits.json-max-number-length})
 * @param jsonMaxStringLength most characters of one string ({@code swapflex.limits.json-max-string-length})
 * @param jsonMaxNameLength   most characters of one field name ({@code swapflex.limits.json-max-name-length})
 * @param jsonMaxDocumentChars most characters of a document read from a stream (a file, stdin)
 *                             ({@code swapflex.limits.json-max-document-chars}; the service's bodies are bounded by
 *                             {@code quarkus.http.limits.max-body-size} first)
 * @param jsonMaxTokens       most tokens (numbers, strings, brackets) of one document
 *                            ({@code swapflex.limits.json-max-tokens})
 */
public record ProblemLimits(int maxBays, int maxSlots, long maxBaySlots, int maxPackTypes, int maxDispatchRequests,
                            int maxSwapsPerSlot, int maxFleetStations, int maxFleetConstraints, long maxFleetBaySlots,
                            int jsonMaxDepth, int jsonMaxNumberLength, int jsonMaxStringLength, int jsonMaxNameLength,
                            long jsonMaxDocumentChars, long jsonMaxTokens) {

    /** The prefix of every setting. */
    public static final String PREFIX = "swapflex.limits.";

    /** The defaults (documented in the README's Reliability section). */
    public static final ProblemLimits DEFAULT = new ProblemLimits(
            2_000,          // bays: 5× the benchmark ladder's largest station
            105_120,        // slots: a year of 5-minute slots
            1_000_000,      // bays × slots: 2,000 bays × 500 slots, or 12 bays × 83,000 slots
            100,            // pack types
            1_000,          // dispatch requests
            10_000,         // riders of a pack type in a slot
            5_000,          // fleet stations
            10_000,         // feeders + fleet requests
            20_000_000,     // fleet bays × slots: 5,000 stations of 40 bays × 96 slots
            64,             // JSON nesting (a contract document nests 4 deep, an OpenADR event 6)
            100,            // characters of a number
            1_000_000,      // characters of a string
            1_000,          // characters of a field name
            64L << 20,      // characters of a streamed document (64 Mi)
            20_000_000);    // tokens of a document

    private static final List<ObjectMapper> FOLLOWERS = new CopyOnWriteArrayList<>();
    private static volatile ProblemLimits current = DEFAULT.with(ProblemLimits::environment);

    /** The limits in force in this process. */
    public static ProblemLimits current() {
        return current;
    }

    /** Puts these limits in force for the whole process (the validators and every registered mapper). */
    public static synchronized void configure(ProblemLimits limits) {
        current = limits;
        for (ObjectMapper mapper : FOLLOWERS) {
            mapper.getFactory().setStreamReadConstraints(limits.streamReadConstraints());
        }
    }

    /**
     * Makes the mapper parse with the JSON limits in force, now and after any {@link #configure}: nesting depth,
     * number, string and name lengths, document size, tokens. A document beyond one fails to parse (Jackson's
     * {@code StreamConstraintsException}) before it is bound, so nothing big is built from it.
     */
    public static <M extends ObjectMapper> M follow(M mapper) {
        mapper.getFactory().setStreamReadConstraints(current.streamReadConstraints());
        FOLLOWERS.add(mapper);
        return mapper;
    }

    /** These JSON limits as Jackson's parser constraints. */
    public StreamReadConstraints streamReadConstraints() {
        return StreamReadConstraints.builder()
                .maxNestingDepth(jsonMaxDepth)
                .maxNumberLength(jsonMaxNumberLength)
                .maxStringLength(jsonMaxStringLength)
                .maxNameLength(jsonMaxNameLength)
                .maxDocumentLength(jsonMaxDocumentChars)
                .maxTokenCount(jsonMaxTokens)
                .build();
    }

    /**
     * These limits with the settings found overriding them.
     *
     * @param settings a setting's value by its full name ({@code swapflex.limits.max-bays}), or empty
     * @throws IllegalArgumentException naming the setting whose value is not a positive whole number
     */
    public ProblemLimits with(Function<String, Optional<String>> settings) {
        return new ProblemLimits(
                (int) read(settings, "max-bays", maxBays, Integer.MAX_VALUE),
                (int) read(settings, "max-slots", maxSlots, Integer.MAX_VALUE),
                read(settings, "max-bay-slots", maxBaySlots, Long.MAX_VALUE),
                (int) read(settings, "max-pack-types", maxPackTypes, Integer.MAX_VALUE),
                (int) read(settings, "max-dispatch-requests", maxDispatchRequests, Integer.MAX_VALUE),
                (int) read(settings, "max-swaps-per-slot", maxSwapsPerSlot, Integer.MAX_VALUE),
                (int) read(settings, "max-fleet-stations", maxFleetStations, Integer.MAX_VALUE),
                (int) read(settings, "max-fleet-constraints", maxFleetConstraints, Integer.MAX_VALUE),
                read(settings, "max-fleet-bay-slots", maxFleetBaySlots, Long.MAX_VALUE),
                (int) read(settings, "json-max-depth", jsonMaxDepth, Integer.MAX_VALUE),
                (int) read(settings, "json-max-number-length", jsonMaxNumberLength, Integer.MAX_VALUE),
                (int) read(settings, "json-max-string-length", jsonMaxStringLength, Integer.MAX_VALUE),
                (int) read(settings, "json-max-name-length", jsonMaxNameLength, Integer.MAX_VALUE),
                read(settings, "json-max-document-chars", jsonMaxDocumentChars, Long.MAX_VALUE),
                read(settings, "json-max-tokens", jsonMaxTokens, Long.MAX_VALUE));
    }

    /**
     * A setting from a system property ({@code -Dswapflex.limits.max-bays=5000}) or else its environment variable
     * ({@code SWAPFLEX_LIMITS_MAX_BAYS}, the name upper-cased with dots and dashes as underscores, as Quarkus maps it).
     */
    public static Optional<String> environment(String name) {
        String property = System.getProperty(name);
        if (property != null) {
            return Optional.of(property);
        }
        return Optional.ofNullable(System.getenv(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_')));
    }

    /**
     * A parser's message with Jackson's constraint names replaced by this project's settings, so that a document
     * refused for its depth says which setting allows more: {@code Document nesting depth (65) exceeds the maximum
     * allowed (64, from swapflex.limits.json-max-depth)}.
     */
    public static String describe(String parserMessage) {
        if (parserMessage == null) {
            return null;
        }
        return parserMessage
                .replace("`StreamReadConstraints.getMaxNestingDepth()`", PREFIX + "json-max-depth")
                .replace("`StreamReadConstraints.getMaxNumberLength()`", PREFIX + "json-max-number-length")
                .replace("`StreamReadConstraints.getMaxStringLength()`", PREFIX + "json-max-string-length")
                .replace("`StreamReadConstraints.getMaxNameLength()`", PREFIX + "json-max-name-length")
                .replace("`StreamReadConstraints.getMaxDocumentLength()`", PREFIX + "json-max-document-chars")
                .replace("`StreamReadConstraints.getMaxTokenCount()`", PREFIX + "json-max-tokens");
    }

    /** The message of a count beyond its limit: {@code bays has 100000 entries, at most 2000 allowed (...)}. */
    static String tooMany(String path, long count, String what, long limit, String setting) {
        return path + " has " + count + " " + what + ", at most " + limit + " allowed (" + PREFIX + setting + ")";
    }

    private static long read(Function<String, Optional<String>> settings, String key, long fallback, long max) {
        Optional<String> value = settings.apply(PREFIX + key);
        if (value.isEmpty() || value.get().isBlank()) {
            return fallback;
        }
        String text = value.get().strip().replace("_", "");
        try {
            long n = Long.parseLong(text);
            if (n < 1 || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PREFIX + key + " must be a whole number in [1, " + max + "], is '"
                    + value.get() + "'");
        }
    }
}
