package dev.rootguard.store.dynamodb;

import dev.rootguard.mfa.LockoutPolicy;
import dev.rootguard.seal.LocalKeySealer;
import dev.rootguard.seal.SecretSealer;
import dev.rootguard.testsupport.DynaliteServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A fresh table per test class on the shared dynalite server (real SDK client over HTTP), and the
 * helpers to open {@link DynamoDbStores} on it: every open builds a new instance with the same
 * sealing key, so a contract's {@code reopen} sees only what the table holds.
 */
public final class DynaliteTable implements BeforeAllCallback, AfterAllCallback {
  /** Rounds per contract race: at least the 200 the issue asks for. */
  static final int ROUNDS = 200;

  private DynamoDbClient client;
  private String table;
  private URI endpoint;

  @Override
  public void beforeAll(ExtensionContext context) {
    endpoint = DynaliteServer.shared().endpoint();
    client = client(endpoint);
    table = "rootguard-test-" + UUID.randomUUID();
    DynamoDbStores.createTable(client, table);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (client != null) {
      client.close();
    }
  }

  /**
   * A client to an endpoint with test credentials and the given interceptors.
   *
   * @param endpoint the endpoint
   * @param interceptors interceptors to add
   * @return the client; the caller closes it
   */
  public static DynamoDbClient client(URI endpoint, ExecutionInterceptor... interceptors) {
    ClientOverrideConfiguration.Builder o =
        ClientOverrideConfiguration.builder().apiCallTimeout(Duration.ofSeconds(10));
    for (ExecutionInterceptor i : interceptors) {
      o.addExecutionInterceptor(i);
    }
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .overrideConfiguration(o.build())
        .build();
  }

  /**
   * The sealer every test uses.
   *
   * @return the sealer
   */
  public static SecretSealer sealer() {
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (7 + i);
    }
    return LocalKeySealer.ofKey("k1", key);
  }

  DynamoDbClient client() {
    return client;
  }

  String table() {
    return table;
  }

  URI endpoint() {
    return endpoint;
  }

  DynamoDbStores open() {
    return DynamoDbStores.builder(client, table, sealer()).build();
  }

  DynamoDbStores open(LockoutPolicy policy, Clock clock) {
    return DynamoDbStores.builder(client, table, sealer())
        .lockoutPolicy(policy)
        .clock(clock)
        .build();
  }
}
