package dev.ledger.app.security;

import dev.ledger.app.web.ProblemResponses;
import dev.ledger.app.web.RequestErrorCode;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * Answers a request that is not authenticated ({@code 401 UNAUTHENTICATED}) or not allowed
 * ({@code 403 FORBIDDEN}, also for a console session's unsafe request without its CSRF token) with problem+json,
 * like every other refusal. The challenge header comes from the scheme in use (Basic or Bearer); the body never
 * says why a credential failed, so it cannot help guessing.
 */
class SecurityProblems implements AccessDeniedHandler {

    private final ProblemResponses problems;
    private final AuthenticationEntryPoint challenge;

    SecurityProblems(ProblemResponses problems, AuthenticationEntryPoint challenge) {
        this.problems = problems;
        this.challenge = challenge;
    }

    /** Lets the scheme set its status and {@code WWW-Authenticate} header, then writes the body. */
    AuthenticationEntryPoint entryPoint() {
        return (request, response, failure) -> unauthenticated(request, response, failure);
    }

    private void unauthenticated(HttpServletRequest request, HttpServletResponse response,
                                 AuthenticationException failure) throws IOException {
        try {
            challenge.commence(request, new HeadersOnly(response), failure);
        } catch (ServletException e) {
            throw new IOException(e);
        }
        problems.write(response, ProblemResponses.problem(RequestErrorCode.UNAUTHENTICATED,
                "Authentication is required: send valid credentials"));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        problems.write(response, ProblemResponses.problem(RequestErrorCode.FORBIDDEN, denied instanceof CsrfException
                ? "A request made with a console session needs that session's CSRF token (header X-XSRF-TOKEN)"
                : "The caller's role does not allow this request"));
    }

    /** Keeps a challenge's headers but not its error page, so that the problem body is the only body. */
    private static final class HeadersOnly extends HttpServletResponseWrapper {

        HeadersOnly(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendError(int status) {
            setStatus(status);
        }

        @Override
        public void sendError(int status, String message) {
            setStatus(status);
        }
    }
}
