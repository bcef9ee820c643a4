package dev.tollgate.server.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses bodies over the named limit with 413 {@code body_too_large}: at once when the declared
 * length is over it, and while reading when a chunked body grows past it, so no handler ever sees
 * more than the limit. A few named paths have their own, larger limit (price imports: LiteLLM's
 * list is 1.67 MB).
 */
public final class BodyLimitFilter extends OncePerRequestFilter {
  /** The price import, whose body is a whole price list. */
  public static final String PRICES_IMPORT_PATH = "/v1/prices:import";

  private final long defaultBytesMax;
  private final Map<String, Long> bytesMaxByPath;
  private final ProblemResponses problems;

  public BodyLimitFilter(long bodyBytesMax, Map<String, Long> bytesMaxByPath, ProblemResponses problems) {
    this.defaultBytesMax = bodyBytesMax;
    this.bytesMaxByPath = Map.copyOf(bytesMaxByPath);
    this.problems = problems;
  }

  /** The limit of a request's exact path (no prefix matching, so no path can borrow a larger limit). */
  long limitFor(HttpServletRequest request) {
    return bytesMaxByPath.getOrDefault(request.getRequestURI(), defaultBytesMax);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long bodyBytesMax = limitFor(request);
    long declared = request.getContentLengthLong();
    if (declared > bodyBytesMax) {
      problems.write(response, HttpStatus.CONTENT_TOO_LARGE, "body_too_large",
          new BodyTooLargeException(bodyBytesMax).getMessage());
      return;
    }
    chain.doFilter(new Limited(request, bodyBytesMax), response);
  }

  private static final class Limited extends HttpServletRequestWrapper {
    private final long limit;
    private ServletInputStream stream;

    Limited(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new Counting(super.getInputStream(), limit);
      }
      return stream;
    }
  }

  private static final class Counting extends ServletInputStream {
    private final ServletInputStream in;
    private final long limit;
    private long read;

    Counting(ServletInputStream in, long limit) {
      this.in = in;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws IOException {
      read += n;
      if (read > limit) {
        throw new BodyTooLargeException(limit);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
