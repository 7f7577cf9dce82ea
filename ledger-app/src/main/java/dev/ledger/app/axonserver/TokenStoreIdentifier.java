package dev.ledger.app.axonserver;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToRetrieveIdentifierException;
import org.axonframework.lifecycle.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the token store's identifier (its {@code __config} row) before any event processor starts. On a fresh
 * database, nodes that start together each find no identifier and insert one; the losers' inserts fail, and Axon's
 * processor control service, which asks for the identifier while the node starts, takes the node down with it. Here
 * a node that loses that race reads the winner's identifier in a new transaction and starts.
 */
final class TokenStoreIdentifier implements ConfigurerModule {

    private static final Logger log = LoggerFactory.getLogger(TokenStoreIdentifier.class);

    @Override
    public void configureModule(Configurer configurer) {
        configurer.onInitialize(config -> config.onStart(Phase.INBOUND_EVENT_CONNECTORS - 1,
                () -> ensure(config.getComponent(TokenStore.class), config.getComponent(TransactionManager.class))));
    }

    static void ensure(TokenStore tokens, TransactionManager transactions) {
        try {
            transactions.executeInTransaction(tokens::retrieveStorageIdentifier);
        } catch (UnableToRetrieveIdentifierException createdByAnotherNode) {
            log.info("Another node created the token store's identifier at the same time; reading it");
            transactions.executeInTransaction(tokens::retrieveStorageIdentifier);
        }
    }
}
