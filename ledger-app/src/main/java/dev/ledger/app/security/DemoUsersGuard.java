package dev.ledger.app.security;

import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Refuses to start a production profile with the demo users on, since anyone could then log in as admin with
 * the password {@code demo}. It runs before any bean is created, so the ledger fails before it touches a
 * database, opens a port or starts a processor, with a message that says what to change.
 */
class DemoUsersGuard implements BeanFactoryPostProcessor, EnvironmentAware {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        SecuritySettings settings = Binder.get(environment).bind("ledger.security", SecuritySettings.class)
                .orElseGet(() -> new SecuritySettings(false, null));
        List<String> production = Arrays.stream(environment.getActiveProfiles())
                .filter(settings.productionProfiles()::contains)
                .toList();
        if (settings.demoUsers() && !production.isEmpty()) {
            throw new IllegalStateException("The demo users (ledger.security.demo-users=true) must not run under the "
                    + "production profile(s) " + production + ": anyone could log in as admin with the password "
                    + "'demo'. Turn them off and configure JWT validation (docs/security.md).");
        }
    }
}
