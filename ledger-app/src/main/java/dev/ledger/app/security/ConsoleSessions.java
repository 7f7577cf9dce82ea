package dev.ledger.app.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.function.Supplier;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * The console's sessions as the API sees them: read, never written. A request without a session stays stateless,
 * and one with a credential of its own (Basic or a token) cannot leave its authentication in a console's session,
 * so the session holds exactly who logged in to the console, until they log out.
 */
final class ConsoleSessions implements SecurityContextRepository {

    private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    ConsoleSessions() {
        sessions.setAllowSessionCreation(false);
    }

    /** Whether the request comes with a console session that someone logged in to. */
    static boolean loggedIn(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null
                && session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY) != null;
    }

    @Override
    public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
        return sessions.loadDeferredContext(request);
    }

    /** Required by the interface; Spring Security itself only loads deferred contexts. */
    @Override
    @SuppressWarnings("deprecation")
    public SecurityContext loadContext(HttpRequestResponseHolder requestResponseHolder) {
        Supplier<SecurityContext> context = loadDeferredContext(requestResponseHolder.getRequest());
        return context.get();
    }

    @Override
    public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
        // Read-only: only the console's login and logout change a console session.
    }

    @Override
    public boolean containsContext(HttpServletRequest request) {
        return sessions.containsContext(request);
    }
}
