package io.swapflex.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A finite number of at least 0: rates (0 for none, or for a closed loop). */
final class NonNegative implements ITypeConverter<Double> {

    @Override
    public Double convert(String text) {
        try {
            double v = Double.parseDouble(text.strip());
            if (v >= 0 && !Double.isInfinite(v)) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new TypeConversionException("'" + text + "' is not a number ≥ 0");
    }
}
