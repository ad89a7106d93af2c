package dev.rootguard.mfa.hardware.internal;

import dev.rootguard.InvalidInputException;
import dev.rootguard.RootGuardException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A bounded, streaming reader of a PSKC file: StAX underneath, one {@link PskcNode} tree per
 * top-level child of {@code KeyContainer} (one {@code KeyPackage} at a time), so memory grows with
 * what the caller keeps, never with the file, and no recursion follows the input's nesting.
 *
 * <p>Limits, each refused with an {@link InvalidInputException} naming it (never an {@link Error}):
 * the file's size; the element depth (so 50,000 nested elements are refused at the first level past
 * the limit); the number of elements in one top-level child; the length of one element's text; the
 * length of one run of bytes without a {@code '<'} (one tag or one text node), which bounds what
 * the XML parser itself buffers for a single huge attribute or text. Document type declarations are
 * refused, so neither external entities nor entity expansion can happen; no external resource is
 * ever fetched.
 *
 * <p>Not thread-safe: one instance reads one file.
 */
public final class PskcXmlReader {
  private final Bounded input;
  private final XMLStreamReader xml;
  private final int maxDepth;
  private final int maxElementsPerChild;
  private final int maxText;
  private final Deque<String> path = new ArrayDeque<>();
  private boolean rootEnded;

  /**
   * Opens the stream; reads nothing yet.
   *
   * @param in the file's bytes; not closed
   * @param maxBytes the largest accepted file
   * @param maxRun the longest accepted run of bytes without {@code '<'}
   * @param maxDepth the deepest accepted element nesting (the root is depth 1)
   * @param maxElementsPerChild the most elements in one top-level child, itself included
   * @param maxText the longest accepted text of one element, in chars
   */
  public PskcXmlReader(
      InputStream in,
      long maxBytes,
      long maxRun,
      int maxDepth,
      int maxElementsPerChild,
      int maxText) {
    this.input = new Bounded(in, maxBytes, maxRun);
    this.maxDepth = maxDepth;
    this.maxElementsPerChild = maxElementsPerChild;
    this.maxText = maxText;
    try {
      this.xml = factory().createXMLStreamReader(input);
    } catch (XMLStreamException e) {
      throw translate(e);
    } catch (RootGuardException e) {
      throw e;
    } catch (RuntimeException e) {
      throw parserFailure(e);
    }
  }

  static XMLInputFactory factory() {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_VALIDATING, false);
    // Not coalescing: long text arrives in chunks, which the text limit checks one by one.
    f.setProperty(XMLInputFactory.IS_COALESCING, false);
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setXMLResolver(
        (publicId, systemId, baseUri, ns) -> {
          throw new XMLStreamException("external resources are not allowed");
        });
    return f;
  }

  /**
   * Reads up to the root element's start tag.
   *
   * @return the root, with its attributes and no children
   * @throws InvalidInputException if the file is not XML, has a DOCTYPE, or is too large
   */
  public PskcNode root() {
    try {
      while (xml.hasNext()) {
        int ev = xml.next();
        if (ev == XMLStreamConstants.DTD) {
          throw doctype();
        }
        if (ev == XMLStreamConstants.START_ELEMENT) {
          PskcNode root = start();
          path.push(root.localName());
          return root;
        }
      }
      throw new InvalidInputException("KeyContainer", "not XML: no root element");
    } catch (XMLStreamException e) {
      throw translate(e);
    } catch (RootGuardException e) {
      throw e;
    } catch (RuntimeException e) {
      throw parserFailure(e);
    }
  }

  /**
   * Reads the next child element of the root, whole, or returns null once the root has ended (and
   * the rest of the file has been checked to be well-formed).
   *
   * @return the child's tree, or null at the end
   * @throws InvalidInputException if a limit is exceeded or the XML is not well-formed
   */
  public PskcNode next() {
    if (rootEnded) {
      return null;
    }
    try {
      while (xml.hasNext()) {
        int ev = xml.next();
        switch (ev) {
          case XMLStreamConstants.START_ELEMENT:
            return subtree();
          case XMLStreamConstants.END_ELEMENT:
            rootEnded = true;
            path.pop();
            while (xml.hasNext()) {
              if (xml.next() == XMLStreamConstants.DTD) {
                throw doctype();
              }
            }
            return null;
          case XMLStreamConstants.DTD:
            throw doctype();
          default:
            // Text, whitespace, comments and processing instructions between children.
            break;
        }
      }
      throw new InvalidInputException("KeyContainer", "not well-formed XML: the file ends early");
    } catch (XMLStreamException e) {
      throw translate(e);
    } catch (RootGuardException e) {
      throw e;
    } catch (RuntimeException e) {
      throw parserFailure(e);
    }
  }

  private PskcNode subtree() throws XMLStreamException {
    Deque<PskcNode> open = new ArrayDeque<>();
    PskcNode top = start();
    push(top, open);
    int elements = 1;
    while (xml.hasNext()) {
      int ev = xml.next();
      switch (ev) {
        case XMLStreamConstants.START_ELEMENT:
          elements++;
          if (elements > maxElementsPerChild) {
            throw new InvalidInputException(
                pathString(),
                "more than the limit of "
                    + maxElementsPerChild
                    + " elements in one "
                    + top.localName());
          }
          PskcNode n = start();
          open.peek().add(n);
          push(n, open);
          break;
        case XMLStreamConstants.END_ELEMENT:
          open.pop();
          path.pop();
          if (open.isEmpty()) {
            return top;
          }
          break;
        case XMLStreamConstants.CHARACTERS:
        case XMLStreamConstants.CDATA:
        case XMLStreamConstants.SPACE:
          StringBuilder b = open.peek().textBuffer();
          int len = xml.getTextLength();
          if ((long) b.length() + len > maxText) {
            throw new InvalidInputException(
                pathString(), "text longer than the limit of " + maxText + " characters");
          }
          b.append(xml.getTextCharacters(), xml.getTextStart(), len);
          break;
        case XMLStreamConstants.DTD:
          throw doctype();
        default:
          break;
      }
    }
    throw new InvalidInputException("KeyContainer", "not well-formed XML: the file ends early");
  }

  private void push(PskcNode n, Deque<PskcNode> open) {
    open.push(n);
    path.push(n.localName());
    if (path.size() > maxDepth) {
      throw new InvalidInputException(
          pathString(),
          "elements nested deeper than the limit of " + maxDepth + " levels (line " + line() + ")");
    }
  }

  private PskcNode start() {
    PskcNode n = new PskcNode(xml.getNamespaceURI(), xml.getLocalName(), line());
    for (int i = 0; i < xml.getAttributeCount(); i++) {
      String v = xml.getAttributeValue(i);
      if (v.length() > maxText) {
        throw new InvalidInputException(
            pathString() + "/" + n.localName() + "/@" + xml.getAttributeLocalName(i),
            "longer than the limit of " + maxText + " characters");
      }
      n.attribute(xml.getAttributeNamespace(i), xml.getAttributeLocalName(i), v);
    }
    return n;
  }

  private int line() {
    Location l = xml.getLocation();
    return l == null ? -1 : l.getLineNumber();
  }

  /** The path of open elements, at most six names long (a deep path is cut, not listed). */
  private String pathString() {
    StringBuilder b = new StringBuilder();
    int i = 0;
    var it = path.descendingIterator();
    while (it.hasNext()) {
      String name = it.next();
      if (i == 6) {
        b.append("/...");
        break;
      }
      if (b.length() > 0) {
        b.append('/');
      }
      b.append(shorten(name));
      i++;
    }
    return b.length() == 0 ? "KeyContainer" : b.toString();
  }

  private static InvalidInputException doctype() {
    return new InvalidInputException(
        "DOCTYPE",
        "document type declarations are not allowed in PSKC files (external entities and"
            + " entity expansion are refused)");
  }

  /**
   * The JDK's XML parser sometimes fails with an unchecked exception of its own instead of an
   * XMLStreamException (found by fuzzing: a malformed DOCTYPE makes it look up a message key that
   * does not exist, a MissingResourceException). The file is still what is wrong: bad input.
   */
  private RuntimeException parserFailure(RuntimeException e) {
    if (input.tooLarge != null) {
      return input.tooLarge;
    }
    if (input.failure != null) {
      return new RootGuardException(
          "PSKC: cannot read the input: " + input.failure.getMessage(), input.failure);
    }
    return new InvalidInputException(
        "KeyContainer",
        "not well-formed XML: the XML parser stopped (" + e.getClass().getSimpleName() + ")");
  }

  private RuntimeException translate(XMLStreamException e) {
    if (input.tooLarge != null) {
      return input.tooLarge;
    }
    if (input.failure != null) {
      // The stream itself failed (disk, network): not the file's fault.
      return new RootGuardException(
          "PSKC: cannot read the input: " + input.failure.getMessage(), input.failure);
    }
    // Anything else, such as an invalid UTF-8 byte (a CharConversionException), is bad input.
    String m = String.valueOf(e.getMessage());
    if (m.contains("DOCTYPE") || m.contains("DTD")) {
      return doctype();
    }
    Location l = e.getLocation();
    String where =
        l == null ? "" : " at line " + l.getLineNumber() + ", column " + l.getColumnNumber();
    // The JDK prefixes its messages with "ParseError at [row,col]:[r,c]\nMessage: ".
    int at = m.indexOf("Message: ");
    String reason = at >= 0 ? m.substring(at + "Message: ".length()) : m;
    return new InvalidInputException(
        "KeyContainer", "not well-formed XML" + where + ": " + shorten(unquoted(reason)));
  }

  /**
   * The parser's reason without what it quotes from the file: a malformed XML declaration makes the
   * JDK quote the text after it (a {@code PlainValue} seed included), so every quoted span, and an
   * unterminated one to the end, becomes {@code "…"}. The line and column still locate the fault.
   */
  static String unquoted(String reason) {
    return reason.replaceAll("\"[^\"]*(\"|$)", "\"…\"").replaceAll("'[^']*('|$)", "'…'");
  }

  static String shorten(String s) {
    String clean = s.replaceAll("\\p{Cntrl}", " ");
    return clean.length() <= 80 ? clean : clean.substring(0, 77) + "...";
  }

  /**
   * Counts bytes and the current run of bytes without {@code '<'}; past either limit it records an
   * {@link InvalidInputException} and fails the read, which the XML parser turns into an exception
   * that {@link #translate} maps back to the recorded one.
   */
  private static final class Bounded extends FilterInputStream {
    private final long maxBytes;
    private final long maxRun;
    private long count;
    private long run;
    // Runs are counted from the first '<' on: before it, the parser only skips whitespace.
    private boolean markup;
    InvalidInputException tooLarge;
    IOException failure;

    Bounded(InputStream in, long maxBytes, long maxRun) {
      super(in);
      this.maxBytes = maxBytes;
      this.maxRun = maxRun;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (tooLarge != null) {
        throw new IOException(tooLarge.getMessage());
      }
      int n;
      try {
        n = super.read(b, off, len);
      } catch (IOException e) {
        failure = e;
        throw e;
      }
      if (n <= 0) {
        return n;
      }
      count += n;
      if (count > maxBytes) {
        tooLarge =
            new InvalidInputException("file", "larger than the limit of " + maxBytes + " bytes");
        throw new IOException(tooLarge.getMessage());
      }
      for (int i = off; i < off + n; i++) {
        if (b[i] == '<') {
          run = 0;
          markup = true;
        } else if (markup && ++run > maxRun) {
          tooLarge =
              new InvalidInputException(
                  "KeyContainer",
                  "a tag or text of more than the limit of " + maxRun + " bytes (between two '<')");
          throw new IOException(tooLarge.getMessage());
        }
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] buf = new byte[(int) Math.min(n, 8192)];
      int r = read(buf, 0, buf.length);
      return Math.max(r, 0);
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }
}
