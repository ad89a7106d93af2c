package dev.rootguard.testkit.store;

import dev.rootguard.testing.DeclaredEquals;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The test kit has no value types today; a type declaring {@code equals} added to it fails here
 * until it gets an EqualsVerifier check (see core's {@code ValueTypesEqualsTest}).
 */
class ValueTypesEqualsTest {
  @Test
  void noTypeDeclaresEquals() {
    DeclaredEquals.assertExactly(StoreFixtures.class, Set.of());
  }
}
