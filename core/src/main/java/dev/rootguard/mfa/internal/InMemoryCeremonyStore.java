package dev.rootguard.mfa.internal;

import dev.rootguard.mfa.CeremonyStore;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory {@link CeremonyStore}: a concurrent map whose taken entries stay as tombstones
 * until they would have expired. Thread-safe; taking is an atomic {@code replace}.
 */
public final class InMemoryCeremonyStore implements CeremonyStore {
  private record Entry(Ceremony ceremony, boolean used) {}

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final int maxHeld;

  /**
   * Creates an empty store.
   *
   * @param maxHeld the most ceremonies and tombstones held
   */
  public InMemoryCeremonyStore(int maxHeld) {
    if (maxHeld < 1 || maxHeld > 10_000_000) {
      throw new IllegalArgumentException("maxHeld: must be 1..10,000,000, was " + maxHeld);
    }
    this.maxHeld = maxHeld;
  }

  @Override
  public boolean put(String id, Ceremony ceremony) {
    CeremonyStore.requireValidId(id);
    Objects.requireNonNull(ceremony, "ceremony");
    if (entries.size() >= maxHeld) {
      // Tombstones only tell a replay from an unknown id; memory bounds come first.
      entries.entrySet().removeIf(e -> e.getValue().used());
      if (entries.size() >= maxHeld) {
        throw new IllegalStateException(
            "too many pending ceremonies (" + maxHeld + "); raise the bound or lower the TTL");
      }
    }
    return entries.putIfAbsent(id, new Entry(ceremony, false)) == null;
  }

  @Override
  public Taken take(String id, String kind, Instant now) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(now, "now");
    while (true) {
      Entry e = entries.get(id);
      if (e == null || !e.ceremony().kind().equals(kind)) {
        return Taken.notTaken(Status.UNKNOWN);
      }
      if (!now.isBefore(e.ceremony().expiresAt())) {
        entries.remove(id, e);
        return Taken.notTaken(e.used() ? Status.UNKNOWN : Status.EXPIRED);
      }
      if (e.used()) {
        return Taken.notTaken(Status.USED);
      }
      if (entries.replace(id, e, new Entry(e.ceremony(), true))) {
        return Taken.taken(e.ceremony());
      }
    }
  }

  @Override
  public int purgeExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    int[] n = new int[1];
    entries.forEach(
        (id, e) -> {
          if (!now.isBefore(e.ceremony().expiresAt()) && entries.remove(id, e)) {
            n[0]++;
          }
        });
    return n[0];
  }

  @Override
  public String toString() {
    return "CeremonyStore.inMemory[held=" + entries.size() + ", max=" + maxHeld + "]";
  }
}
