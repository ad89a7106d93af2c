package dev.rootguard.store.dynamodb;

import dev.rootguard.testkit.process.SharedStores;
import dev.rootguard.testkit.process.SharedStoresFactory;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Opens {@link DynamoDbStores} in a cross-process child JVM: arguments {@code <endpoint> <table>}
 * (no secret; dynalite takes any credentials), the test sealing key, the harness's clock and the
 * default lockout policy. Public with a public no-argument constructor, as the harness requires.
 */
public final class DynamoDbSharedStoresFactory implements SharedStoresFactory {
  /** Creates the factory; the harness instantiates it by name. */
  public DynamoDbSharedStoresFactory() {}

  @Override
  public SharedStores open(List<String> args, Map<String, String> env, Clock clock, int threads) {
    DynamoDbClient client = DynaliteTable.client(URI.create(args.get(0)));
    DynamoDbStores s =
        DynamoDbStores.builder(client, args.get(1), DynaliteTable.sealer()).clock(clock).build();
    s.check();
    return new SharedStores(
        s.attemptLimiter(),
        s.replayGuard(),
        s.totpStates(),
        s.totpCredentials(),
        s.ceremonies(),
        s.tokens(),
        s.yubicoKeys(),
        s.securityKeys(),
        client);
  }
}
