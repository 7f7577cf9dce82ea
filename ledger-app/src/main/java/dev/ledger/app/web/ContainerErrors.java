package dev.ledger.app.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page (Boot registers it for every status), answered with problem+json instead of
 * Boot's own JSON: it renders what was answered with {@code sendError} rather than a body, below Spring MVC's
 * exception handling. It writes straight to the response, because the client's {@code Accept} header may be the very
 * thing that is wrong. Asked for directly, it is a path the API does not have.
 */
@Hidden // the container's error page, not an endpoint of the API description
@RestController
class ContainerErrors implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ContainerErrors.class);

    private final ProblemResponses problems;

    ContainerErrors(ProblemResponses problems) {
        this.problems = problems;
    }

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpStatusCode status = HttpStatusCode.valueOf(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE)
                instanceof Integer code ? code : 404);
        if (status.is5xxServerError()) {
            log.error("The container failed a request to {}", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                    (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
        }
        problems.write(response, ProblemResponses.containerRefusal(status));
    }
}
