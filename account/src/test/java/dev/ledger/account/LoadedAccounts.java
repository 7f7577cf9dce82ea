package dev.ledger.account;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ledger.api.account.AccountId;
import org.axonframework.config.Configuration;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;

/** Loads accounts as a command would, and serializes them as the ledger does. */
final class LoadedAccounts {

    private LoadedAccounts() {
    }

    /** The ledger's serializer settings: fields, not getters, are the state. */
    static JacksonSerializer ledgerSerializer() {
        return JacksonSerializer.builder().objectMapper(new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .setVisibility(PropertyAccessor.ALL, Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, Visibility.ANY)
                .setVisibility(PropertyAccessor.CREATOR, Visibility.ANY)).build();
    }

    /** The account as the repository hands it to a command: from its snapshot if it has one, then its events. */
    static Account load(Configuration axon, AccountId accountId) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            return axon.repository(Account.class).load(accountId.value()).invoke(account -> account);
        } finally {
            unitOfWork.rollback();
        }
    }
}
