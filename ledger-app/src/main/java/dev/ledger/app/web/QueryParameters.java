package dev.ledger.app.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;

/**
 * The optional filters of the listings, read from their query parameters: an unreadable one is refused with
 * {@code 400 VALIDATION_FAILED} naming the parameter, never ignored, so a client never mistakes an unfiltered
 * answer for a filtered one.
 */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** An optional instant, such as {@code from} or {@code to}; null when absent. */
    public static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeException e) {
            throw new InvalidRequest(InputError.query(name, name + " must be an ISO-8601 instant in UTC, such as 2026-11-23T10:00:00Z"));
        }
    }

    /** Refuses {@code from} after {@code to}: such a range holds nothing, and is most likely a client's mistake. */
    public static void requireRange(Instant from, Instant to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidRequest(InputError.query("from", "from must not be after to"));
        }
    }

    /** An optional constant of {@code type}, such as a status, by its exact name; null when absent. */
    public static <E extends Enum<E>> E constant(String name, String value, Class<E> type) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(InputError.query(name, name + " must be one of " + List.of(type.getEnumConstants())));
        }
    }
}
