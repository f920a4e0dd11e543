package io.swapflex.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A whole number of at least 1: threads, members, stations, rounds. */
final class PositiveInt implements ITypeConverter<Integer> {

    @Override
    public Integer convert(String text) {
        try {
            int v = Integer.parseInt(text.strip());
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new TypeConversionException("'" + text + "' is not a positive whole number");
    }
}
