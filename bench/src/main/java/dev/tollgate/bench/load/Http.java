package dev.tollgate.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal blocking HTTP/1.1 keep-alive client on one socket to 127.0.0.1, cheap enough per
 * request (one write, a few reads, no allocation beyond its buffers) that the load generator does
 * not compete with the server for the machine's two cores. It speaks only what Tomcat answers to a
 * POST/PUT/GET with a small header: Content-Length or chunked bodies, and {@code Connection: close}
 * (Tomcat closes a keep-alive connection after 100 requests by default; we reconnect).
 */
final class Http implements AutoCloseable {
  private static final String HOST = "127.0.0.1";

  private final int port;
  private final byte[] headerPrefix;
  private Socket socket;
  private OutputStream out;
  private InputStream in;
  private byte[] buf = new byte[64 * 1024];
  private int start;
  private int end;
  private byte[] body = new byte[64 * 1024];
  private int bodyLength;
  private byte[] request = new byte[4096];

  Http(int port, String adminToken) {
    this.port = port;
    this.headerPrefix = (" HTTP/1.1\r\nHost: " + HOST + ":" + port + "\r\nAuthorization: Bearer " + adminToken
        + "\r\nContent-Type: application/json\r\nAccept: application/json\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  /** Sends one request and reads the whole answer; returns its status. Retries once on a dropped connection. */
  int send(String method, String path, byte[] content) throws IOException {
    try {
      return exchange(method, path, content);
    } catch (IOException e) {
      // A keep-alive connection the server closed while we were idle: one fresh try. Every hot-path
      // write is idempotent by its request id, so a retry cannot double-charge.
      closeSocket();
      return exchange(method, path, content);
    }
  }

  int post(String path, byte[] content) throws IOException {
    return send("POST", path, content);
  }

  /** The body of the last answer (valid until the next request). */
  String bodyText() {
    return new String(body, 0, bodyLength, StandardCharsets.UTF_8);
  }

  /** How many times {@code needle} occurs in the last answer's body. */
  int countInBody(byte[] needle) {
    int count = 0;
    outer:
    for (int i = 0; i + needle.length <= bodyLength; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (body[i + j] != needle[j]) {
          continue outer;
        }
      }
      count++;
      i += needle.length - 1;
    }
    return count;
  }

  private int exchange(String method, String path, byte[] content) throws IOException {
    if (socket == null) {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(HOST, port), 5_000);
      socket.setSoTimeout(60_000);
      out = socket.getOutputStream();
      in = socket.getInputStream();
      start = 0;
      end = 0;
    }
    int length = content == null ? 0 : content.length;
    byte[] head = (method + " " + path).getBytes(StandardCharsets.US_ASCII);
    byte[] tail = ("Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    int total = head.length + headerPrefix.length + tail.length + length;
    if (request.length < total) {
      request = new byte[Math.max(total, request.length * 2)];
    }
    int p = 0;
    System.arraycopy(head, 0, request, p, head.length);
    p += head.length;
    System.arraycopy(headerPrefix, 0, request, p, headerPrefix.length);
    p += headerPrefix.length;
    System.arraycopy(tail, 0, request, p, tail.length);
    p += tail.length;
    if (length > 0) {
      System.arraycopy(content, 0, request, p, length);
      p += length;
    }
    out.write(request, 0, p);
    out.flush();
    return readResponse();
  }

  private int readResponse() throws IOException {
    // Header block.
    int headerEnd;
    while ((headerEnd = indexOfCrlfCrlf()) < 0) {
      fill();
    }
    int status = (buf[start + 9] - '0') * 100 + (buf[start + 10] - '0') * 10 + (buf[start + 11] - '0');
    long contentLength = -1;
    boolean chunked = false;
    boolean close = false;
    int line = start;
    while (line < headerEnd) {
      int eol = line;
      while (buf[eol] != '\r') {
        eol++;
      }
      if (startsWithIgnoreCase(line, eol, "content-length:")) {
        contentLength = Long.parseLong(ascii(line + 15, eol).trim());
      } else if (startsWithIgnoreCase(line, eol, "transfer-encoding:")) {
        chunked = ascii(line + 18, eol).toLowerCase().contains("chunked");
      } else if (startsWithIgnoreCase(line, eol, "connection:")) {
        close = ascii(line + 11, eol).toLowerCase().contains("close");
      }
      line = eol + 2;
    }
    start = headerEnd + 4;
    bodyLength = 0;
    if (chunked) {
      while (true) {
        int eol;
        while ((eol = indexOfCrlf()) < 0) {
          fill();
        }
        String sizeText = ascii(start, eol);
        int semi = sizeText.indexOf(';');
        int size = Integer.parseInt((semi >= 0 ? sizeText.substring(0, semi) : sizeText).trim(), 16);
        start = eol + 2;
        if (size == 0) {
          // Trailers (none expected) end with an empty line.
          while ((eol = indexOfCrlf()) < 0) {
            fill();
          }
          start = eol + 2;
          break;
        }
        readBody(size);
        while (end - start < 2) {
          fill();
        }
        start += 2;
      }
    } else if (contentLength > 0) {
      readBody((int) contentLength);
    } else if (contentLength < 0) {
      throw new IOException("answer without Content-Length or chunked encoding");
    }
    if (close) {
      closeSocket();
    }
    return status;
  }

  private void readBody(int size) throws IOException {
    if (body.length < bodyLength + size) {
      body = Arrays.copyOf(body, Math.max(bodyLength + size, body.length * 2));
    }
    int left = size;
    while (left > 0) {
      if (start == end) {
        fill();
      }
      int n = Math.min(left, end - start);
      System.arraycopy(buf, start, body, bodyLength, n);
      bodyLength += n;
      start += n;
      left -= n;
    }
  }

  private void fill() throws IOException {
    if (start == end) {
      start = 0;
      end = 0;
    } else if (end == buf.length) {
      if (start > 0) {
        System.arraycopy(buf, start, buf, 0, end - start);
        end -= start;
        start = 0;
      } else {
        buf = Arrays.copyOf(buf, buf.length * 2);
      }
    }
    int n = in.read(buf, end, buf.length - end);
    if (n < 0) {
      throw new IOException("connection closed by the server");
    }
    end += n;
  }

  private int indexOfCrlfCrlf() {
    for (int i = start; i + 3 < end; i++) {
      if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private int indexOfCrlf() {
    for (int i = start; i + 1 < end; i++) {
      if (buf[i] == '\r' && buf[i + 1] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private boolean startsWithIgnoreCase(int from, int to, String prefix) {
    if (to - from < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (Character.toLowerCase((char) buf[from + i]) != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private String ascii(int from, int to) {
    return new String(buf, from, to - from, StandardCharsets.US_ASCII);
  }

  private void closeSocket() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
      socket = null;
    }
  }

  @Override
  public void close() {
    closeSocket();
  }
}
