package dev.ledger.app.caching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

class LeastRecentlyUsedCacheTest {

    private final LeastRecentlyUsedCache cache = new LeastRecentlyUsedCache(2);

    @Test
    void evictsTheEntryUsedLeastRecentlyOnceFull() {
        cache.put("a", 1);
        cache.put("b", 2);
        assertThat((Integer) cache.get("a")).isEqualTo(1); // "b" is now the least recently used

        cache.put("c", 3);

        assertThat(cache.containsKey("a")).isTrue();
        assertThat(cache.containsKey("b")).isFalse();
        assertThat(cache.containsKey("c")).isTrue();
    }

    @Test
    void keepsWhatItHoldsUntilEvictedOrRemoved() {
        cache.put("a", 1);

        assertThat(cache.putIfAbsent("a", 9)).isFalse();
        assertThat((Integer) cache.get("a")).isEqualTo(1);
        assertThat(cache.remove("a")).isTrue();
        assertThat(cache.remove("a")).isFalse();
        assertThat((Integer) cache.get("a")).isNull();
    }

    @Test
    void computesOnlyWhatIsMissingAndUpdatesOnlyWhatIsPresent() {
        assertThat(cache.computeIfAbsent("a", () -> 1)).isEqualTo(1);
        assertThat(cache.computeIfAbsent("a", () -> 2)).isEqualTo(1);

        cache.<Integer>computeIfPresent("a", value -> value + 10);
        cache.<Integer>computeIfPresent("missing", value -> value + 10);
        assertThat((Integer) cache.get("a")).isEqualTo(11);
        assertThat(cache.containsKey("missing")).isFalse();

        cache.<Integer>computeIfPresent("a", value -> null);
        assertThat(cache.containsKey("a")).isFalse();
    }

    @Test
    void tellsItsListenersWhatHappened() {
        List<String> heard = new ArrayList<>();
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryCreated(Object key, Object value) {
                heard.add("created " + key);
            }

            @Override
            public void onEntryUpdated(Object key, Object value) {
                heard.add("updated " + key);
            }

            @Override
            public void onEntryRemoved(Object key) {
                heard.add("removed " + key);
            }

            @Override
            public void onEntryExpired(Object key) {
                heard.add("expired " + key);
            }
        });

        cache.put("a", 1);
        cache.put("a", 2);
        cache.put("b", 1);
        cache.put("c", 1);
        cache.removeAll();

        assertThat(heard).containsExactly("created a", "updated a", "created b", "expired a", "created c",
                "removed b", "removed c");
    }

    @Test
    void refusesToHoldNothing() {
        assertThatThrownBy(() -> new LeastRecentlyUsedCache(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
