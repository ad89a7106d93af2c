package dev.rootguard.mfa.hardware.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One element of a PSKC file as {@link PskcXmlReader} keeps it: namespace, local name, attributes,
 * child elements and its own text. Small on purpose: the reader builds one tree per top-level
 * element of the {@code KeyContainer} (one {@code KeyPackage} at a time) and drops it afterwards,
 * so memory grows with what the caller keeps, not with the file.
 *
 * <p>Matching is by namespace and local name, so {@code <evil:Secret>} is never taken for {@code
 * <pskc:Secret>}.
 *
 * <p>Not thread-safe (built by one reader, then read only).
 */
public final class PskcNode {
  /** The PSKC 1.0 namespace (RFC 6030). */
  public static final String PSKC = "urn:ietf:params:xml:ns:keyprov:pskc";

  /** XML Signature (ds:KeyName). */
  public static final String DS = "http://www.w3.org/2000/09/xmldsig#";

  /** XML Encryption 1.0 (xenc:EncryptionMethod, CipherData, CipherValue). */
  public static final String XENC = "http://www.w3.org/2001/04/xmlenc#";

  /** XML Encryption 1.1 (xenc11:DerivedKey, KeyDerivationMethod). */
  public static final String XENC11 = "http://www.w3.org/2009/xmlenc11#";

  /** PKCS #5 v2.0 (pkcs5:PBKDF2-params). */
  public static final String PKCS5 = "http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#";

  private final String namespace;
  private final String localName;
  private final Map<String, String> attributes = new LinkedHashMap<>();
  private final List<PskcNode> children = new ArrayList<>();
  private final StringBuilder text = new StringBuilder();
  private final int line;

  PskcNode(String namespace, String localName, int line) {
    this.namespace = namespace == null ? "" : namespace;
    this.localName = localName;
    this.line = line;
  }

  void attribute(String namespace, String localName, String value) {
    String key =
        namespace == null || namespace.isEmpty() ? localName : "{" + namespace + "}" + localName;
    attributes.put(key, value);
  }

  void add(PskcNode child) {
    children.add(child);
  }

  StringBuilder textBuffer() {
    return text;
  }

  /**
   * Returns the namespace URI, or {@code ""} for none.
   *
   * @return the namespace
   */
  public String namespace() {
    return namespace;
  }

  /**
   * Returns the local name.
   *
   * @return the local name
   */
  public String localName() {
    return localName;
  }

  /**
   * Returns the line of the start tag, for messages.
   *
   * @return the line number, or -1 if unknown
   */
  public int line() {
    return line;
  }

  /**
   * Returns whether this element has this namespace and local name.
   *
   * @param ns the namespace URI
   * @param name the local name
   * @return true if both match
   */
  public boolean is(String ns, String name) {
    return namespace.equals(ns) && localName.equals(name);
  }

  /**
   * Returns the first child with this namespace and local name.
   *
   * @param ns the namespace URI ({@code ""} for none)
   * @param name the local name
   * @return the child, or null
   */
  public PskcNode child(String ns, String name) {
    for (PskcNode c : children) {
      if (c.is(ns, name)) {
        return c;
      }
    }
    return null;
  }

  /**
   * Returns every child with this namespace and local name, in document order.
   *
   * @param ns the namespace URI
   * @param name the local name
   * @return the children (possibly empty)
   */
  public List<PskcNode> children(String ns, String name) {
    List<PskcNode> out = new ArrayList<>();
    for (PskcNode c : children) {
      if (c.is(ns, name)) {
        out.add(c);
      }
    }
    return out;
  }

  /**
   * Returns every child element.
   *
   * @return the children, unmodifiable
   */
  public List<PskcNode> children() {
    return Collections.unmodifiableList(children);
  }

  /**
   * Returns an unqualified attribute's value.
   *
   * @param name the attribute's local name
   * @return the value, or {@code ""} if absent (as DOM's getAttribute)
   */
  public String attribute(String name) {
    String v = attributes.get(name);
    return v == null ? "" : v;
  }

  /**
   * Returns whether an unqualified attribute is present.
   *
   * @param name the attribute's local name
   * @return true if present
   */
  public boolean hasAttribute(String name) {
    return attributes.containsKey(name);
  }

  /**
   * Returns every attribute's name: the local name when unqualified, {@code {ns}local} otherwise.
   *
   * @return the names, in document order
   */
  public List<String> attributeNames() {
    return List.copyOf(attributes.keySet());
  }

  /**
   * Returns this element's own text (not its children's), stripped.
   *
   * @return the text, possibly empty
   */
  public String text() {
    return text.toString().strip();
  }

  /** Zero-fills this element's text buffers, and its children's (best effort for secrets). */
  public void wipe() {
    for (int i = 0; i < text.length(); i++) {
      text.setCharAt(i, '\0');
    }
    text.setLength(0);
    children.forEach(PskcNode::wipe);
  }
}
