package dev.ledger.app.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Every console request when the ledger authenticates with JWTs: {@code 404}, with a page that says why. The
 * console logs in with a password, and there are no passwords to check then; a console that showed a login form
 * nobody could pass would say less than this.
 */
final class ConsoleOff implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Ledger console: off</title></head>
            <body><h1>The operator console is off</h1>
            <p>This ledger authenticates its callers with JWTs from the bank's identity provider, and the console logs
            in with a password, which it has no users to check against. Call the API with a token instead
            (docs/security.md, "The operator console").</p></body></html>
            """;

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        answer(response);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        answer(response);
    }

    private static void answer(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(PAGE);
    }
}
