package dev.rootguard.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.fido.CeremonyRequest;
import dev.rootguard.mfa.fido.InMemorySecurityKeyStore;
import dev.rootguard.mfa.fido.RegistrationOutcome;
import dev.rootguard.mfa.fido.SecurityKeyVerifier;
import dev.rootguard.testkit.fido.SoftwareAuthenticator;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * WebAuthn JSON ({@link SecurityKeyVerifier#finishRegistration} and {@link
 * SecurityKeyVerifier#finishAuthentication}) for a pending ceremony. Each input is either any text
 * (never accepted: the challenge is random) or a genuine response from a software authenticator
 * with one member replaced, removed, or its decoded bytes or client-data member changed by the
 * fuzzer. Either way the verifier returns a result and never throws (an {@link
 * InvalidInputException} is tolerated as the library's documented refusal). It accepts an assertion
 * only when client data, authenticator data and signature are byte-for-byte the authenticator's,
 * and a registration only when the attestation object is, and the client data's type, challenge and
 * origin are the genuine ones.
 */
class WebAuthnFuzzTest {
  static final String RP_ID = "example.com";
  static final String ORIGIN = "https://example.com";
  static final Principal ALICE = Principal.of("alice");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Decoder B64 = Base64.getUrlDecoder();
  private static final Base64.Encoder B64E = Base64.getUrlEncoder().withoutPadding();

  private static final List<String> REGISTRATION_FIELDS =
      List.of(
          "id",
          "rawId",
          "type",
          "response.clientDataJSON",
          "response.attestationObject",
          "response.transports",
          "authenticatorAttachment",
          "clientExtensionResults",
          "response");
  private static final List<String> AUTHENTICATION_FIELDS =
      List.of(
          "id",
          "rawId",
          "type",
          "response.clientDataJSON",
          "response.authenticatorData",
          "response.signature",
          "response.userHandle",
          "authenticatorAttachment",
          "clientExtensionResults",
          "response");
  private static final ObjectMapper CBOR = new CBORMapper();
  private static final List<String> SIGNED_AUTHENTICATION =
      List.of("response.clientDataJSON", "response.authenticatorData", "response.signature");

  private static SecurityKeyVerifier verifier;
  private static InMemorySecurityKeyStore store;
  private static SoftwareAuthenticator key;
  private static SoftwareAuthenticator registering;

  private static synchronized void init() {
    if (verifier == null) {
      store = new InMemorySecurityKeyStore();
      verifier =
          SecurityKeyVerifier.builder(RP_ID, "Example")
              .origins(Set.of(ORIGIN))
              .clock(Clock.systemUTC())
              .credentialStore(store)
              .build();
      key = SoftwareAuthenticator.packed();
      registering = SoftwareAuthenticator.packed();
      CeremonyRequest req = verifier.startRegistration(ALICE);
      RegistrationOutcome out =
          verifier.finishRegistration(req.requestId(), key.register(req.optionsJson(), ORIGIN));
      if (!(out instanceof RegistrationOutcome.Registered)) {
        throw new IllegalStateException("set-up registration refused: " + out);
      }
    }
  }

  @FuzzTest(maxDuration = "10s")
  void finishRegistration(FuzzedDataProvider data) {
    init();
    CeremonyRequest req = verifier.startRegistration(Principal.of("bob"));
    boolean raw = data.consumeBoolean();
    String genuine = raw ? null : registering.register(req.optionsJson(), ORIGIN);
    String sent =
        raw ? data.consumeRemainingAsString() : mutate(genuine, data, REGISTRATION_FIELDS);
    long t0 = System.nanoTime();
    RegistrationOutcome out;
    try {
      out = verifier.finishRegistration(req.requestId(), sent);
    } catch (InvalidInputException e) {
      Contract.wellFormed(e);
      return;
    }
    Contract.notHung(t0, "finishRegistration");
    if (out instanceof RegistrationOutcome.Registered r) {
      if (raw) {
        throw new AssertionError("registered a response the fuzzer wrote without the challenge");
      }
      sameCheckedClientData(genuine, sent, "webauthn.create");
      registeredFromAuthenticatorData(sent, r.credential().id().value());
      store.remove(r.credential().id()); // keep bob's exclude list short
    }
  }

  @FuzzTest(maxDuration = "10s")
  void finishAuthentication(FuzzedDataProvider data) {
    init();
    CeremonyRequest req = verifier.startAuthentication(ALICE);
    boolean raw = data.consumeBoolean();
    String genuine = raw ? null : key.authenticate(req.optionsJson(), ORIGIN);
    String sent =
        raw ? data.consumeRemainingAsString() : mutate(genuine, data, AUTHENTICATION_FIELDS);
    long t0 = System.nanoTime();
    MfaResult out;
    try {
      out = verifier.finishAuthentication(req.requestId(), sent);
    } catch (InvalidInputException e) {
      Contract.wellFormed(e);
      return;
    }
    Contract.notHung(t0, "finishAuthentication");
    if (out.isAccepted()) {
      if (raw) {
        throw new AssertionError("accepted an assertion the fuzzer wrote without the challenge");
      }
      sameSignedParts(genuine, sent, SIGNED_AUTHENTICATION, "assertion");
    }
  }

  /** Replaces, removes or alters one member of a genuine response, as the fuzzer chooses. */
  static String mutate(String genuine, FuzzedDataProvider data, List<String> fields) {
    ObjectNode root;
    try {
      root = (ObjectNode) JSON.readTree(genuine);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    String path = data.pickValue(fields);
    ObjectNode parent = path.startsWith("response.") ? (ObjectNode) root.get("response") : root;
    String name = path.substring(path.indexOf('.') + 1);
    JsonNode old = parent.get(name);
    switch (data.consumeInt(0, 5)) {
      case 0 -> parent.remove(name);
      case 1 -> parent.put(name, data.consumeString(200));
      case 2 -> parent.put(name, B64E.encodeToString(data.consumeBytes(400)));
      case 3 -> {
        // change some decoded bytes of a base64url member
        byte[] b = old != null && old.isTextual() ? decode(old.asText()) : null;
        if (b == null || b.length == 0) {
          parent.put(name, data.consumeString(100));
        } else {
          int at = data.consumeInt(0, b.length - 1);
          byte[] patch = data.consumeBytes(16);
          byte[] out = Arrays.copyOf(b, Math.max(b.length, at + patch.length));
          System.arraycopy(patch, 0, out, at, patch.length);
          if (data.consumeBoolean()) {
            out = Arrays.copyOf(out, data.consumeInt(0, out.length));
          }
          parent.put(name, B64E.encodeToString(out));
        }
      }
      case 4 -> {
        // change one member of the decoded client data
        ObjectNode cd;
        try {
          cd =
              (ObjectNode)
                  JSON.readTree(decode(root.get("response").get("clientDataJSON").asText()));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        String member =
            data.pickValue(List.of("type", "challenge", "origin", "crossOrigin", "topOrigin"));
        if (data.consumeBoolean()) {
          cd.remove(member);
        } else {
          cd.put(member, data.consumeString(120));
        }
        ((ObjectNode) root.get("response"))
            .put(
                "clientDataJSON",
                B64E.encodeToString(cd.toString().getBytes(StandardCharsets.UTF_8)));
      }
      default -> {
        switch (data.consumeInt(0, 3)) {
          case 0 -> parent.putNull(name);
          case 1 -> parent.put(name, data.consumeLong());
          case 2 -> parent.putArray(name).add(data.consumeString(40));
          default -> parent.putObject(name).put(data.consumeString(20), data.consumeString(40));
        }
      }
    }
    return root.toString();
  }

  /** Fails unless each signed member decodes to the genuine response's bytes. */
  static void sameSignedParts(String genuine, String sent, List<String> paths, String what) {
    try {
      JsonNode g = JSON.readTree(genuine);
      JsonNode s = JSON.readTree(sent);
      for (String p : paths) {
        String name = p.substring(p.indexOf('.') + 1);
        byte[] a = decode(g.get("response").get(name).asText());
        byte[] b = decode(s.get("response").get(name).asText());
        if (b == null || !Arrays.equals(a, b)) {
          throw new AssertionError("accepted a " + what + " whose " + p + " was altered");
        }
      }
    } catch (AssertionError e) {
      throw e;
    } catch (Exception e) {
      throw new AssertionError("accepted a " + what + " that is not a JSON response", e);
    }
  }

  /**
   * Under "none" attestation nothing in the attestation object is signed, so the client may change
   * aaguid, counter, credential id or key; what the relying party must still check (WebAuthn L3
   * §7.1 steps 13-16) is checked here with Jackson's CBOR reader: the RP id hash is SHA-256 of
   * ours, user present and attested credential data flags are set, and the stored credential id is
   * the one in the authenticator data.
   */
  static void registeredFromAuthenticatorData(String sent, String registeredId) {
    byte[] authData;
    try {
      byte[] att = decode(JSON.readTree(sent).get("response").get("attestationObject").asText());
      authData = CBOR.readTree(att).get("authData").binaryValue();
    } catch (Exception e) {
      throw new AssertionError(
          "registered an attestation object that is not CBOR with authData", e);
    }
    byte[] ourHash;
    try {
      ourHash =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(RP_ID.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    if (authData.length < 55 || !Arrays.equals(Arrays.copyOf(authData, 32), ourHash)) {
      throw new AssertionError("registered authenticator data for another RP id (or too short)");
    }
    int flags = authData[32] & 0xff;
    if ((flags & 0x01) == 0 || (flags & 0x40) == 0) {
      throw new AssertionError("registered without user presence or attested credential data");
    }
    int idLength = (authData[53] & 0xff) << 8 | (authData[54] & 0xff);
    if (55 + idLength > authData.length) {
      throw new AssertionError("registered a credential id longer than the authenticator data");
    }
    String id = B64E.encodeToString(Arrays.copyOfRange(authData, 55, 55 + idLength));
    if (!id.equals(registeredId)) {
      throw new AssertionError("stored credential id differs from the authenticator data's");
    }
  }

  /**
   * Registration client data is not signed under "none" attestation, so only what the relying party
   * must check is compared: type, challenge, origin, and crossOrigin not true (WebAuthn L3 §7.1
   * steps 7-10). Other members (such as topOrigin when not cross-origin) may change.
   */
  static void sameCheckedClientData(String genuine, String sent, String type) {
    try {
      JsonNode g =
          JSON.readTree(
              decode(JSON.readTree(genuine).get("response").get("clientDataJSON").asText()));
      JsonNode s =
          JSON.readTree(decode(JSON.readTree(sent).get("response").get("clientDataJSON").asText()));
      boolean ok =
          type.equals(s.path("type").textValue())
              && Arrays.equals(
                  decode(g.get("challenge").asText()), decode(s.path("challenge").asText("")))
              && ORIGIN.equals(s.path("origin").textValue())
              && !s.path("crossOrigin").booleanValue();
      if (!ok) {
        throw new AssertionError("accepted client data with a wrong type, challenge or origin");
      }
    } catch (AssertionError e) {
      throw e;
    } catch (Exception e) {
      throw new AssertionError("accepted client data that is not JSON", e);
    }
  }

  private static byte[] decode(String b64url) {
    try {
      return B64.decode(b64url.replace('+', '-').replace('/', '_').replace("=", ""));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
