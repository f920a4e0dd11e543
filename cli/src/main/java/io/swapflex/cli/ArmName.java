package io.swapflex.cli;

import io.swapflex.simulation.ClosedLoopStudy;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** One of the closed-loop simulation's main arms ({@link ClosedLoopStudy#MAIN_ARMS}). */
final class ArmName implements ITypeConverter<String> {

    @Override
    public String convert(String text) {
        String name = text.strip();
        if (ClosedLoopStudy.MAIN_ARMS.contains(name)) {
            return name;
        }
        throw new TypeConversionException("'" + text + "' is not an arm; the arms: "
                + String.join(", ", ClosedLoopStudy.MAIN_ARMS));
    }
}
