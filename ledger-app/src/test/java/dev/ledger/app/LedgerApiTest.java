package dev.ledger.app;

import dev.ledger.LedgerApplication;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A test that drives the whole ledger through its REST API: the application on a random port, and a
 * {@link LedgerClient} for it as a constructor or method parameter, so a test class declares no port or wiring.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(LedgerClientResolver.class)
public @interface LedgerApiTest {
}
