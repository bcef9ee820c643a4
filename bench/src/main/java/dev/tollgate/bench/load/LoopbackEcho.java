package dev.tollgate.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The reference for a refusal's latency: an HTTP/1.1 server in the load client's JVM that reads a
 * request over loopback and answers a fixed 402 of a refusal's size without computing anything (a
 * thread per connection, blocking sockets). Driven at the authorise phase's rate and concurrency by
 * the same pacer and workers, its latency is the floor that any answer over loopback meets on this
 * machine: the pacer's and the workers' wake-ups, two socket hand-offs and the kernel.
 */
final class LoopbackEcho implements AutoCloseable {
  private static final byte[] ANSWER;

  static {
    String body = "{\"type\":\"about:blank\",\"title\":\"Payment Required\",\"status\":402,"
        + "\"code\":\"insufficient_credit\",\"detail\":\"the account's credit does not cover the hold\"}";
    ANSWER = ("HTTP/1.1 402 \r\nContent-Type: application/problem+json\r\nContent-Length: " + body.length()
        + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
  }

  private final ServerSocket listener;
  private final Thread acceptor;

  private LoopbackEcho(ServerSocket listener) {
    this.listener = listener;
    this.acceptor = new Thread(this::accept, "echo-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  static LoopbackEcho start() throws IOException {
    return new LoopbackEcho(new ServerSocket(0, 512, InetAddress.getLoopbackAddress()));
  }

  int port() {
    return listener.getLocalPort();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket socket = listener.accept();
        socket.setTcpNoDelay(true);
        Thread t = new Thread(() -> serve(socket), "echo-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private static void serve(Socket socket) {
    byte[] buf = new byte[16 * 1024];
    try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
      int start = 0;
      int end = 0;
      while (true) {
        int headerEnd;
        while ((headerEnd = indexOfBlankLine(buf, start, end)) < 0) {
          if (end == buf.length) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
          }
          int n = in.read(buf, end, buf.length - end);
          if (n < 0) {
            return;
          }
          end += n;
        }
        int bodyLength = contentLength(buf, start, headerEnd);
        int requestEnd = headerEnd + 4 + bodyLength;
        while (end < requestEnd) {
          int n = in.read(buf, end, buf.length - end);
          if (n < 0) {
            return;
          }
          end += n;
        }
        out.write(ANSWER);
        out.flush();
        start = requestEnd;
        if (start == end) {
          start = 0;
          end = 0;
        }
      }
    } catch (IOException e) {
      // the client closed the connection
    }
  }

  private static int indexOfBlankLine(byte[] b, int from, int to) {
    for (int i = from; i + 3 < to; i++) {
      if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static int contentLength(byte[] b, int from, int headerEnd) {
    String head = new String(b, from, headerEnd - from, StandardCharsets.US_ASCII).toLowerCase();
    int at = head.indexOf("content-length:");
    if (at < 0) {
      return 0;
    }
    int eol = head.indexOf('\r', at);
    return Integer.parseInt(head.substring(at + 15, eol < 0 ? head.length() : eol).trim());
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
