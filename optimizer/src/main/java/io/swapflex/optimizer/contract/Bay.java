package io.swapflex.optimizer.contract;

/** A bay holding one pack of {@code packType} with state of charge {@code soc} (fraction) at the horizon's start. */
public record Bay(String id, String packType, Double soc) {
}
