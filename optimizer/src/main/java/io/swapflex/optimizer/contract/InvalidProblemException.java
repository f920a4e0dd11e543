package io.swapflex.optimizer.contract;

import java.util.List;

/** Bad input: a document that cannot be read or a problem that breaks the contract. Each error names its JSON path. */
public class InvalidProblemException extends RuntimeException {

    private final List<String> errors;

    public InvalidProblemException(List<String> errors) {
        super(String.join("; ", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
