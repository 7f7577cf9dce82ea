package dev.ledger.app;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.core.env.Environment;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/** Gives a {@link LedgerApiTest} a {@link LedgerClient} for the application that Spring started for it. */
public final class LedgerClientResolver implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == LedgerClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        Environment environment = SpringExtension.getApplicationContext(extension).getEnvironment();
        return new LedgerClient(environment.getRequiredProperty("local.server.port", Integer.class), environment);
    }
}
