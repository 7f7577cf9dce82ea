package dev.ledger.query;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * What the JPA slice boots from. This module has no application of its own (ledger-app is the one), and
 * sitting in {@code dev.ledger.query} it makes the entities and repositories of every read model visible.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class ReadModelTestApplication {
}
