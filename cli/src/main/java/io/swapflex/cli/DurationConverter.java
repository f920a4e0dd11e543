package io.swapflex.cli;

import io.swapflex.studies.whatif.Durations;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

/** Durations on the command line, in the one grammar of the API and the study files ({@link Durations}). */
final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String text) {
        Duration d = Durations.read(text);
        if (d == null || d.isNegative() || d.isZero()) {
            throw new TypeConversionException("'" + text + "' is not a positive duration (" + Durations.EXAMPLES + ")");
        }
        return d;
    }
}
