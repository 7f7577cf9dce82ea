package dev.ledger.app.web;

import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Names the pieces of a request that Spring MVC or Jackson refused before a controller saw it: a query or path
 * parameter of the wrong type, a missing header, a body field that is unknown, of the wrong type or out of range.
 * The reasons are fixed sentences: a library's message can quote class names and input.
 */
final class RequestInputErrors {

    /** Field names are echoed from the request; a body may be up to 16 KiB, a name in the answer need not be. */
    private static final int MAX_NAME_LENGTH = 64;

    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate .*?\"(.*)\"");

    private RequestInputErrors() {
    }

    /** The offending pieces of a request that Spring MVC answers with 400; empty when it cannot tell. */
    static List<InputError> of(Exception e) {
        if (e instanceof MissingRequestHeaderException missing) {
            return List.of(InputError.header(missing.getHeaderName(), missing.getHeaderName() + " is missing"));
        }
        if (e instanceof MissingServletRequestParameterException missing) {
            return List.of(InputError.query(missing.getParameterName(), missing.getParameterName() + " is missing"));
        }
        if (e instanceof MethodArgumentTypeMismatchException mismatch) {
            String reason = mismatch.getName() + " must be " + expected(mismatch.getRequiredType());
            if (mismatch.getParameter().hasParameterAnnotation(PathVariable.class)) {
                return List.of(InputError.path(mismatch.getName(), reason));
            }
            if (mismatch.getParameter().hasParameterAnnotation(RequestHeader.class)) {
                return List.of(InputError.header(mismatch.getName(), reason));
            }
            return List.of(InputError.query(mismatch.getName(), reason));
        }
        if (e instanceof HttpMessageNotReadableException unreadable) {
            return List.of(bodyError(unreadable));
        }
        return List.of();
    }

    private static InputError bodyError(HttpMessageNotReadableException unreadable) {
        JacksonException jackson = jacksonCause(unreadable);
        if (jackson == null) {
            return InputError.body("", "The request body is missing or cannot be read as JSON");
        }
        String field = pathOf(jackson);
        String named = field.isEmpty() ? "The body" : field;
        if (jackson instanceof UnrecognizedPropertyException unknown) {
            String name = field.isEmpty() ? clipped(unknown.getPropertyName()) : field;
            return InputError.body(name, name + " is not a field of this request");
        }
        if (jackson instanceof InvalidNullException) {
            return InputError.body(field, named + " must not be null");
        }
        if (jackson instanceof MismatchedInputException mismatch) {
            return InputError.body(field, field.isEmpty() ? "The body must be a JSON object"
                    : field + " must be " + expected(mismatch.getTargetType()));
        }
        if (jackson instanceof InputCoercionException) {
            return InputError.body(field, named + " is out of range: amounts are whole numbers of minor units");
        }
        if (jackson instanceof StreamConstraintsException) {
            return InputError.body(field, named + " is beyond the parser's limits of nesting depth and number length");
        }
        Matcher duplicate = DUPLICATE.matcher(String.valueOf(jackson.getOriginalMessage()));
        if (jackson instanceof StreamReadException && duplicate.find()) {
            // The parser names the repeated key only in its message; the path ends before it.
            String name = (field.isEmpty() ? "" : field + ".") + clipped(duplicate.group(1));
            return InputError.body(name, name + " appears more than once");
        }
        return InputError.body(field, "The body is not valid JSON" + where(jackson));
    }

    private static JacksonException jacksonCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson) {
                return jackson;
            }
        }
        return null;
    }

    /** A dotted path such as {@code amount} or {@code items.0.currency}; empty for the body itself. */
    private static String pathOf(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            String segment = reference.getPropertyName() != null ? reference.getPropertyName()
                    : reference.getIndex() >= 0 ? String.valueOf(reference.getIndex()) : null;
            if (segment != null) {
                path.append(path.isEmpty() ? "" : ".").append(segment);
            }
        }
        return clipped(path.toString());
    }

    private static String where(JacksonException e) {
        return e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static String clipped(String name) {
        return name == null ? "" : name.length() <= MAX_NAME_LENGTH ? name : name.substring(0, MAX_NAME_LENGTH) + "...";
    }

    /** What a value of {@code type} looks like, in the API's terms rather than Java's. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class
                || type == short.class || type == Short.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Instant.class) {
            return "an ISO-8601 instant such as 2026-11-23T10:00:00Z";
        }
        return "of another type";
    }
}
