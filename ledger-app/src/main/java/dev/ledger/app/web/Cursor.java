package dev.ledger.app.web;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The opaque cursor of a keyset listing ({@code ?cursor=…&limit=…}): the sort key of the last item of a page,
 * base64url-encoded so clients pass it back without reading it. A cursor that does not decode to a key of the
 * listing's shape is refused with {@code 400 VALIDATION_FAILED}, never answered with a wrong page.
 */
public final class Cursor {

    /** The page size when the client names none. */
    public static final int DEFAULT_LIMIT = 50;
    /** The largest page a client may ask for. */
    public static final int MAX_LIMIT = 200;

    // A separator that no id ([A-Za-z0-9_-]) and no ISO-8601 instant contains.
    private static final String SEPARATOR = " ";

    private Cursor() {
    }

    /** The cursor of a sort key made of these parts. */
    public static String of(Object... parts) {
        List<String> text = Arrays.stream(parts).map(String::valueOf).toList();
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join(SEPARATOR, text).getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code count} parts of a cursor, or null when there is none (the first page). */
    public static List<String> parts(String cursor, int count) {
        if (cursor == null) {
            return null;
        }
        try {
            List<String> parts = List.of(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
                    .split(SEPARATOR, -1));
            if (parts.size() == count && parts.stream().noneMatch(String::isEmpty)) {
                return parts;
            }
        } catch (IllegalArgumentException notBase64) {
            // answered below, like any other cursor this API did not give out
        }
        throw invalid();
    }

    /** A part of a cursor that must be an instant. */
    public static Instant instant(String part) {
        try {
            return Instant.parse(part);
        } catch (DateTimeException e) {
            throw invalid();
        }
    }

    /** A part of a cursor that must be a whole number, such as a sequence number. */
    public static long number(String part) {
        try {
            return Long.parseLong(part);
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    /** The page size asked for, within {@code 1..}{@value #MAX_LIMIT}; {@value #DEFAULT_LIMIT} when none. */
    public static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequest(InputError.query("limit", "limit must be between 1 and " + MAX_LIMIT));
        }
        return limit;
    }

    private static InvalidRequest invalid() {
        return new InvalidRequest(InputError.query("cursor",
                "cursor is not one this listing gave out; start again without it"));
    }
}
