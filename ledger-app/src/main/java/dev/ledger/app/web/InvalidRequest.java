package dev.ledger.app.web;

import dev.ledger.api.Reference;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A request whose content breaks the API's rules (bad id, currency, amount, page); answered with 400 and, when the
 * fault is in named pieces of the request, an {@code errors} item for each.
 */
public class InvalidRequest extends ApiProblem {

    /** A refusal about the request as a whole rather than one of its fields. */
    public InvalidRequest(String message) {
        super(RequestErrorCode.VALIDATION_FAILED, message);
    }

    public InvalidRequest(RequestErrorCode code, String message) {
        super(code, message);
    }

    /** A refusal of one piece of the request, whose reason is also the problem's detail. */
    public InvalidRequest(InputError error) {
        super(RequestErrorCode.VALIDATION_FAILED, error.reason(), List.of(error));
    }

    /** Refuses a page request outside {@code page >= 0} and {@code 1 <= size <= maxSize}, naming the parameter. */
    public static void requirePage(int page, int size, int maxSize) {
        if (page < 0) {
            throw new InvalidRequest(InputError.query("page", "page must be 0 or more"));
        }
        if (size < 1 || size > maxSize) {
            throw new InvalidRequest(InputError.query("size", "size must be between 1 and " + maxSize));
        }
    }

    /**
     * Runs a conversion from request to domain values, whose value types refuse bad input with
     * {@link IllegalArgumentException} or {@link NullPointerException}, and reports that as a bad request. A
     * conversion that names the field at fault throws {@link InvalidRequest} itself, which passes through.
     */
    public static <T> T whenInvalid(Supplier<T> conversion) {
        try {
            return conversion.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidRequest(e.getMessage());
        }
    }

    /**
     * Converts the required body field {@code field}, whose raw value is {@code raw}: a null or absent value is
     * refused as missing, and a value the conversion refuses with the value type's reason, both naming the field.
     */
    public static <T> T bodyField(String field, Object raw, Supplier<T> conversion) {
        if (raw == null) {
            throw new InvalidRequest(InputError.body(field, field + " is missing"));
        }
        return converted(reason -> InputError.body(field, reason), field, conversion);
    }

    /** The required amount field {@code field}: a whole number of minor units from 1 to {@code max}. */
    public static long amountField(String field, Long raw, long max) {
        long minorUnits = bodyField(field, raw, () -> raw);
        if (minorUnits <= 0 || minorUnits > max) {
            throw new InvalidRequest(InputError.body(field, field + " must be a whole number of minor units from 1 to "
                    + max));
        }
        return minorUnits;
    }

    /** The optional reference field {@code field}, refused under {@link Reference}'s rule, naming the field. */
    public static String referenceField(String field, String raw) {
        return raw == null ? null : bodyField(field, raw, () -> Reference.requireValid(raw));
    }

    /** Converts the path parameter {@code name}, naming it when the conversion refuses it. */
    public static <T> T pathParameter(String name, Supplier<T> conversion) {
        return converted(reason -> InputError.path(name, reason), name, conversion);
    }

    /** Converts the query parameter {@code name}, naming it when the conversion refuses it. */
    public static <T> T queryParameter(String name, Supplier<T> conversion) {
        return converted(reason -> InputError.query(name, reason), name, conversion);
    }

    private static <T> T converted(Function<String, InputError> at, String name, Supplier<T> conversion) {
        try {
            return conversion.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidRequest(at.apply(e.getMessage() == null ? name + " is invalid" : e.getMessage()));
        }
    }
}
