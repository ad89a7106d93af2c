package dev.rootguard.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.account.AccountClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * A local HTTP server on 127.0.0.1 that speaks enough of the IAM and STS Query protocols, the
 * Organizations and KMS JSON 1.1 protocols ({@link FakeKms}) and the Account REST-JSON protocol for
 * the real SDK clients, with scripted accounts, failures and latency. Started and stopped by tests
 * (and the benchmark).
 *
 * <p>Credentials select the account: {@link #MANAGEMENT_KEY} is the management account; keys issued
 * by {@code AssumeRole} / {@code AssumeRoot} are {@code ASIA<account>ROLE} / {@code
 * ASIA<account>ROOT}.
 *
 * <p>Thread-safe.
 */
public final class LocalAwsEndpoint implements AutoCloseable {
  /** Access key id of the management account's caller. */
  public static final String MANAGEMENT_KEY = "AKIAMANAGEMENT000000";

  private static final Pattern CREDENTIAL =
      Pattern.compile("Credential=([^/]+)/[^/]+/([^/]+)/([^/]+)/aws4_request");
  private static final Pattern SESSION_KEY = Pattern.compile("ASIA([0-9]{12})(ROLE|ROOT)");

  /** One recorded call. */
  public record Call(String action, String accessKeyId, String accountId, boolean rootSession) {}

  /** A scripted failure. */
  private record Failure(int status, String code) {}

  /** A root access key in a fake account. */
  public record Key(String id, boolean active, String lastUsed) {}

  /** A virtual MFA device in a fake account. */
  public record VirtualDevice(String serial, String userArn) {}

  /** One fake account; tests mutate it before calling. */
  public static final class FakeAccount {
    public final String id;
    public volatile String name;
    public volatile String email;
    public volatile String status = "ACTIVE";
    public volatile boolean mfaEnabled = true;

    /** The report's password_enabled cell: true, false or not_supported. */
    public volatile String passwordEnabledCell = "true";

    public volatile boolean passwordPresent = true;
    public volatile String passwordLastUsed = "2024-01-02T03:04:05+00:00";
    public final List<Key> keys = Collections.synchronizedList(new ArrayList<>());
    public final List<String> certificates = Collections.synchronizedList(new ArrayList<>());
    public final List<VirtualDevice> virtualDevices =
        Collections.synchronizedList(new ArrayList<>());

    /** The credential report GetCredentialReport returns as is; null builds one from the fields. */
    public volatile String reportCsv;

    /** The SummaryMap GetAccountSummary returns as is; null derives one from the fields. */
    public volatile Map<String, Integer> summaryOverride;

    /** Devices ListMFADevices returns in a root session. */
    public final List<String> mfaSerials = Collections.synchronizedList(new ArrayList<>());

    /** Wire fields of the password policy; null means NoSuchEntity. */
    public volatile Map<String, String> passwordPolicy = cisPolicy();

    /** Enabled organization features, or an error code. */
    public volatile List<String> orgFeatures = List.of("RootCredentialsManagement");

    public volatile String orgFeaturesError;

    /** Generate returns STARTED/INPROGRESS this many times before COMPLETE. */
    public final AtomicInteger reportPendingPolls = new AtomicInteger();

    /** Get returns ReportInProgress this many times. */
    public final AtomicInteger reportInProgressGets = new AtomicInteger();

    public final AtomicInteger generateCalls = new AtomicInteger();

    FakeAccount(String id) {
      this.id = id;
      this.name = "account-" + id;
      this.email = "root+" + id + "@example.com";
      mfaSerials.add("arn:aws:iam::" + id + ":u2f/root/Key-ABCDEFGHIJKLMNOP");
    }

    /** Makes the account non-compliant in every way the collector sees. */
    public FakeAccount neglect() {
      mfaEnabled = false;
      keys.add(new Key("AKIAROOTKEY" + id.substring(0, 9), true, "2026-11-27T10:00:00+00:00"));
      passwordPolicy = null;
      mfaSerials.clear();
      return this;
    }

    static Map<String, String> cisPolicy() {
      Map<String, String> p = new LinkedHashMap<>();
      p.put("MinimumPasswordLength", "14");
      p.put("RequireSymbols", "true");
      p.put("RequireNumbers", "true");
      p.put("RequireUppercaseCharacters", "true");
      p.put("RequireLowercaseCharacters", "true");
      p.put("AllowUsersToChangePassword", "true");
      p.put("ExpirePasswords", "true");
      p.put("MaxPasswordAge", "90");
      p.put("PasswordReusePrevention", "24");
      p.put("HardExpiry", "false");
      return p;
    }

    String rootArn() {
      return "arn:aws:iam::" + id + ":root";
    }

    String csv() {
      StringBuilder sb = new StringBuilder();
      sb.append(
          "user,arn,user_creation_time,password_enabled,password_last_used,"
              + "password_last_changed,password_next_rotation,mfa_active,access_key_1_active,"
              + "access_key_1_last_rotated,access_key_1_last_used_date,"
              + "access_key_1_last_used_region,access_key_1_last_used_service,"
              + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,"
              + "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,"
              + "cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n");
      sb.append("<root_account>,")
          .append(rootArn())
          .append(",2019-05-05T12:00:00+00:00,")
          .append(passwordEnabledCell)
          .append(',')
          .append(passwordLastUsed)
          .append(",not_supported,not_supported,")
          .append(mfaEnabled);
      List<Key> k = List.copyOf(keys);
      for (int i = 0; i < 2; i++) {
        if (i < k.size() && k.get(i).active()) {
          String used = k.get(i).lastUsed() == null ? "N/A" : k.get(i).lastUsed();
          sb.append(",true,2024-01-01T00:00:00+00:00,").append(used).append(",us-east-1,iam");
        } else {
          sb.append(",false,N/A,N/A,N/A,N/A");
        }
      }
      List<String> c = List.copyOf(certificates);
      sb.append(c.size() > 0 ? ",true,2024-01-01T00:00:00+00:00" : ",false,N/A");
      sb.append(c.size() > 1 ? ",true,2024-01-01T00:00:00+00:00" : ",false,N/A");
      sb.append('\n');
      sb.append(
          "alice,arn:aws:iam::"
              + id
              + ":user/alice,2020-01-01T00:00:00+00:00,true,no_information,"
              + "2020-01-01T00:00:00+00:00,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,"
              + "false,N/A,false,N/A\n");
      return sb.toString();
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final String managementId;
  private final Map<String, FakeAccount> accounts = new ConcurrentHashMap<>();
  private final Set<String> failAssumeRole = ConcurrentHashMap.newKeySet();
  private final Set<String> denied = ConcurrentHashMap.newKeySet();
  private final Map<String, Deque<Failure>> scripted = new ConcurrentHashMap<>();
  private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private volatile boolean recordCalls = true;
  private volatile long latencyMillis;
  private volatile int pageSize = 20;
  private SdkHttpClient http;
  private final FakeKms kms;

  static {
    // small request/response pairs otherwise wait ~40 ms for delayed ACKs (Nagle)
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private LocalAwsEndpoint(String managementId) throws IOException {
    this.managementId = managementId;
    account(managementId);
    kms = new FakeKms(managementId);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "local-aws");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * Starts an endpoint on a free loopback port.
   *
   * @param managementAccountId the caller's (management) account
   * @return the running endpoint
   */
  public static LocalAwsEndpoint start(String managementAccountId) {
    try {
      return new LocalAwsEndpoint(managementAccountId);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public String managementId() {
    return managementId;
  }

  public FakeAccount account(String id) {
    return accounts.computeIfAbsent(id, FakeAccount::new);
  }

  public FakeAccount management() {
    return account(managementId);
  }

  /** Adds latency to every call. */
  public void latency(Duration d) {
    latencyMillis = d.toMillis();
  }

  public void pageSize(int n) {
    pageSize = n;
  }

  public void recordCalls(boolean on) {
    recordCalls = on;
  }

  public void failAssumeRole(String accountId) {
    failAssumeRole.add(accountId);
  }

  /** Every call of {@code action} (e.g. {@code iam:ListVirtualMFADevices}) is AccessDenied. */
  public void deny(String action) {
    denied.add(action);
  }

  public void undeny(String action) {
    denied.remove(action);
  }

  /** The next {@code times} calls of {@code action} fail with the status and code. */
  public void failNext(String action, int status, String code, int times) {
    Deque<Failure> q = scripted.computeIfAbsent(action, a -> new ArrayDeque<>());
    synchronized (q) {
      for (int i = 0; i < times; i++) {
        q.add(new Failure(status, code));
      }
    }
  }

  public List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  public long count(String action) {
    return calls().stream().filter(c -> c.action().equals(action)).count();
  }

  public void clearCalls() {
    calls.clear();
  }

  public int maxInFlight() {
    return maxInFlight.get();
  }

  // ------------------------------------------------------------------ clients

  /** Standard retries without waiting, so throttling tests are fast. */
  public static RetryStrategy fastRetry() {
    return AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .backoffStrategy(BackoffStrategy.retryImmediately())
        .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
        .circuitBreakerEnabled(false)
        .build();
  }

  public static AwsCredentialsProvider managementCredentials() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(MANAGEMENT_KEY, "management-secret"));
  }

  public synchronized SdkHttpClient http() {
    if (http == null) {
      http = ApacheHttpClient.builder().maxConnections(128).build();
    }
    return http;
  }

  private ClientOverrideConfiguration overrides() {
    return ClientOverrideConfiguration.builder().retryStrategy(fastRetry()).build();
  }

  public IamClient iam() {
    return iam(managementCredentials());
  }

  public IamClient iam(AwsCredentialsProvider creds) {
    return IamClient.builder()
        .endpointOverride(uri())
        .region(Region.US_EAST_1)
        .credentialsProvider(creds)
        .httpClient(http())
        .overrideConfiguration(overrides())
        .build();
  }

  public StsClient sts() {
    return StsClient.builder()
        .endpointOverride(uri())
        .region(Region.US_EAST_1)
        .credentialsProvider(managementCredentials())
        .httpClient(http())
        .overrideConfiguration(overrides())
        .build();
  }

  public OrganizationsClient organizations() {
    return OrganizationsClient.builder()
        .endpointOverride(uri())
        .region(Region.US_EAST_1)
        .credentialsProvider(managementCredentials())
        .httpClient(http())
        .overrideConfiguration(overrides())
        .build();
  }

  /** The fake KMS behind {@link #kmsClient()}. */
  public FakeKms kms() {
    return kms;
  }

  public KmsClient kmsClient() {
    return KmsClient.builder()
        .endpointOverride(uri())
        .region(Region.US_EAST_1)
        .credentialsProvider(managementCredentials())
        .httpClient(http())
        .overrideConfiguration(overrides())
        .build();
  }

  public AccountClient accountClient() {
    return AccountClient.builder()
        .endpointOverride(uri())
        .region(Region.US_EAST_1)
        .credentialsProvider(managementCredentials())
        .httpClient(http())
        .overrideConfiguration(overrides())
        .build();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    synchronized (this) {
      if (http != null) {
        http.close();
      }
    }
  }

  // ------------------------------------------------------------------ dispatch

  private void handle(HttpExchange ex) throws IOException {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    try {
      if (latencyMillis > 0) {
        Thread.sleep(latencyMillis);
      }
      byte[] body = ex.getRequestBody().readAllBytes();
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      Matcher m = CREDENTIAL.matcher(auth == null ? "" : auth);
      String key = m.find() ? m.group(1) : "";
      String service = m.groupCount() >= 3 && !key.isEmpty() ? m.group(3) : "";
      String account = managementId;
      boolean rootSession = false;
      Matcher sk = SESSION_KEY.matcher(key);
      if (sk.matches()) {
        account = sk.group(1);
        rootSession = sk.group(2).equals("ROOT");
      }
      String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
      String path = ex.getRequestURI().getPath();
      Map<String, String> form = new HashMap<>();
      String action;
      if (target != null) {
        String prefix = target.startsWith("TrentService.") ? "kms:" : "organizations:";
        action = prefix + target.substring(target.indexOf('.') + 1);
      } else if (path.equals("/getAccountInformation")) {
        action = "account:GetAccountInformation";
      } else {
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
          int eq = pair.indexOf('=');
          if (eq > 0) {
            form.put(
                URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
          }
        }
        action = service + ":" + form.getOrDefault("Action", "?");
      }
      if (recordCalls) {
        calls.add(new Call(action, key, account, rootSession));
      }
      boolean json = target != null || action.startsWith("account:");
      if (denied.contains(action)) {
        error(
            ex,
            json,
            403,
            json ? "AccessDeniedException" : "AccessDenied",
            "User is not authorized to perform: " + action);
        return;
      }
      Deque<Failure> q = scripted.get(action);
      if (q != null) {
        Failure f;
        synchronized (q) {
          f = q.poll();
        }
        if (f != null) {
          error(ex, json, f.status(), f.code(), "scripted failure");
          return;
        }
      }
      FakeAccount acct = account(account);
      if (action.startsWith("kms:")) {
        FakeKms.Reply r = kms.handle(action, body);
        if (r.errorCode() != null) {
          error(ex, true, r.status(), r.errorCode(), r.body() == null ? "" : r.body());
        } else {
          send(ex, r.status(), "application/x-amz-json-1.1", r.body());
        }
      } else if (target != null) {
        organizations(ex, action, new String(body, StandardCharsets.UTF_8));
      } else if (action.equals("account:GetAccountInformation")) {
        send(
            ex,
            200,
            "application/json",
            "{\"AccountId\":\"" + acct.id + "\",\"AccountName\":\"" + acct.name + "\"}");
      } else if (action.startsWith("sts:")) {
        sts(ex, action.substring(4), form, acct);
      } else {
        iam(ex, action.substring(4), form, acct);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      error(ex, false, 500, "ServiceFailure", "stub bug: " + e);
    } finally {
      inFlight.decrementAndGet();
      ex.close();
    }
  }

  private static void send(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  private static void error(HttpExchange ex, boolean json, int status, String code, String msg)
      throws IOException {
    if (json) {
      ex.getResponseHeaders().set("x-amzn-ErrorType", code);
      send(
          ex,
          status,
          "application/x-amz-json-1.1",
          "{\"__type\":\"" + code + "\",\"message\":\"" + msg + "\"}");
    } else {
      send(
          ex,
          status,
          "text/xml",
          "<ErrorResponse><Error><Type>Sender</Type><Code>"
              + code
              + "</Code><Message>"
              + esc(msg)
              + "</Message></Error><RequestId>req-err</RequestId></ErrorResponse>");
    }
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static void ok(HttpExchange ex, String ns, String action, String result)
      throws IOException {
    String body =
        "<"
            + action
            + "Response xmlns=\""
            + ns
            + "\">"
            + (result == null ? "" : "<" + action + "Result>" + result + "</" + action + "Result>")
            + "<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></"
            + action
            + "Response>";
    send(ex, 200, "text/xml", body);
  }

  private static final String IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";
  private static final String STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";

  private void sts(HttpExchange ex, String action, Map<String, String> form, FakeAccount acct)
      throws IOException {
    switch (action) {
      case "GetCallerIdentity" ->
          ok(
              ex,
              STS_NS,
              action,
              "<Arn>arn:aws:iam::"
                  + acct.id
                  + ":user/auditor</Arn><UserId>AIDAEXAMPLE</UserId>"
                  + "<Account>"
                  + acct.id
                  + "</Account>");
      case "AssumeRole" -> {
        String arn = form.getOrDefault("RoleArn", "");
        String target = arn.replaceAll("arn:aws:iam::([0-9]{12}):role/.*", "$1");
        if (failAssumeRole.contains(target) || !target.matches("[0-9]{12}")) {
          error(
              ex, false, 403, "AccessDenied", "not authorized to perform sts:AssumeRole on " + arn);
          return;
        }
        ok(
            ex,
            STS_NS,
            action,
            credentials("ASIA" + target + "ROLE")
                + "<AssumedRoleUser><AssumedRoleId>AROAEXAMPLE:rootguard</AssumedRoleId><Arn>arn:aws:sts::"
                + target
                + ":assumed-role/r/rootguard</Arn></AssumedRoleUser>");
      }
      case "AssumeRoot" -> {
        String target = form.getOrDefault("TargetPrincipal", "");
        if (failAssumeRole.contains(target) || !target.matches("[0-9]{12}")) {
          error(ex, false, 403, "AccessDenied", "not authorized to perform sts:AssumeRoot");
          return;
        }
        ok(ex, STS_NS, action, credentials("ASIA" + target + "ROOT"));
      }
      default -> error(ex, false, 400, "InvalidAction", action);
    }
  }

  private static String credentials(String key) {
    return "<Credentials><AccessKeyId>"
        + key
        + "</AccessKeyId><SecretAccessKey>secret-"
        + key
        + "</SecretAccessKey><SessionToken>token-"
        + key
        + "</SessionToken>"
        + "<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>";
  }

  private void iam(HttpExchange ex, String action, Map<String, String> form, FakeAccount a)
      throws IOException {
    switch (action) {
      case "GetAccountSummary" -> {
        StringBuilder sb = new StringBuilder("<SummaryMap>");
        Map<String, Integer> given = a.summaryOverride;
        if (given != null) {
          given.forEach((k, v) -> entry(sb, k, v));
          ok(ex, IAM_NS, action, sb.append("</SummaryMap>").toString());
          return;
        }
        entry(sb, "AccountMFAEnabled", a.mfaEnabled ? 1 : 0);
        entry(sb, "AccountAccessKeysPresent", a.keys.isEmpty() ? 0 : 1);
        entry(sb, "AccountPasswordPresent", a.passwordPresent ? 1 : 0);
        entry(sb, "AccountSigningCertificatesPresent", a.certificates.isEmpty() ? 0 : 1);
        entry(sb, "Users", 1);
        entry(sb, "SomeFutureKey", 7);
        ok(ex, IAM_NS, action, sb.append("</SummaryMap>").toString());
      }
      case "GenerateCredentialReport" -> {
        int n = a.generateCalls.incrementAndGet();
        String state;
        if (a.reportPendingPolls.get() > 0) {
          a.reportPendingPolls.decrementAndGet();
          state = n == 1 ? "STARTED" : "INPROGRESS";
        } else {
          state = "COMPLETE";
        }
        ok(ex, IAM_NS, action, "<State>" + state + "</State><Description>stub</Description>");
      }
      case "GetCredentialReport" -> {
        if (a.reportInProgressGets.get() > 0) {
          a.reportInProgressGets.decrementAndGet();
          error(ex, false, 404, "ReportInProgress", "Report is being generated");
          return;
        }
        String csv = a.reportCsv != null ? a.reportCsv : a.csv();
        String b64 = Base64.getEncoder().encodeToString(csv.getBytes(StandardCharsets.UTF_8));
        ok(
            ex,
            IAM_NS,
            action,
            "<Content>"
                + b64
                + "</Content><ReportFormat>text/csv</ReportFormat>"
                + "<GeneratedTime>2026-11-28T00:00:00Z</GeneratedTime>");
      }
      case "ListVirtualMFADevices" -> {
        List<VirtualDevice> all = List.copyOf(a.virtualDevices);
        int from = form.containsKey("Marker") ? Integer.parseInt(form.get("Marker")) : 0;
        int to = Math.min(all.size(), from + 2); // tiny pages to exercise pagination
        StringBuilder sb = new StringBuilder();
        sb.append("<IsTruncated>").append(to < all.size()).append("</IsTruncated>");
        if (to < all.size()) {
          sb.append("<Marker>").append(to).append("</Marker>");
        }
        sb.append("<VirtualMFADevices>");
        for (VirtualDevice d : all.subList(from, to)) {
          sb.append("<member><SerialNumber>").append(d.serial()).append("</SerialNumber>");
          if (d.userArn() != null) {
            sb.append("<EnableDate>2023-09-01T10:20:30Z</EnableDate><User><UserId>")
                .append(a.id)
                .append("</UserId><Arn>")
                .append(d.userArn())
                .append("</Arn><CreateDate>2019-05-05T12:00:00Z</CreateDate></User>");
          }
          sb.append("</member>");
        }
        ok(ex, IAM_NS, action, sb.append("</VirtualMFADevices>").toString());
      }
      case "GetAccountPasswordPolicy" -> {
        Map<String, String> p = a.passwordPolicy;
        if (p == null) {
          error(
              ex,
              false,
              404,
              "NoSuchEntity",
              "The Password Policy with domain name " + a.id + " cannot be found.");
          return;
        }
        StringBuilder sb = new StringBuilder("<PasswordPolicy>");
        p.forEach(
            (k, v) ->
                sb.append('<').append(k).append('>').append(v).append("</").append(k).append('>'));
        ok(ex, IAM_NS, action, sb.append("</PasswordPolicy>").toString());
      }
      case "ListOrganizationsFeatures" -> {
        if (a.orgFeaturesError != null) {
          error(ex, false, 400, a.orgFeaturesError, "stub");
          return;
        }
        StringBuilder sb = new StringBuilder("<OrganizationId>o-aa111bb222</OrganizationId>");
        sb.append("<EnabledFeatures>");
        a.orgFeatures.forEach(f -> sb.append("<member>").append(f).append("</member>"));
        ok(ex, IAM_NS, action, sb.append("</EnabledFeatures>").toString());
      }
      case "GetUser" ->
          ok(
              ex,
              IAM_NS,
              action,
              "<User><UserId>"
                  + a.id
                  + "</UserId><Arn>"
                  + a.rootArn()
                  + "</Arn><CreateDate>2019-05-05T12:00:00Z</CreateDate>"
                  + (a.passwordLastUsed.startsWith("20")
                      ? "<PasswordLastUsed>"
                          + a.passwordLastUsed.replace("+00:00", "Z")
                          + "</PasswordLastUsed>"
                      : "")
                  + "</User>");
      case "GetLoginProfile" -> {
        if (!a.passwordPresent) {
          error(ex, false, 404, "NoSuchEntity", "Login Profile for root cannot be found.");
          return;
        }
        ok(
            ex,
            IAM_NS,
            action,
            "<LoginProfile><CreateDate>2024-02-03T04:05:06Z</CreateDate>"
                + "<PasswordResetRequired>false</PasswordResetRequired></LoginProfile>");
      }
      case "ListMFADevices" -> {
        StringBuilder sb = new StringBuilder("<IsTruncated>false</IsTruncated><MFADevices>");
        for (String s : List.copyOf(a.mfaSerials)) {
          sb.append("<member><SerialNumber>")
              .append(s)
              .append("</SerialNumber><EnableDate>2024-06-01T00:00:00Z</EnableDate></member>");
        }
        ok(ex, IAM_NS, action, sb.append("</MFADevices>").toString());
      }
      case "ListAccessKeys" -> {
        StringBuilder sb = new StringBuilder("<IsTruncated>false</IsTruncated><AccessKeyMetadata>");
        for (Key k : List.copyOf(a.keys)) {
          sb.append("<member><AccessKeyId>")
              .append(k.id())
              .append("</AccessKeyId><Status>")
              .append(k.active() ? "Active" : "Inactive")
              .append("</Status><CreateDate>2024-01-01T00:00:00Z</CreateDate></member>");
        }
        ok(ex, IAM_NS, action, sb.append("</AccessKeyMetadata>").toString());
      }
      case "GetAccessKeyLastUsed" -> {
        String id = form.get("AccessKeyId");
        Key k = a.keys.stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
        if (k == null) {
          error(ex, false, 404, "NoSuchEntity", "no such key");
          return;
        }
        ok(
            ex,
            IAM_NS,
            action,
            "<AccessKeyLastUsed>"
                + (k.lastUsed() == null
                    ? ""
                    : "<LastUsedDate>" + k.lastUsed().replace("+00:00", "Z") + "</LastUsedDate>")
                + "<ServiceName>iam</ServiceName><Region>us-east-1</Region></AccessKeyLastUsed>");
      }
      case "ListSigningCertificates" -> {
        StringBuilder sb = new StringBuilder("<IsTruncated>false</IsTruncated><Certificates>");
        for (String c : List.copyOf(a.certificates)) {
          sb.append("<member><CertificateId>")
              .append(c)
              .append(
                  "</CertificateId><CertificateBody>-----BEGIN CERTIFICATE-----</CertificateBody>")
              .append(
                  "<Status>Active</Status><UploadDate>2024-01-01T00:00:00Z</UploadDate></member>");
        }
        ok(ex, IAM_NS, action, sb.append("</Certificates>").toString());
      }
      case "DeleteAccessKey" -> {
        String id = form.get("AccessKeyId");
        a.keys.removeIf(k -> k.id().equals(id));
        ok(ex, IAM_NS, action, null);
      }
      case "DeleteSigningCertificate" -> {
        a.certificates.remove(form.get("CertificateId"));
        ok(ex, IAM_NS, action, null);
      }
      case "DeleteLoginProfile" -> {
        a.passwordPresent = false;
        a.passwordEnabledCell = "false";
        ok(ex, IAM_NS, action, null);
      }
      default -> error(ex, false, 400, "InvalidAction", action);
    }
  }

  private static void entry(StringBuilder sb, String key, int value) {
    sb.append("<entry><key>")
        .append(key)
        .append("</key><value>")
        .append(value)
        .append("</value></entry>");
  }

  private void organizations(HttpExchange ex, String action, String body) throws IOException {
    switch (action) {
      case "organizations:ListAccounts" -> {
        List<FakeAccount> all = new ArrayList<>(accounts.values());
        all.sort((x, y) -> x.id.compareTo(y.id));
        Matcher t = Pattern.compile("\"NextToken\"\\s*:\\s*\"(\\d+)\"").matcher(body);
        int from = t.find() ? Integer.parseInt(t.group(1)) : 0;
        int to = Math.min(all.size(), from + pageSize);
        StringBuilder sb = new StringBuilder("{\"Accounts\":[");
        for (int i = from; i < to; i++) {
          FakeAccount a = all.get(i);
          if (i > from) {
            sb.append(',');
          }
          sb.append("{\"Id\":\"")
              .append(a.id)
              .append("\",\"Arn\":\"arn:aws:organizations::")
              .append(managementId)
              .append(":account/o-aa111bb222/")
              .append(a.id)
              .append("\",\"Email\":\"")
              .append(a.email)
              .append("\",\"Name\":\"")
              .append(a.name)
              .append("\",\"Status\":\"")
              .append(a.status)
              .append("\"}");
        }
        sb.append(']');
        if (to < all.size()) {
          sb.append(",\"NextToken\":\"").append(to).append('"');
        }
        send(ex, 200, "application/x-amz-json-1.1", sb.append('}').toString());
      }
      case "organizations:DescribeOrganization" ->
          send(
              ex,
              200,
              "application/x-amz-json-1.1",
              "{\"Organization\":{\"Id\":\"o-aa111bb222\",\"MasterAccountId\":\""
                  + managementId
                  + "\",\"FeatureSet\":\"ALL\"}}");
      default -> error(ex, true, 400, "InvalidInputException", action);
    }
  }
}
